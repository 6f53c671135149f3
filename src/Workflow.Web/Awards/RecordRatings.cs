using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Web.Data;
using Workflow.Web.Jobs;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>
/// Writes a published Decision's levels into the achievement record (<see cref="YearRating"/>), once it commits; a
/// Decision not yet recorded (the host stopped in between) is recorded at the next start. Set-based and idempotent:
/// the subjects' rows of that year are replaced in one transaction, except where a later Decision (an amendment)
/// already recorded the subject.
/// </summary>
public sealed class RecordRatings(AppDbContext db, TimeProvider clock) : IHandles<DecisionPublished>, IPendingWorkSource
{
    public string Name => "published decisions not yet in the achievement record";

    public async Task HandleAsync(DecisionPublished domainEvent, CancellationToken ct) => await RecordAsync(domainEvent.DecisionId, ct);

    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var ratings = db.YearRatings.IgnoreQueryFilters();
        var items = db.DecisionItems.AsQueryable();
        var missing = await db.Decisions.IgnoreQueryFilters().AsNoTracking()
            .Where(d => !ratings.Any(y => y.DecisionId == d.Id) && items.Any(i => i.DecisionId == d.Id))
            .OrderBy(d => d.CreatedAtUtc).Select(d => d.Id).ToListAsync(cancellationToken);
        var recorded = 0;
        foreach (var id in missing)
        {
            recorded += await RecordAsync(id, cancellationToken) > 0 ? 1 : 0;
        }

        return recorded;
    }

    /// <summary>Records the decision's levels; returns how many subjects were written.</summary>
    public async Task<int> RecordAsync(Guid decisionId, CancellationToken ct)
    {
        var decision = await db.Decisions.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId, ct);
        if (decision is null)
        {
            return 0;
        }

        var year = await db.Rounds.IgnoreQueryFilters().Where(r => r.Id == decision.RoundId).Select(r => r.Year).FirstAsync(ct);
        var lines = await (
            from item in db.DecisionItems.AsNoTracking()
            join file in db.Files.IgnoreQueryFilters().AsNoTracking() on item.FileId equals file.Id
            where item.DecisionId == decisionId
            select new { file.SubjectType, SubjectId = file.MemberId ?? file.SubjectUnitId, file.SubjectName, UnitId = file.SubjectUnitId, file.UnitPath, item.Level })
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var written = 0;
        foreach (var chunk in lines.Chunk(500))
        {
            var ids = chunk.Select(l => l.SubjectId).ToList();
            // A later decision (an amendment) recorded these subjects: it stands.
            var newer = await (
                from y in db.YearRatings.IgnoreQueryFilters()
                join d in db.Decisions.IgnoreQueryFilters() on y.DecisionId equals d.Id
                where y.Year == year && y.SubjectType == decision.SubjectType && ids.Contains(y.SubjectId) && d.CreatedAtUtc > decision.CreatedAtUtc
                select y.SubjectId).ToListAsync(ct);
            var rows = chunk.Where(l => !newer.Contains(l.SubjectId)).ToList();
            var replaced = rows.Select(r => r.SubjectId).ToList();
            await db.YearRatings.IgnoreQueryFilters()
                .Where(y => y.Year == year && y.SubjectType == decision.SubjectType && replaced.Contains(y.SubjectId))
                .ExecuteDeleteAsync(ct);
            written += await new BulkInsert(db, "YearRatings", "Id", "SubjectType", "SubjectId", "SubjectName", "UnitId", "UnitPath", "Year", "Level",
                    "DecisionId", "DecisionNumber", "Imported", "RecordedAtUtc")
                .WriteAsync(rows.Select(r => new object?[]
                {
                    Uuid7.New(), r.SubjectType, r.SubjectId, r.SubjectName, r.UnitId, r.UnitPath, year, r.Level, decision.Id, decision.Number, false, now,
                }), ct);
        }

        await tx.CommitAsync(ct);
        return written;
    }
}
