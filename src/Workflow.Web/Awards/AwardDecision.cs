namespace Workflow.Web.Awards;

/// <summary>A Quyết định khen thưởng: number, date, signer and its list (<see cref="AwardGrant"/>); certificates follow in the background.</summary>
public sealed class AwardDecision : Entity, IAudited
{
    public Guid RoundId { get; set; }
    public Guid IssuerUnitId { get; set; }
    /// <summary>"12-QĐ/ĐUK".</summary>
    public required string Number { get; set; }
    public DateOnly DecidedOn { get; set; }
    public required string SignerName { get; set; }
    public required string SignerTitle { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>Loaded from a sheet of prior years' results (no round, no certificates).</summary>
    public bool Imported { get; set; }
    public string? CreatedBy { get; set; }
    /// <summary>When its certificates were all issued (null: the issuing task has not finished).</summary>
    public DateTime? CertificatesIssuedAtUtc { get; set; }
}
