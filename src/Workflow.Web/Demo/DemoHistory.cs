using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Web.Awards;
using Workflow.Web.Data;
using Workflow.Web.Org;
using Workflow.Web.Ratings;

namespace Workflow.Web.Demo;

/// <summary>
/// Five prior years of ratings for the demo province, in the achievement record as if imported: every grassroots
/// organization and member of the demo tree, for the five years before the current one, drawn deterministically
/// (a fixed seed per subject) so streaks exist from the first start: about one subject in ten is HTXSNV every year
/// ("5 năm liền" candidates), the others vary around the seeds' shares. Added once.
/// </summary>
public sealed class DemoHistory(AppDbContext db, TimeProvider clock)
{
    public const int Years = 5;

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        if (await db.YearRatings.IgnoreQueryFilters().AnyAsync(y => y.Imported, ct))
        {
            return 0;
        }

        var last = clock.GetLocalNow().Year - 1;
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.Kind == UnitKind.GrassrootsCommittee || u.Kind == UnitKind.GrassrootsBranch)
            .Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct);
        var members = await db.Members.IgnoreQueryFilters().AsNoTracking().Where(m => m.LeftOn == null)
            .Select(m => new { m.Id, m.FullName, m.UnitId, m.Unit!.Path }).ToListAsync(ct);
        var subjects = units.Select(u => (Type: SubjectType.GrassrootsOrganization, u.Id, Name: u.Name, UnitId: u.Id, u.Path))
            .Concat(members.Select(m => (Type: SubjectType.Member, m.Id, Name: m.FullName, m.UnitId, m.Path)))
            .OrderBy(s => s.Id).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var rng = new Random(20221231);
        var rows = new List<object?[]>(subjects.Count * Years);
        foreach (var s in subjects)
        {
            var steady = rng.NextDouble() < 0.10;
            for (var year = last - Years + 1; year <= last; year++)
            {
                var roll = rng.NextDouble();
                var level = steady ? RatingLevel.Excellent
                    : roll < 0.12 ? RatingLevel.Excellent : roll < 0.90 ? RatingLevel.Good : roll < 0.99 ? RatingLevel.Complete : RatingLevel.NotComplete;
                rows.Add([Uuid7.New(), s.Type, s.Id, s.Name, s.UnitId, s.Path, year, level, null, $"Dữ liệu năm {year} (nhập từ sổ sách)", true, now]);
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var written = await new BulkInsert(db, "YearRatings", "Id", "SubjectType", "SubjectId", "SubjectName", "UnitId", "UnitPath", "Year", "Level",
            "DecisionId", "DecisionNumber", "Imported", "RecordedAtUtc") { IgnoreConflicts = true }.WriteAsync(rows, ct);
        await tx.CommitAsync(ct);
        return written;
    }
}
