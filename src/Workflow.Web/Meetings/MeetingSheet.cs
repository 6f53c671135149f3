namespace Workflow.Web.Meetings;

/// <summary>A saved version of the scoring sheet.</summary>
public sealed class MeetingSheet : Entity, IAudited
{
    public int Version { get; set; }
    public required string Definition { get; set; }
    public DateTime SavedAtUtc { get; set; }
    public string? SavedBy { get; set; }
}
