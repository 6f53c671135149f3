using Workflow.Engine;


namespace Workflow.Web.Mail;

/// <summary>
/// One email waiting to go, sent, or given up on. Messages are written in the transaction of the work that caused them
/// (a rolled-back command sends nothing), and a sender job delivers them over SMTP with retries. A dedupe key, unique,
/// makes "the same reminder to the same person" one message however many times the producer runs.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Uuid7.New();
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    /// <summary>The user the message is for, when it is for a user (admins filter by it).</summary>
    public string? UserName { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }
    public string? DedupeKey { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public string? LastError { get; set; }
    /// <summary>A sender run that took the message holds it until then (two nodes never send the same message).</summary>
    public Guid? LockedBy { get; set; }
    public DateTime? LockedUntilUtc { get; set; }
}
