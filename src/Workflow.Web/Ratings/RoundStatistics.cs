using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Ratings;

/// <summary>Statistics of a round's decided files per subject type (optionally one deciding unit), in level order.</summary>
public sealed class RoundStatistics(AppDbContext db)
{
    public async Task<IReadOnlyList<LevelStatistics>> RunAsync(Guid roundId, Guid? decidingUnitId, CancellationToken ct)
    {
        var query = db.Files.AsNoTracking().Where(f => f.RoundId == roundId && f.DecidedLevel != null);
        if (decidingUnitId is { } unit)
        {
            query = query.Where(f => f.DecidingUnitId == unit);
        }

        var counts = await query.GroupBy(f => new { f.SubjectType, f.DecidedLevel }).Select(g => new { g.Key.SubjectType, g.Key.DecidedLevel, Count = g.Count() }).ToListAsync(ct);
        return counts.GroupBy(c => c.SubjectType).OrderBy(g => g.Key).Select(g =>
        {
            var total = g.Sum(c => c.Count);
            return LevelStatistics.Of(g.Key, total, RatingText.Levels.Select(l => g.Where(c => c.DecidedLevel == l).Sum(c => c.Count)).ToArray());
        }).ToList();
    }
}
