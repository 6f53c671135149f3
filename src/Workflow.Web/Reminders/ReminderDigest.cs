using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Localization;
using Workflow.Web.Mail;
using Workflow.Web.Templates;

namespace Workflow.Web.Reminders;

/// <summary>
/// The daily digest for users who chose it: every reminder waiting for them becomes one email, a batch of users per
/// transaction. The message key is the user and the newest reminder it covers, so a second run (or a second node)
/// writes nothing new, and reminders that arrive later go in the next digest.
/// </summary>
public sealed class ReminderDigest(AppDbContext db, ReminderMessages messages, DocumentRenderer templates, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const int UsersPerBatch = 200;

    [DisableConcurrentExecution(600)]
    public async Task<int> RunAsync(CancellationToken ct) => await SendAsync(clock.GetUtcNow().UtcDateTime, ct);

    public async Task<int> SendAsync(DateTime nowUtc, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(nowUtc));
        var stamp = clock.GetUtcNow().UtcDateTime;
        var users = await db.Reminders.AsNoTracking().Where(r => r.Email == ReminderEmail.DigestPending).Select(r => r.UserName).Distinct().ToListAsync(ct);
        if (users.Count == 0)
        {
            return 0;
        }

        var template = MailTemplates.Compile(await templates.TemplateTextAsync(DefaultTemplates.MailDigest, ct));
        var written = 0;
        foreach (var batch in users.Chunk(UsersPerBatch))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var pending = await db.Reminders.AsNoTracking().Where(r => batch.Contains(r.UserName) && r.Email == ReminderEmail.DigestPending).ToListAsync(ct);
            var people = await db.Users.AsNoTracking().Where(u => batch.Contains(u.UserName!))
                .Select(u => new Recipient(u.UserName!, u.FullName, u.Email, u.ReminderEmail)).ToDictionaryAsync(p => p.UserName, ct);
            var rows = new List<object?[]>();
            foreach (var mine in pending.GroupBy(r => r.UserName))
            {
                if (!people.TryGetValue(mine.Key, out var person) || string.IsNullOrEmpty(person.Email) || person.Preference == EmailPreference.Off)
                {
                    continue;
                }

                var list = mine.ToList();
                var content = template.Render(messages.DigestModel(person, list, null, today, daily: true));
                rows.Add([Uuid7.New(), person.Email, person.FullName, person.UserName, content.Subject, content.Text, content.Html,
                    $"digest:{person.UserName}:{list.Max(r => r.Id):N}", (int)OutboxStatus.Pending, 0, stamp, stamp]);
            }

            written += await new BulkInsert(db, "OutboxMessages", "Id", "ToAddress", "ToName", "UserName", "Subject", "TextBody", "HtmlBody", "DedupeKey",
                "Status", "Attempts", "CreatedAtUtc", "NextAttemptAtUtc") { IgnoreConflicts = true }.WriteAsync(rows, ct);
            foreach (var ids in pending.Select(r => r.Id).Chunk(1000))
            {
                await db.Reminders.Where(r => ids.Contains(r.Id) && r.Email == ReminderEmail.DigestPending)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Email, ReminderEmail.Digested), ct);
            }

            await tx.CommitAsync(ct);
        }

        if (written > 0)
        {
            jobs.Enqueue<MailSender>(s => s.SendDueAsync(CancellationToken.None));
        }

        return written;
    }
}
