namespace Workflow.Web.Designer;

/// <summary>
/// The admin's work in progress on one process key, kept server-side. A draft is never deployed: running and new
/// instances only ever see published versions. Publishing deploys it as version N+1 and removes it.
/// </summary>
public sealed class ProcessDraft : Entity, IAudited
{
    public required string Key { get; set; }
    public string? Name { get; set; }
    public required string Xml { get; set; }
    /// <summary>The published version the draft was started from (null for a new process).</summary>
    public int? BasedOnVersion { get; set; }
    public DateTime SavedAtUtc { get; set; }
    public required string SavedBy { get; set; }
}
