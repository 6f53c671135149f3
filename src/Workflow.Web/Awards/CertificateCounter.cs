namespace Workflow.Web.Awards;

/// <summary>The next serial number of an issuer in a year; bumped in the issuing transaction, so serials never repeat or skip.</summary>
public sealed class CertificateCounter
{
    public Guid IssuerUnitId { get; set; }
    public int Year { get; set; }
    public int Last { get; set; }
}
