using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Ratings;

/// <summary>The shipped rule sets (<see cref="RuleSetSeeds"/>), added once; an admin's later versions are left alone.</summary>
public sealed class ShippedRuleSets(AppDbContext db, TimeProvider clock) : IReferenceData
{
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        foreach (var (code, name, from, to, definition) in RuleSetSeeds.All)
        {
            if (!await db.RuleSets.AnyAsync(r => r.Code == code, cancellationToken))
            {
                db.RuleSets.Add(new RuleSet
                {
                    Code = code, Name = name, Version = 1, FromYear = from, ToYear = to, Definition = definition.ToJson(),
                    CreatedAtUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = RequestContext.SystemActor,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
