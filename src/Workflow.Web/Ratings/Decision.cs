namespace Workflow.Web.Ratings;

/// <summary>A Decision (Quyết định công nhận xếp loại chất lượng) for one peer group, or an amendment of one.</summary>
public sealed class Decision : Entity, IAudited
{
    public Guid RoundId { get; set; }
    public Guid DecidingUnitId { get; set; }
    public SubjectType SubjectType { get; set; }
    /// <summary>"125-QĐ/ĐUK".</summary>
    public required string Number { get; set; }
    public DateOnly DecidedOn { get; set; }
    public required string SignerName { get; set; }
    public required string SignerTitle { get; set; }
    public Guid? AmendsDecisionId { get; set; }
    public string? OverQuotaReason { get; set; }
    public int MaxExcellent { get; set; }
    /// <summary>When the certificates this decision earns were issued (null: the issuing job has not finished yet).</summary>
    public DateTime? CertificatesIssuedAtUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedBy { get; set; }
}
