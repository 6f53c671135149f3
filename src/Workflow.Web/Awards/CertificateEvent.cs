namespace Workflow.Web.Awards;

/// <summary>
/// The register of what happened to a certificate after it was issued (DOMAIN.md: "the register keeps it with the
/// reason"): each revocation and each annulment of one, with who, when and why. Never changed or deleted.
/// </summary>
public sealed class CertificateEvent : Entity, IAudited
{
    public Guid CertificateId { get; set; }
    public CertificateEventKind Kind { get; set; }
    public required string Reason { get; set; }
    public DateTime AtUtc { get; set; }
    public required string Actor { get; set; }
    public string? ActorName { get; set; }
}
