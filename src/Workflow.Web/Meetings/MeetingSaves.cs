using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Meetings;

/// <summary>Saving a score: a concurrent change (the version token) is "reload and try again".</summary>
internal static class MeetingSaves
{
    public static async Task SaveGuardedAsync(this AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainException.Stale();
        }
    }
}
