namespace Workflow.Web.Reminders;

/// <summary>What happens to a reminder's email.</summary>
public enum ReminderEmail
{
    /// <summary>No email: the user has no address or chose in-app only.</summary>
    None = 0,
    /// <summary>Written to the outbox (one message, or one summary for the scan when many were due).</summary>
    Queued = 1,
    /// <summary>The user reads mail as a daily digest: waiting for the next one.</summary>
    DigestPending = 2,
    Digested = 3,
}
