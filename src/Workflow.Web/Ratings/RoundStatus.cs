namespace Workflow.Web.Ratings;

public enum RoundStatus
{
    /// <summary>Created; its files and workflow instances are being created in batches.</summary>
    Opening = 0,
    Open = 1,
    /// <summary>Opening stopped on an error (shown on the page); running it again resumes.</summary>
    Failed = 2,
}
