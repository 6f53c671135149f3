namespace Workflow.Web.Designer;

/// <summary>
/// A task form designed with form-js, saved under a form key ("form:" + Key in a user task) with versions: the inbox
/// renders the latest version, and the server repeats its required and pattern rules when the task is completed.
/// </summary>
public sealed class FormDefinition : Entity, IAudited
{
    public required string Key { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    /// <summary>The form-js schema (JSON).</summary>
    public required string Schema { get; set; }
    public DateTime SavedAtUtc { get; set; }
    public required string SavedBy { get; set; }
}
