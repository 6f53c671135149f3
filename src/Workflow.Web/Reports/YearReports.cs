using Microsoft.EntityFrameworkCore;
using Workflow.Web.Awards;
using Workflow.Web.Data;
using Workflow.Web.Meetings;
using Workflow.Web.Org;
using Workflow.Web.Ratings;

namespace Workflow.Web.Reports;

/// <summary>
/// Builds a committee's year-end report from the data, set-based: five years of levels and the units below (grouped by
/// the child's path prefix) from the summary table of the achievement record (<see cref="YearTallies"/>, brought up to
/// date first), one query per award source, one for the titles, and the meeting roll-ups. The unit must be in the
/// caller's part of the tree.
/// </summary>
public sealed class YearReports(AppDbContext db, MeetingStatisticsReport meetings, YearTallies tallies)
{
    public const int HistoryYears = 5;

    /// <summary>Length of one materialized-path segment: 32 hex digits and a slash.</summary>
    private const int SegmentLength = 33;

    private static readonly SubjectType[] ReportTypes = [SubjectType.CommitteeCollective, SubjectType.GrassrootsOrganization, SubjectType.Member];

    /// <summary>Who reads reports: the committees and councils, branch secretaries for their branch, Admins (a member alone does not).</summary>
    public static bool MayRead(Actor actor) => actor.IsAdmin || actor.IsInRole(Roles.StandingCommittee) || actor.IsInRole(Roles.OrganizationBoard)
        || actor.IsInRole(Roles.InspectionCommittee) || actor.IsInRole(Roles.BranchSecretary) || actor.IsInRole(Roles.EmulationCouncil) || actor.IsInRole(Roles.EmulationCouncilHead);

    public async Task<YearReport> BuildAsync(Guid unitId, int year, Actor actor, CancellationToken ct)
    {
        if (!MayRead(actor))
        {
            throw DomainException.Forbidden("Báo cáo tổng kết dành cho cấp ủy, các ban, hội đồng thi đua và bí thư chi bộ.");
        }

        if (year is < 2000 or > 2100)
        {
            throw DomainException.Invalid("Năm báo cáo phải từ 2000 đến 2100.", [new FieldError("year", "Năm báo cáo phải từ 2000 đến 2100.")]);
        }

        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw DomainException.NotFound("cấp ủy");
        var path = unit.Path;
        await tallies.EnsureAsync(year - HistoryYears + 1, year, ct);
        var history = await HistoryAsync(path, year, ct);
        var counts = history.Where(h => h.Year == year).ToDictionary(h => h.Counts.Type, h => h.Counts);
        var targets = await db.Targets.AsNoTracking().Where(t => t.UnitId == unitId && t.FromYear <= year && t.ToYear >= year)
            .OrderBy(t => t.Metric).ThenBy(t => t.FromYear).ToListAsync(ct);
        var meetingYear = await meetings.RunAsync(year, null, unit.Path, ct);
        var results = targets.Select(t => TargetRules.Evaluate(t, counts, Targets.GoodMeetings(meetingYear))).ToList();
        var evaluation = new TargetEvaluation(unitId, year, results, TargetRules.Summary(results));

        var ratings = ReportTypes.Where(counts.ContainsKey).Select(t => counts[t].Statistics()).ToList();
        var units = await UnitsAsync(unit, path, year, targets, ct);
        var awards = await AwardsAsync(unitId, path, year, ct);
        var proposed = await ProposedAsync(unitId, year, ct);
        var titles = await TitlesAsync(path, year, ct);
        var quarters = new List<MeetingStatistics>();
        for (var q = 1; q <= 4; q++)
        {
            quarters.Add(await meetings.RunAsync(year, q, unit.Path, ct));
        }

        return new YearReport(unit.Id, unit.Name, unit.Kind, unit.ParentId, year, ratings, history, awards, proposed.Collectives, proposed.Individuals, proposed.To,
            titles, meetingYear, quarters, evaluation, units);
    }

    private async Task<List<YearLevels>> HistoryAsync(string path, int year, CancellationToken ct)
    {
        var first = year - HistoryYears + 1;
        var rows = await db.YearTallies.AsNoTracking()
            .Where(y => y.Year >= first && y.Year <= year && y.UnitPath.StartsWith(path))
            .GroupBy(y => new { y.Year, y.SubjectType, y.Level }).Select(g => new { g.Key.Year, g.Key.SubjectType, g.Key.Level, Count = g.Sum(y => y.Count) }).ToListAsync(ct);
        return rows.GroupBy(r => (r.Year, r.SubjectType)).Select(g => new YearLevels(g.Key.Year, LevelCounts.From(g.Key.SubjectType, g.Select(r => (r.Level, r.Count)))))
            .OrderBy(l => l.Year).ThenBy(l => l.Counts.Type).ToList();
    }

    private async Task<List<UnitShares>> UnitsAsync(Unit unit, string path, int year, List<Target> targets, CancellationToken ct)
    {
        var prefix = unit.Path.Length + SegmentLength;
        var rows = await db.YearTallies.AsNoTracking()
            .Where(y => y.Year == year && y.UnitPath.StartsWith(path) && y.UnitPath != path && y.UnitPath.Length >= prefix)
            .GroupBy(y => new { Child = y.UnitPath.Substring(0, prefix), y.SubjectType, y.Level })
            .Select(g => new { g.Key.Child, g.Key.SubjectType, g.Key.Level, Count = g.Sum(y => y.Count) }).ToListAsync(ct);
        var children = await db.Units.AsNoTracking().Where(u => u.ParentId == unit.Id && (u.ValidTo == null || rows.Select(r => r.Child).Contains(u.Path)))
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Name).Select(u => new { u.Id, u.Name, u.Kind, u.Path }).ToListAsync(ct);
        var ids = children.Select(c => c.Id).ToList();
        var parents = await db.Units.AsNoTracking().Where(u => u.ParentId != null && ids.Contains(u.ParentId.Value)).Select(u => u.ParentId!.Value).Distinct().ToListAsync(ct);
        var byChild = rows.GroupBy(r => r.Child).ToDictionary(g => g.Key, g => g.GroupBy(r => r.SubjectType)
            .ToDictionary(t => t.Key, t => LevelCounts.From(t.Key, t.Select(r => (r.Level, r.Count)))));
        return children.Select(c =>
        {
            var levels = byChild.GetValueOrDefault(c.Path) ?? [];
            var below = targets.Select(t => TargetRules.Evaluate(t, levels)).Where(r => r.Total > 0 && !r.Met).Select(r => r.Target.Metric).Distinct().ToList();
            return new UnitShares(c.Id, c.Name, c.Kind, parents.Contains(c.Id), levels, below);
        }).ToList();
    }

    private async Task<List<AwardCount>> AwardsAsync(Guid unitId, string path, int year, CancellationToken ct)
    {
        var revoked = db.Certificates.Where(c => c.Status == CertificateStatus.Revoked).Select(c => c.FileId);
        var grants = await (
            from g in db.AwardGrants.IgnoreQueryFilters()
            where g.Year == year && g.UnitPath.StartsWith(path) && !revoked.Contains(g.Id)
            join d in db.AwardDecisions.IgnoreQueryFilters() on g.AwardDecisionId equals d.Id
            join k in db.AwardRules on g.AwardRuleId equals k.Id
            group g by new { k.Code, k.Name, k.Title, k.SortOrder, d.IssuerUnitId, g.Reason, Individual = g.SubjectType == SubjectType.Member } into grp
            select new { grp.Key.Code, grp.Key.Name, grp.Key.Title, grp.Key.SortOrder, grp.Key.IssuerUnitId, grp.Key.Reason, grp.Key.Individual, Count = grp.Count() }).ToListAsync(ct);
        var withRatings = await (
            from c in db.Certificates
            where c.Year == year && c.Status != CertificateStatus.Revoked
            join f in db.Files.IgnoreQueryFilters() on c.FileId equals f.Id
            where f.UnitPath.StartsWith(path)
            join k in db.AwardRules on c.AwardRuleId equals k.Id
            group c by new { k.Code, k.Name, k.Title, k.SortOrder, c.IssuerUnitId, c.Reason, Individual = f.SubjectType == SubjectType.Member } into grp
            select new { grp.Key.Code, grp.Key.Name, grp.Key.Title, grp.Key.SortOrder, grp.Key.IssuerUnitId, grp.Key.Reason, grp.Key.Individual, Count = grp.Count() }).ToListAsync(ct);
        var all = grants.Concat(withRatings).ToList();
        var issuerIds = all.Select(a => a.IssuerUnitId).Distinct().ToList();
        var issuers = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => issuerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return all.GroupBy(a => (a.Code, a.IssuerUnitId, a.Reason)).Select(g => new
        {
            g.First().SortOrder,
            Count = new AwardCount(g.Key.Code, g.First().Name, g.First().Title, g.Key.Reason, issuers.GetValueOrDefault(g.Key.IssuerUnitId, ""), g.Key.IssuerUnitId == unitId,
                g.Where(a => !a.Individual).Sum(a => a.Count), g.Where(a => a.Individual).Sum(a => a.Count)),
        }).OrderByDescending(a => a.Count.ByThisCommittee).ThenBy(a => a.SortOrder).ThenBy(a => a.Count.Name, StringComparer.Ordinal).Select(a => a.Count).ToList();
    }

    private async Task<(int Collectives, int Individuals, string To)> ProposedAsync(Guid unitId, int year, CancellationToken ct)
    {
        var proposals = await db.AwardProposals.IgnoreQueryFilters().AsNoTracking().Where(p => p.FromUnitId == unitId && p.Year == year).ToListAsync(ct);
        var collectives = 0;
        var individuals = 0;
        foreach (var proposal in proposals)
        {
            var types = await AwardProposals.Lines(db, proposal).Select(c => c.SubjectType).ToListAsync(ct);
            collectives += types.Count(t => t != SubjectType.Member);
            individuals += types.Count(t => t == SubjectType.Member);
        }

        return (collectives, individuals, proposals.Select(p => p.ToUnitName).FirstOrDefault() ?? "");
    }

    private async Task<TitleCounts> TitlesAsync(string path, int year, CancellationToken ct)
    {
        var rows = await db.TitleLines.IgnoreQueryFilters().AsNoTracking()
            .Where(l => l.Year == year && l.Granted && l.UnitPath.StartsWith(path))
            .GroupBy(l => l.Title).Select(g => new { Title = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(EmulationTitle title) => rows.FirstOrDefault(r => r.Title == title)?.Count ?? 0;
        return new TitleCounts(Of(EmulationTitle.AdvancedCollective), Of(EmulationTitle.ExcellentCollective), Of(EmulationTitle.AdvancedWorker), Of(EmulationTitle.EmulationFighter));
    }
}
