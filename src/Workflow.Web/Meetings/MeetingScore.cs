namespace Workflow.Web.Meetings;

/// <summary>The score of one branch's meetings in one period: the sheet's points, the total, the grade, who did what.</summary>
public sealed class MeetingScore : Entity
{
    public Guid PeriodId { get; set; }
    public Guid UnitId { get; set; }
    public required string UnitName { get; set; }
    public required string UnitPath { get; set; }
    /// <summary>The committee that confirms: the grassroots committee of an affiliated branch, the committee above a grassroots branch.</summary>
    public Guid ConfirmerUnitId { get; set; }
    /// <summary>Points per criterion code, as JSON ({"preparation": 14, ...}).</summary>
    public string? Points { get; set; }
    public int? Total { get; set; }
    public MeetingLevel? Level { get; set; }
    public MeetingScoreStatus Status { get; set; }
    public string? Note { get; set; }
    public string? ReturnReason { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateTime? ConfirmedAtUtc { get; set; }
    /// <summary>Bumped by every change: a stale save is refused.</summary>
    public int Version { get; set; }
}
