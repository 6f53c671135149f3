namespace Workflow.Web.Awards;

/// <summary>The last serial number of an issuer's series ("GK", "BK") in a year; bumped in the issuing transaction, so serials never repeat or skip.</summary>
public sealed class CertificateCounter
{
    public Guid IssuerUnitId { get; set; }
    public int Year { get; set; }
    public string SerialKind { get; set; } = "GK";
    public int Last { get; set; }
}
