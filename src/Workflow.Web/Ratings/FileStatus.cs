namespace Workflow.Web.Ratings;

public enum FileStatus
{
    /// <summary>Opened, nothing entered yet.</summary>
    Opened = 0,
    Draft = 1,
    Submitted = 2,
    /// <summary>Returned by the organization board for revision.</summary>
    Returned = 3,
    /// <summary>Reviewed: a level is proposed and the standing committee may decide.</summary>
    Proposed = 4,
    Decided = 5,
    /// <summary>A complaint was filed after the decision.</summary>
    Complained = 6,
}
