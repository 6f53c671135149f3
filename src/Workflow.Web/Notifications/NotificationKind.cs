namespace Workflow.Web.Notifications;

public enum NotificationKind
{
    Assigned = 0,
    Delegated = 1,
    Resolved = 2,
    Returned = 3,
    Reminder = 4,
}
