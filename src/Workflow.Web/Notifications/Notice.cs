namespace Workflow.Web.Notifications;

/// <summary>One line for one user's bell; <paramref name="DedupeKey"/> keeps its mail from being sent twice.</summary>
public sealed record Notice(string UserName, NotificationKind Kind, string Text, string? Link, string DedupeKey);
