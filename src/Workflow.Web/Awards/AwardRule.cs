using Workflow.Engine;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>
/// An award kind (loại khen thưởng) as versioned data: who issues it, who is eligible, the limit per group, the
/// serial series and the certificate's words. Editing adds version N+1 of the same code and retires the previous one;
/// grants and certificates keep the exact version they were given under. The kind marked
/// <see cref="WithRatingDecision"/> is granted to every subject of a rating Decision at its level as the Decision is
/// published; the others go through an award round.
/// </summary>
public sealed class AwardRule : IAudited
{
    public Guid Id { get; set; } = Uuid7.New();
    public required string Code { get; set; }
    public int Version { get; set; } = 1;
    /// <summary>The version in force (one per code); older versions stay for what was granted under them.</summary>
    public bool IsCurrent { get; set; } = true;
    /// <summary>The kind's name in lists: "Giấy khen HTXSNV tiêu biểu".</summary>
    public string Name { get; set; } = "";
    /// <summary>The document's title in capitals, e.g. "GIẤY KHEN".</summary>
    public required string Title { get; set; }
    /// <summary>The serial suffix before the issuer's code: "GK" gives "Số 125/GK-ĐUK"; serials count per issuer, year and series.</summary>
    public required string SerialKind { get; set; }
    public AwardIssuer Issuer { get; set; }
    public AwardEligibility Eligibility { get; set; }
    public RatingLevel Level { get; set; }
    /// <summary>For <see cref="AwardEligibility.ConsecutiveYears"/>: how many years in a row, ending with the round's year.</summary>
    public int Years { get; set; } = 1;
    /// <summary>For <see cref="AwardEligibility.AwardHeld"/>: the code of the award kind held this year.</summary>
    public string? HeldCode { get; set; }
    /// <summary>For <see cref="AwardEligibility.TitleHeld"/>: the emulation title recognized this year.</summary>
    public EmulationTitle? HeldTitle { get; set; }
    /// <summary>Comma-separated subject types; empty for all.</summary>
    public string SubjectTypes { get; set; } = "";
    /// <summary>At most this many per group (collectives, individuals); null for no number limit.</summary>
    public int? LimitCount { get; set; }
    /// <summary>At most this share (percent) of the group's candidates; null for no share limit.</summary>
    public decimal? LimitPercent { get; set; }
    /// <summary>Granted to every subject decided at <see cref="Level"/> when a rating Decision is published.</summary>
    public bool WithRatingDecision { get; set; }
    /// <summary>The reason line; {year} is replaced by the round's year, {from} by the first year of a streak.</summary>
    public required string Reason { get; set; }
    public bool Active { get; set; } = true;
    /// <summary>Where the kind comes in lists, documents and statistics sentences.</summary>
    public int SortOrder { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedBy { get; set; }

    public bool Covers(SubjectType type) =>
        SubjectTypes.Length == 0 || SubjectTypes.Split(',', StringSplitOptions.TrimEntries).Contains(type.ToString());

    public IReadOnlyList<SubjectType> Types =>
        SubjectTypes.Length == 0 ? Enum.GetValues<SubjectType>() : SubjectTypes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<SubjectType>).ToList();

    public string ReasonFor(int year) => Reason
        .Replace("{year}", year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{from}", (year - Math.Max(Years, 1) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>Individuals receive it (the kind covers members).</summary>
    public bool ForIndividuals => Covers(SubjectType.Member);

    /// <summary>Collectives receive it (the kind covers organizations or committee collectives).</summary>
    public bool ForCollectives => Covers(SubjectType.GrassrootsOrganization) || Covers(SubjectType.CommitteeCollective);

    /// <summary>The kind the product has always granted: a Giấy khen to every subject decided HTXSNV, with the Decision.</summary>
    public static AwardRule Default() => new()
    {
        Code = "GK-HTXSNV", Name = "Giấy khen hoàn thành xuất sắc nhiệm vụ", Title = "GIẤY KHEN", SerialKind = "GK", Level = RatingLevel.Excellent,
        WithRatingDecision = true, Reason = "Đã có thành tích hoàn thành xuất sắc nhiệm vụ năm {year}",
    };
}
