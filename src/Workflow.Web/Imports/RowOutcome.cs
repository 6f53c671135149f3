namespace Workflow.Web.Imports;

/// <summary>What one row did (or would do, in a dry run).</summary>
public enum RowOutcome
{
    Unchanged = 0,
    Created = 1,
    Updated = 2,
    Error = 3,
}
