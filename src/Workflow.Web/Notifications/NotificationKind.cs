namespace Workflow.Web.Notifications;

public enum NotificationKind
{
    Assigned = 0,
    Delegated = 1,
    Resolved = 2,
    Returned = 3,
    Reminder = 4,
    /// <summary>The daily summary of what waits in a user's groups.</summary>
    QueueSummary = 5,
    /// <summary>A Decision was issued for a subject the user answers for.</summary>
    Decided = 6,
    /// <summary>Certificates were granted.</summary>
    Certificates = 7,
}
