namespace Workflow.Web.Awards;

public enum CertificateEventKind
{
    Revoked = 0,
    /// <summary>A revocation found wrong and annulled: the certificate is valid again.</summary>
    RevocationAnnulled = 1,
}
