namespace Workflow.Web.Notifications;

public enum NotificationKind
{
    Assigned = 0,
    Delegated = 1,
    Resolved = 2,
    Returned = 3,
    Reminder = 4,
}

/// <summary>One line under the inbox bell: what happened to the user's work, a link to it, read or not.</summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string UserName { get; set; }
    public NotificationKind Kind { get; set; }
    public required string Text { get; set; }
    public string? Link { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }
}
