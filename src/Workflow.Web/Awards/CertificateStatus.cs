namespace Workflow.Web.Awards;

public enum CertificateStatus
{
    Valid = 0,
    Revoked = 1,
}
