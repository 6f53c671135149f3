namespace Workflow.Web.Templates;

/// <summary>
/// An admin-editable Scriban template, versioned: saving makes a new version, the latest is used. The template writes
/// a small line-based markup (see <see cref="DocumentMarkup"/>), never raw HTML, so the same text becomes a safe web
/// page and a .docx.
/// </summary>
public sealed class DocumentTemplate : Entity, IAudited
{
    /// <summary>"decision" for the Decision document.</summary>
    public required string Key { get; set; }
    public int Version { get; set; }
    public required string Content { get; set; }
    public DateTime SavedAtUtc { get; set; }
    public string? SavedBy { get; set; }
}
