using Microsoft.EntityFrameworkCore;
using Workflow.Web.Awards;
using Workflow.Web.Data;

namespace Workflow.Web.Reports;

/// <summary>
/// Keeps the report's summary table in step with the achievement record without asking every writer (decisions,
/// amendments, imports, the demo) to maintain it: each year's tallies carry a stamp — how many ratings the year had and
/// when the latest was recorded — and a report first compares the stamps of its years with the record (one grouped
/// count over an index); a year whose stamp differs is rebuilt set-based in one transaction. A decision or an import
/// changes the count or the latest time, so the next report sees it.
/// </summary>
public sealed class YearTallies(AppDbContext db, TimeProvider clock, ILogger<YearTallies> log)
{
    public async Task EnsureAsync(int from, int to, CancellationToken ct)
    {
        var live = await db.YearRatings.IgnoreQueryFilters().AsNoTracking().Where(y => y.Year >= from && y.Year <= to)
            .GroupBy(y => y.Year).Select(g => new { Year = g.Key, Count = g.Count(), Last = g.Max(y => (DateTime?)y.RecordedAtUtc) }).ToListAsync(ct);
        var stamps = await db.YearTallyStamps.AsNoTracking().Where(s => s.Year >= from && s.Year <= to).ToDictionaryAsync(s => s.Year, ct);
        for (var year = from; year <= to; year++)
        {
            var now = live.FirstOrDefault(l => l.Year == year);
            var stamp = stamps.GetValueOrDefault(year);
            if ((now?.Count ?? 0) == (stamp?.Ratings ?? 0) && now?.Last == stamp?.LastRecordedAtUtc)
            {
                continue;
            }

            await RebuildAsync(year, now?.Count ?? 0, now?.Last, ct);
        }
    }

    private async Task RebuildAsync(int year, int count, DateTime? last, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await db.YearTallies.Where(t => t.Year == year).ExecuteDeleteAsync(ct);
                await db.YearTallyStamps.Where(s => s.Year == year).ExecuteDeleteAsync(ct);
                var groups = await db.YearRatings.IgnoreQueryFilters().AsNoTracking().Where(y => y.Year == year)
                    .GroupBy(y => new { y.UnitId, y.SubjectType, y.Level })
                    .Select(g => new YearTally { Year = year, UnitId = g.Key.UnitId, SubjectType = g.Key.SubjectType, Level = g.Key.Level, UnitPath = g.Max(y => y.UnitPath)!, Count = g.Count() })
                    .ToListAsync(ct);
                db.YearTallies.AddRange(groups);
                db.YearTallyStamps.Add(new YearTallyStamp { Year = year, Ratings = count, LastRecordedAtUtc = last, BuiltAtUtc = clock.GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            });
        }
        catch (DbUpdateException ex)
        {
            // Another request (or node) rebuilt the same year at the same moment: its tallies are the same.
            log.LogInformation(ex, "Tallies of {Year} were rebuilt concurrently", year);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
