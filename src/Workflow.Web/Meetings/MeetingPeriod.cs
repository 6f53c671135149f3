namespace Workflow.Web.Meetings;

/// <summary>
/// One period of branch meetings to score: a month (or a quarter, when the schedule is quarterly). Opened once per
/// period for every branch active on its first day, by the recurring job or by an admin.
/// </summary>
public sealed class MeetingPeriod : Entity, IAudited
{
    public int Year { get; set; }
    /// <summary>The first month of the period.</summary>
    public int Month { get; set; }
    /// <summary>1 (a month) or 3 (a quarter).</summary>
    public int Months { get; set; } = 1;
    public int SheetVersion { get; set; }
    public DateTime DueUtc { get; set; }
    public DateTime OpenedAtUtc { get; set; }
    public string? OpenedBy { get; set; }
    public int BranchCount { get; set; }

    public int Quarter => ((Month - 1) / 3) + 1;

    public string Label => MeetingText.Period(Year, Month, Months);
}
