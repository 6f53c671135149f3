using Workflow.Engine;


namespace Workflow.Web.Notifications;

/// <summary>One line under the inbox bell: what happened to the user's work, a link to it, read or not.</summary>
public sealed class Notification
{
    /// <summary>The longest text a notification keeps (longer ones are cut with an ellipsis).</summary>
    public const int MaxTextLength = 500;

    /// <summary>The text bounded to <see cref="MaxTextLength"/>.</summary>
    public static string Bounded(string text, int length = MaxTextLength) => text.Length > length ? text[..(length - 1)] + "…" : text;

    public Guid Id { get; set; } = Uuid7.New();
    public required string UserName { get; set; }
    public NotificationKind Kind { get; set; }
    public required string Text { get; set; }
    public string? Link { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }
}
