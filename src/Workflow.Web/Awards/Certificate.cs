using System.Security.Cryptography;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>
/// Which subjects of a published decision get which award: data, so later awards reuse the machinery. The default
/// rule gives every subject decided HTXSNV a "Giấy khen" from the deciding unit.
/// </summary>
public sealed class AwardRule
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    /// <summary>The document's title in capitals, e.g. "GIẤY KHEN".</summary>
    public required string Title { get; set; }
    /// <summary>The serial suffix before the issuer's code: "GK" gives "Số 125/GK-ĐUK".</summary>
    public required string SerialKind { get; set; }
    public RatingLevel Level { get; set; }
    /// <summary>Comma-separated subject types; empty for all.</summary>
    public string SubjectTypes { get; set; } = "";
    /// <summary>The reason line; {year} is replaced by the round's year.</summary>
    public required string Reason { get; set; }
    public bool Active { get; set; } = true;

    public bool Covers(SubjectType type) =>
        SubjectTypes.Length == 0 || SubjectTypes.Split(',', StringSplitOptions.TrimEntries).Contains(type.ToString());

    public static AwardRule Default() => new()
    {
        Code = "GK-HTXSNV", Title = "GIẤY KHEN", SerialKind = "GK", Level = RatingLevel.Excellent,
        Reason = "Đã có thành tích hoàn thành xuất sắc nhiệm vụ năm {year}",
    };
}

public enum CertificateStatus
{
    Valid = 0,
    Revoked = 1,
}

public enum CertificateEventKind
{
    Revoked = 0,
    /// <summary>A revocation found wrong and annulled: the certificate is valid again.</summary>
    RevocationAnnulled = 1,
}

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

/// <summary>
/// One certificate: who, for what, under which decision, its serial number (unique per issuer and year, without gaps)
/// and an unguessable code for the public verification page. One per subject, award and decision.
/// </summary>
public sealed class Certificate : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AwardRuleId { get; set; }
    public Guid DecisionId { get; set; }
    public Guid FileId { get; set; }
    public Guid IssuerUnitId { get; set; }
    public int Year { get; set; }
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

    public static string NewCode()
    {
        const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
        var bytes = RandomNumberGenerator.GetBytes(26);
        return string.Concat(bytes.Select(b => Alphabet[b % Alphabet.Length]));
    }
}

/// <summary>The next serial number of an issuer in a year; bumped in the issuing transaction, so serials never repeat or skip.</summary>
public sealed class CertificateCounter
{
    public Guid IssuerUnitId { get; set; }
    public int Year { get; set; }
    public int Last { get; set; }
}
