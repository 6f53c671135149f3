using System.Security.Cryptography;
using Workflow.Engine;
namespace Workflow.Web.Awards;

/// <summary>
/// One certificate: who, for what, under which decision, its serial number (unique per issuer, year and series, without gaps)
/// and an unguessable code for the public verification page. One per subject, award and decision.
/// </summary>
public sealed class Certificate : IAudited
{
    public Guid Id { get; set; } = Uuid7.New();
    public Guid AwardRuleId { get; set; }
    public Guid DecisionId { get; set; }
    /// <summary>The line it was issued for: the rated file (a rating Decision) or the <see cref="AwardGrant"/> (an award decision).</summary>
    public Guid FileId { get; set; }
    public Guid IssuerUnitId { get; set; }
    public int Year { get; set; }
    /// <summary>The series ("GK", "BK"): serials count per issuer, year and series.</summary>
    public string SerialKind { get; set; } = "GK";
    public int Serial { get; set; }
    /// <summary>"125/GK-ĐUK".</summary>
    public required string Number { get; set; }
    public required string Title { get; set; }
    public required string RecipientName { get; set; }
    public required string UnitName { get; set; }
    public required string IssuerName { get; set; }
    public required string Reason { get; set; }
    public required string DecisionNumber { get; set; }
    public DateOnly DecisionDate { get; set; }
    /// <summary>"Bình Giang, ngày 10 tháng 01 năm 2023".</summary>
    public required string DateLine { get; set; }
    public required string SignerTitle { get; set; }
    public required string SignerName { get; set; }
    /// <summary>128 random bits, base32: what the QR code and /verify/{code} carry.</summary>
    public required string Code { get; set; }
    public CertificateStatus Status { get; set; }
    public string? RevokedReason { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
    public DateTime IssuedAtUtc { get; set; }
    /// <summary>The certificate template's version it was issued with (0: the built-in design); it is always drawn with it.</summary>
    public int TemplateVersion { get; set; }
    /// <summary>The template it was issued with: the shared one ("certificate") or its award kind's own ("certificate:GK-DVK").</summary>
    public string TemplateKey { get; set; } = CertificateLayout.Key;

    /// <summary>The title as a name: "GIẤY KHEN" → "Giấy khen", "BẰNG KHEN" → "Bằng khen".</summary>
    public string KindName => NameOf(Title);

    /// <summary>A title in capitals as a name: its first letter kept capital, the rest lower case (Vietnamese rules).</summary>
    public static string NameOf(string title)
    {
        var vietnamese = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");
        var lower = title.ToLower(vietnamese);
        return lower.Length == 0 ? lower : char.ToUpper(lower[0], vietnamese) + lower[1..];
    }

    public static string NewCode()
    {
        const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
        var bytes = RandomNumberGenerator.GetBytes(26);
        return string.Concat(bytes.Select(b => Alphabet[b % Alphabet.Length]));
    }
}
