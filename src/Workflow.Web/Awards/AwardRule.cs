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
