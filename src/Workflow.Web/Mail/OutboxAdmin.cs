using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Mail;

/// <summary>What the admin's outbox page and its API do: list the messages and give failed ones another try.</summary>
public static class OutboxAdmin
{
    /// <summary>One page of the outbox, newest first, with the total (a <paramref name="size"/> of 0 counts only).</summary>
    public static async Task<(List<OutboxMessage> Items, int Total)> PageAsync(AppDbContext db, OutboxStatus? status, int page, int size, CancellationToken ct)
    {
        var query = db.OutboxMessages.AsNoTracking();
        query = status is { } s ? query.Where(m => m.Status == s) : query;
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.Id).Skip((Math.Max(1, page) - 1) * size).Take(size).ToListAsync(ct);
        return (items, total);
    }

    /// <summary>Failed (or pending) messages matching <paramref name="which"/> get a fresh set of attempts, due now.</summary>
    public static Task<int> RetryAsync(AppDbContext db, TimeProvider clock, System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> which, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.OutboxMessages.Where(which).Where(m => m.Status != OutboxStatus.Sent).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.Attempts, 0).SetProperty(m => m.NextAttemptAtUtc, now)
            .SetProperty(m => m.LockedBy, (Guid?)null).SetProperty(m => m.LockedUntilUtc, (DateTime?)null), ct);
    }
}
