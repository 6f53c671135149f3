namespace Workflow.Web.Imports;

/// <summary>Where an import stands: checked (the dry run), queued, running in batches, done, or failed.</summary>
public enum ImportStatus
{
    /// <summary>The dry run is done; nothing is written until someone starts it.</summary>
    Checked = 0,
    Queued = 1,
    Running = 2,
    Completed = 3,
    Failed = 4,
}
