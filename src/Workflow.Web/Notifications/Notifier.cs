using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Notifications;

/// <summary>Some users' notifications changed (new ones, or read): their open pages refresh the bell.</summary>
public sealed record NotificationsChanged(IReadOnlyCollection<string> UserNames) : IDomainEvent;

/// <summary>
/// The bell: every feature writes to it, like the audit log. Notifications are written in the caller's unit of work
/// (they commit with the command that caused them); once it commits, <see cref="NotificationsChanged"/> tells the live
/// pages to refresh the unread count.
/// </summary>
public sealed class Notifier(AppDbContext db, DomainEvents events, TimeProvider clock)
{
    public const int ListSize = 20;

    public void Add(string userName, NotificationKind kind, string text, string? link)
    {
        db.Notifications.Add(new Notification
        {
            UserName = userName, Kind = kind, Text = Notification.Bounded(text), Link = link,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        events.Raise(new NotificationsChanged([userName]));
    }

    public Task<int> UnreadAsync(string userName, CancellationToken ct) =>
        db.Notifications.CountAsync(n => n.UserName == userName && n.ReadAtUtc == null, ct);

    public async Task<IReadOnlyList<Notification>> LatestAsync(string userName, CancellationToken ct) =>
        await db.Notifications.AsNoTracking().Where(n => n.UserName == userName).OrderByDescending(n => n.Id).Take(ListSize).ToListAsync(ct);

    public Task<Notification?> FindAsync(string userName, Guid id, CancellationToken ct) =>
        db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id && n.UserName == userName, ct);

    public async Task<int> MarkReadAsync(string userName, Guid? id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Notifications.Where(n => n.UserName == userName && n.ReadAtUtc == null);
        query = id is { } one ? query.Where(n => n.Id == one) : query;
        var marked = await query.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), ct);
        if (marked > 0)
        {
            events.Raise(new NotificationsChanged([userName]));
            await events.DispatchAsync(ct); // written directly, not through a save: tell the pages now
        }

        return marked;
    }
}
