using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Awards;

/// <summary>The default award rule (<see cref="AwardRule.Default"/>), added once; an admin's changes are left alone.</summary>
public sealed class DefaultAwardRule(AppDbContext db) : IReferenceData
{
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!await db.AwardRules.AnyAsync(cancellationToken))
        {
            db.AwardRules.Add(AwardRule.Default());
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
