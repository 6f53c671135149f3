using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Ratings;

/// <summary>
/// Caps come from facts of the year, wherever they were recorded (DOMAIN.md): when a discipline or a degradation
/// conclusion is recorded, every still-open file of that year it affects (undecided, or re-opened by a complaint) is re-capped, in every round: the subject's
/// own files, and the organizations and committee collectives on the path above a disciplined unit or leader. The
/// affected files are found through indexes (member id; round × deciding unit), recomputed from the year's facts, and
/// written with one guarded UPDATE per outcome, so the work follows what changed, not the size of the round.
/// </summary>
public sealed class YearCaps(AppDbContext db)
{
    /// <summary>A subject whose facts changed: a member, or an organization (its unit) of a subject type.</summary>
    public sealed record Subject(Guid? MemberId, Guid UnitId, string UnitPath);

    /// <summary>
    /// Re-caps the open files of <paramref name="year"/> that the facts of <paramref name="subjects"/> reach. The facts
    /// must already be saved (in the caller's transaction). <paramref name="tracked"/>, a file the caller is changing,
    /// is updated in memory instead (its own save carries the change). Returns how many files changed.
    /// </summary>
    public async Task<int> RecapAsync(int year, IReadOnlyCollection<Subject> subjects, RatingFile? tracked, CancellationToken ct)
    {
        var rounds = await db.Rounds.IgnoreQueryFilters().AsNoTracking().Where(r => r.Year == year)
            .Select(r => new { r.Id, r.RuleSetId }).ToListAsync(ct);
        if (rounds.Count == 0 || subjects.Count == 0)
        {
            return 0;
        }

        var roundIds = rounds.Select(r => r.Id).ToList();
        var memberIds = subjects.Where(s => s.MemberId is not null).Select(s => s.MemberId!.Value).Distinct().ToList();
        // The units on the path from the root to each subject's unit: the organizations whose caps it can reach.
        var pathUnits = subjects.SelectMany(s => UnitsOnPath(s.UnitPath)).Distinct().ToList();

        var candidates = await db.Files.IgnoreQueryFilters().AsNoTracking()
            .Where(f => roundIds.Contains(f.RoundId) && (f.DecidedLevel == null || f.Status == FileStatus.Complained)
                && ((f.MemberId != null && memberIds.Contains(f.MemberId.Value))
                    || (f.SubjectType != SubjectType.Member && pathUnits.Contains(f.DecidingUnitId) && pathUnits.Contains(f.SubjectUnitId))))
            .Select(f => new { f.Id, f.RoundId, f.SubjectType, f.MemberId, f.SubjectUnitId, f.UnitPath, f.CapFacts, f.CapLevel, f.Degradation })
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return 0;
        }

        // The year's facts for these files: the members' own disciplines and everything under the highest organization.
        var top = candidates.Where(c => c.MemberId is null).Select(c => c.UnitPath).OrderBy(p => p.Length).FirstOrDefault();
        var disciplines = await db.Disciplines.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.Year == year && ((d.MemberId != null && memberIds.Contains(d.MemberId.Value)) || (top != null && d.UnitPath.StartsWith(top))))
            .Select(d => new DisciplineFact(d.MemberId, d.UnitId, d.UnitPath, d.SelfRemedied, d.IsLeader)).ToListAsync(ct);
        var unitIds = candidates.Where(c => c.MemberId is null).Select(c => c.SubjectUnitId).Distinct().ToList();
        var conclusions = await db.DegradationConclusions.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Year == year && ((c.MemberId != null && memberIds.Contains(c.MemberId.Value)) || (c.MemberId == null && unitIds.Contains(c.UnitId))))
            .Select(c => new { c.MemberId, c.UnitId, c.SubjectType }).ToListAsync(ct);
        var degradedMembers = conclusions.Where(c => c.MemberId is not null).Select(c => c.MemberId!.Value).ToHashSet();
        var degradedUnits = conclusions.Where(c => c.MemberId is null).Select(c => (c.UnitId, c.SubjectType)).ToHashSet();

        var ruleSetIds = rounds.Select(r => r.RuleSetId).Distinct().ToList();
        var ruleSets = (await db.RuleSets.AsNoTracking().Where(r => ruleSetIds.Contains(r.Id)).ToListAsync(ct)).ToDictionary(r => r.Id, r => r.Parse());
        var rulesOfRound = rounds.ToDictionary(r => r.Id, r => ruleSets[r.RuleSetId]);

        var changes = new List<(Guid Id, string Facts, RatingLevel? Cap, bool Degradation)>();
        foreach (var f in candidates)
        {
            var isDegraded = f.MemberId is { } m ? degradedMembers.Contains(m) : degradedUnits.Contains((f.SubjectUnitId, f.SubjectType));
            var previous = f.CapFacts.Split(',', StringSplitOptions.RemoveEmptyEntries).Contains(nameof(CapFact.PreviousYearNotComplete));
            var facts = CapFacts.For(f.MemberId, f.SubjectUnitId, f.UnitPath, disciplines, previous, isDegraded);
            var text = string.Join(',', facts.Order());
            var (best, _) = rulesOfRound[f.RoundId].Cap(f.SubjectType, facts);
            var cap = best == RatingLevel.Excellent ? (RatingLevel?)null : best;
            if (text != f.CapFacts || cap != f.CapLevel || isDegraded != f.Degradation)
            {
                changes.Add((f.Id, text, cap, isDegraded));
            }
        }

        foreach (var change in changes.Where(c => c.Id == tracked?.Id))
        {
            tracked!.CapFacts = change.Facts;
            tracked.CapLevel = change.Cap;
            tracked.Degradation = change.Degradation;
        }

        // Set-based: one guarded UPDATE per outcome (usually one or two), bumping each file's version so a reviewer
        // holding the old cap on screen is told the file changed.
        foreach (var group in changes.Where(c => c.Id != tracked?.Id).GroupBy(c => (c.Facts, c.Cap, c.Degradation)))
        {
            var ids = group.Select(c => c.Id).ToList();
            var (facts, cap, degradation) = group.Key;
            await db.Files.IgnoreQueryFilters().Where(f => ids.Contains(f.Id) && (f.DecidedLevel == null || f.Status == FileStatus.Complained))
                .ExecuteUpdateAsync(u => u.SetProperty(f => f.CapFacts, facts).SetProperty(f => f.CapLevel, cap)
                    .SetProperty(f => f.Degradation, degradation).SetProperty(f => f.Version, f => f.Version + 1), ct);
        }

        return changes.Count;
    }

    /// <summary>The unit ids of a materialized path ("/a/b/c/" → a, b, c).</summary>
    public static IEnumerable<Guid> UnitsOnPath(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(p => Guid.TryParseExact(p, "N", out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty);
}
