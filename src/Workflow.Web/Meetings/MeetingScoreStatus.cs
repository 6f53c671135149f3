namespace Workflow.Web.Meetings;

public enum MeetingScoreStatus
{
    /// <summary>Opened with the period, not scored yet.</summary>
    Pending = 0,
    /// <summary>Scored and sent by the branch; waits for the committee above.</summary>
    Submitted = 1,
    /// <summary>Confirmed by the committee above: counted in the roll-ups.</summary>
    Confirmed = 2,
    /// <summary>Sent back by the committee above, with a reason.</summary>
    Returned = 3,
}
