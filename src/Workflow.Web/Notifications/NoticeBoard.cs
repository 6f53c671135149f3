using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Mail;

namespace Workflow.Web.Notifications;

/// <summary>
/// Notices to many users at once, set-based: the bell rows in batched inserts, and a mail to each user who chose
/// immediate mails and has an address (one outbox row per notice, its key unique, so a second run sends nothing more).
/// Users who chose the daily digest or no mail see it under the bell. Used after a command has committed (a decision
/// published, certificates issued) and by the daily queue summary.
/// </summary>
public sealed class NoticeBoard(AppDbContext db, DomainEvents events, MailOptions mail, TimeProvider clock)
{
    public async Task<int> PostAsync(IReadOnlyCollection<Notice> notices, bool sendMail, CancellationToken ct)
    {
        if (notices.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await new BulkInsert(db, "Notifications", "Id", "UserName", "Kind", "Text", "Link", "CreatedAtUtc", "ReadAtUtc")
            .WriteAsync(notices.Select(n => new object?[] { Uuid7.New(), n.UserName, n.Kind, Notification.Bounded(n.Text), n.Link, now, null }), ct);
        if (sendMail)
        {
            var names = notices.Select(n => n.UserName).Distinct(StringComparer.Ordinal).ToList();
            var people = new Dictionary<string, (string FullName, string Email)>(StringComparer.Ordinal);
            foreach (var chunk in names.Chunk(500))
            {
                foreach (var p in await db.Users.AsNoTracking()
                    .Where(u => chunk.Contains(u.UserName!) && u.Email != null && u.ReminderEmail == EmailPreference.Immediate)
                    .Select(u => new { u.UserName, u.FullName, u.Email }).ToListAsync(ct))
                {
                    people[p.UserName!] = (p.FullName, p.Email!);
                }
            }

            var rows = notices.Where(n => people.ContainsKey(n.UserName)).Select(n =>
            {
                var (fullName, email) = people[n.UserName];
                var subject = Notification.Bounded(n.Text, 150);
                var body = $"Kính gửi đồng chí {fullName},\n\n{n.Text}\n\n" + (n.Link is null ? "" : $"Xem: {mail.BaseUrl.TrimEnd('/')}{n.Link}\n\n")
                    + "Thư do hệ thống gửi tự động. Đồng chí có thể chọn chỉ nhận thư tổng hợp hoặc không nhận thư tại trang Thông báo.";
                return new object?[]
                {
                    Uuid7.New(), email, fullName, n.UserName, subject, body, MailTemplates.ToHtml(subject, body), n.DedupeKey,
                    (int)OutboxStatus.Pending, 0, now, now,
                };
            }).ToList();
            await new BulkInsert(db, "OutboxMessages", "Id", "ToAddress", "ToName", "UserName", "Subject", "TextBody", "HtmlBody", "DedupeKey",
                "Status", "Attempts", "CreatedAtUtc", "NextAttemptAtUtc") { IgnoreConflicts = true }.WriteAsync(rows, ct);
        }

        // The open pages refresh their bell once this commits (the caller's commit, or ours here).
        events.Raise(new NotificationsChanged(notices.Select(n => n.UserName).Distinct(StringComparer.Ordinal).ToList()));
        if (own is not null)
        {
            await own.CommitAsync(ct);
            await events.DispatchAsync(ct);
        }

        return notices.Count;
    }
}
