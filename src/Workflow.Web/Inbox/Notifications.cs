using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Inbox;

public enum NotificationKind
{
    Assigned = 0,
    Delegated = 1,
    Resolved = 2,
    Returned = 3,
    Reminder = 4,
}

/// <summary>One line under the inbox bell: what happened to the user's work, a link to it, read or not.</summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string UserName { get; set; }
    public NotificationKind Kind { get; set; }
    public required string Text { get; set; }
    public string? Link { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }
}

/// <summary>
/// Writes notifications in the caller's unit of work (they commit with the command that caused them) and tells the
/// live feed, which pushes the new unread count to the user's open pages after the commit.
/// </summary>
public sealed class Notifier(AppDbContext db, InboxFeed feed, TimeProvider clock)
{
    public const int ListSize = 20;

    public void Add(string userName, NotificationKind kind, string text, string? link)
    {
        db.Notifications.Add(new Notification
        {
            UserName = userName, Kind = kind, Text = text.Length > 500 ? text[..500] : text, Link = link,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        feed.Notify(userName);
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
            feed.Notify(userName);
            await feed.FlushAsync(ct);
        }

        return marked;
    }
}
