using Workflow.Engine;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>
/// One year's rating of one subject in the achievement record (hồ sơ thành tích): written from every published
/// Decision (an amendment overwrites), or imported for years before the product. One row per subject and year, so a
/// streak ("HTXSNV 5 năm liền") is one grouped, indexed query. The subject is a unit (organization, collective) or a
/// member; <see cref="UnitPath"/> scopes it like the files.
/// </summary>
public sealed class YearRating
{
    public Guid Id { get; set; } = Uuid7.New();
    public SubjectType SubjectType { get; set; }
    /// <summary>The unit rated (organization, collective) or the member rated.</summary>
    public Guid SubjectId { get; set; }
    public required string SubjectName { get; set; }
    /// <summary>The unit of the subject (itself for a unit, the member's unit for a member).</summary>
    public Guid UnitId { get; set; }
    public string UnitPath { get; set; } = "";
    public int Year { get; set; }
    public RatingLevel Level { get; set; }
    /// <summary>The Decision that recorded it; null when imported.</summary>
    public Guid? DecisionId { get; set; }
    /// <summary>"125-QĐ/ĐUK", or the source named by the import.</summary>
    public string? DecisionNumber { get; set; }
    public bool Imported { get; set; }
    public DateTime RecordedAtUtc { get; set; }
}
