namespace Workflow.Web.Ratings;

/// <summary>A discipline recorded by the inspection committee, against a member or an organization, in a year.</summary>
public sealed class Discipline : Entity, IAudited
{
    public Guid? MemberId { get; set; }
    /// <summary>The disciplined organization, or the unit of the disciplined member.</summary>
    public Guid UnitId { get; set; }
    public string UnitPath { get; set; } = "";
    public int Year { get; set; }
    public DisciplineForm Form { get; set; }
    public DateOnly DecidedOn { get; set; }
    /// <summary>Self-discovered, reported and its consequences remedied: does not cap a member's level.</summary>
    public bool SelfRemedied { get; set; }
    /// <summary>The member held a leadership position (counts against the collective).</summary>
    public bool IsLeader { get; set; }
    public string? Note { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    public string? RecordedBy { get; set; }
}
