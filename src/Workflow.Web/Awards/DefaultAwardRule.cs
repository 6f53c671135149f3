using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Awards;

/// <summary>The shipped award kinds (<see cref="ShippedAwardKinds"/>): each code added once; an admin's versions are left alone.</summary>
public sealed class DefaultAwardRule(AppDbContext db, TimeProvider clock) : IReferenceData
{
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var existing = await db.AwardRules.Select(r => r.Code).Distinct().ToListAsync(cancellationToken);
        var missing = ShippedAwardKinds.All().Where(k => !existing.Contains(k.Code)).ToList();
        if (missing.Count > 0)
        {
            missing.ForEach(k => k.CreatedAtUtc = clock.GetUtcNow().UtcDateTime);
            db.AwardRules.AddRange(missing);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
