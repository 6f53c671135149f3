namespace Workflow.Web.Ratings;

/// <summary>
/// A formal conclusion of degradation ("suy thoái") about one subject for a year, recorded by the inspection committee.
/// Like a discipline it is a fact of the year: it caps every open file of that subject in that year, in every round.
/// </summary>
public sealed class DegradationConclusion : Entity, IAudited
{
    public int Year { get; set; }
    public SubjectType SubjectType { get; set; }
    /// <summary>The organization concluded about, or the unit of the member.</summary>
    public Guid UnitId { get; set; }
    public Guid? MemberId { get; set; }
    public string UnitPath { get; set; } = "";
    /// <summary>The file whose inspection opinion recorded it.</summary>
    public Guid FileId { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    public string? RecordedBy { get; set; }
}
