namespace Workflow.Web.Mail;

public enum OutboxStatus
{
    Pending = 0,
    Sent = 1,
    /// <summary>Gave up after the last retry; an admin sees it and may send it again.</summary>
    Failed = 2,
}
