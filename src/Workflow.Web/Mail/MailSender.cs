using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Workflow.Engine;
using Workflow.Web.Data;

namespace Workflow.Web.Mail;

/// <summary>
/// Delivers the outbox over SMTP (MailKit): takes up to a batch of due messages under a lease (so two nodes or two
/// overlapping runs never send the same message), sends them on one connection, marks each as sent right after the
/// server accepted it, and gives failures a later attempt with back-off; after the last retry a message is marked
/// failed for an admin to see. With no SMTP host configured it does nothing and the mail waits.
/// </summary>
public sealed class MailSender(AppDbContext db, MailOptions options, TimeProvider clock, ILogger<MailSender> log)
{
    /// <summary>The Hangfire job (recurring, and queued after work that wrote mail). Returns how many went out.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        if (!options.Configured)
        {
            return 0;
        }

        var sent = 0;
        for (var batch = 0; batch < 200; batch++)
        {
            var run = Uuid7.New();
            var messages = await ClaimAsync(run, ct);
            if (messages.Count == 0)
            {
                break;
            }

            var delivered = await DeliverAsync(messages, ct);
            sent += delivered;
            if (delivered == 0)
            {
                break; // the server is down: the rest waits for its next attempt
            }
        }

        return sent;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(Guid run, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = now.AddSeconds(Math.Max(60, options.TimeoutSeconds * 3));
        var candidates = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= now && (m.LockedUntilUtc == null || m.LockedUntilUtc < now))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(Math.Clamp(options.BatchSize, 1, 500)).ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return [];
        }

        // The lease is re-checked by the update itself: a concurrent run that took a message first leaves it out.
        await db.OutboxMessages
            .Where(m => candidates.Contains(m.Id) && m.Status == OutboxStatus.Pending && (m.LockedUntilUtc == null || m.LockedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, run).SetProperty(m => m.LockedUntilUtc, lease), ct);
        return await db.OutboxMessages.Where(m => m.LockedBy == run && m.Status == OutboxStatus.Pending).OrderBy(m => m.Id).ToListAsync(ct);
    }

    private async Task<int> DeliverAsync(List<OutboxMessage> messages, CancellationToken ct)
    {
        var delivered = 0;
        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(options.Host!, options.Port, options.Security, ct);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("SMTP {Host}:{Port} unreachable: {Error}", options.Host, options.Port, ex.Message);
            await FailAsync(messages, $"Không kết nối được máy chủ thư {options.Host}:{options.Port}: {ex.Message}", ct);
            return 0;
        }

        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            try
            {
                await client.SendAsync(ToMime(message), ct);
            }
            catch (Exception ex) when (ex is SmtpCommandException)
            {
                await FailAsync([message], $"Máy chủ thư từ chối: {ex.Message}", ct);
                continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The connection broke: this and the rest are tried again later.
                await FailAsync(messages.Skip(i).ToList(), $"Gửi thư lỗi: {ex.Message}", ct);
                return delivered;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.SentAtUtc, now)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.LockedBy, (Guid?)null).SetProperty(m => m.LockedUntilUtc, (DateTime?)null), ct);
            delivered++;
        }

        try
        {
            await client.DisconnectAsync(true, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogDebug("SMTP disconnect: {Error}", ex.Message);
        }

        return delivered;
    }

    /// <summary>One more failed attempt for each message: a later retry, or failed for good after the last.</summary>
    private async Task FailAsync(IReadOnlyList<OutboxMessage> messages, string error, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var message in messages)
        {
            message.Attempts++;
            message.LastError = error.Length > 1000 ? error[..1000] : error;
            message.LockedBy = null;
            message.LockedUntilUtc = null;
            if (message.Attempts >= options.MaxAttempts)
            {
                message.Status = OutboxStatus.Failed;
            }
            else
            {
                message.NextAttemptAtUtc = now + options.DelayAfter(message.Attempts);
            }
        }

        using (db.WithoutAudit())
        {
            await db.SaveChangesAsync(ct);
        }
    }

    private MimeMessage ToMime(OutboxMessage m)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        mime.To.Add(new MailboxAddress(m.ToName ?? "", m.ToAddress));
        mime.Subject = m.Subject;
        // The same id on every attempt, so a message sent twice after a lost acknowledgement is one thread for the reader.
        var at = options.FromAddress.LastIndexOf('@');
        mime.MessageId = $"{m.Id:N}@{(at >= 0 ? options.FromAddress[(at + 1)..] : "localhost")}";
        var body = new BodyBuilder { TextBody = m.TextBody, HtmlBody = m.HtmlBody };
        mime.Body = body.ToMessageBody();
        return mime;
    }
}
