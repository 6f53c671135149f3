using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Web.Data;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>One computed candidate: the subject, its unit and the unit's name.</summary>
public sealed record CandidateRow(SubjectType SubjectType, Guid SubjectId, string SubjectName, Guid UnitId, string UnitPath, string UnitName);

/// <summary>
/// The candidates the product computes for an award kind in a committee's subtree and year, as one set-based query
/// over the achievement record: this year's level; the level in each of the last N years (one indexed count per
/// subject of this year's level); an award or an emulation title held this year. Nominations are entered, not computed.
/// </summary>
public static class AwardCandidateQuery
{
    public static IQueryable<CandidateRow> Query(AppDbContext db, string path, int year, AwardRule kind)
    {
        var types = kind.Types.ToList();
        var ratings = db.YearRatings.IgnoreQueryFilters().AsNoTracking();
        var units = db.Units.IgnoreQueryFilters().AsNoTracking();
        var level = kind.Level;
        switch (kind.Eligibility)
        {
            case AwardEligibility.RatingThisYear:
                return from y in ratings
                       where y.Year == year && y.Level == level && types.Contains(y.SubjectType) && y.UnitPath.StartsWith(path)
                       join u in units on y.UnitId equals u.Id
                       select new CandidateRow(y.SubjectType, y.SubjectId, y.SubjectName, y.UnitId, y.UnitPath, u.Name);
            case AwardEligibility.ConsecutiveYears:
                var earlier = Math.Max(kind.Years, 1) - 1;
                var first = year - earlier;
                return from y in ratings
                       where y.Year == year && y.Level == level && types.Contains(y.SubjectType) && y.UnitPath.StartsWith(path)
                             && ratings.Count(p => p.SubjectType == y.SubjectType && p.SubjectId == y.SubjectId && p.Year >= first && p.Year < year && p.Level == level) == earlier
                       join u in units on y.UnitId equals u.Id
                       select new CandidateRow(y.SubjectType, y.SubjectId, y.SubjectName, y.UnitId, y.UnitPath, u.Name);
            case AwardEligibility.AwardHeld:
                var held = kind.HeldCode ?? "";
                var certificates = db.Certificates.AsQueryable();
                return from g in db.AwardGrants.IgnoreQueryFilters().AsNoTracking()
                       join r in db.AwardRules.AsNoTracking() on g.AwardRuleId equals r.Id
                       where r.Code == held && g.Year == year && types.Contains(g.SubjectType) && g.UnitPath.StartsWith(path)
                             && !certificates.Any(c => c.FileId == g.Id && c.Status == CertificateStatus.Revoked)
                       select new CandidateRow(g.SubjectType, g.SubjectId, g.SubjectName, g.UnitId, g.UnitPath, g.UnitName);
            case AwardEligibility.TitleHeld:
                var title = kind.HeldTitle ?? EmulationTitle.EmulationFighter;
                return from l in db.TitleLines.IgnoreQueryFilters().AsNoTracking()
                       where l.Granted && l.Year == year && l.Title == title && types.Contains(l.SubjectType) && l.UnitPath.StartsWith(path)
                       join u in units on l.UnitId equals u.Id
                       select new CandidateRow(l.SubjectType, l.SubjectId, l.SubjectName, l.UnitId, l.UnitPath, u.Name);
            default:
                return Enumerable.Empty<CandidateRow>().AsQueryable();
        }
    }

    /// <summary>Computes and inserts the round's candidates of one kind (proposed by default); returns how many.</summary>
    public static async Task<int> InsertAsync(AppDbContext db, AwardRound round, AwardRule kind, CancellationToken ct)
    {
        if (kind.Eligibility == AwardEligibility.Nomination)
        {
            return 0;
        }

        var rows = await Query(db, round.IssuerPath, round.Year, kind).ToListAsync(ct);
        return await new BulkInsert(db, "AwardCandidates", "Id", "RoundId", "AwardRuleId", "SubjectType", "SubjectId", "SubjectName", "UnitId", "UnitPath",
                "UnitName", "Source", "Basis", "NominatedBy", "Proposed", "ProposalReason", "Selected") { IgnoreConflicts = true }
            .WriteAsync(rows.OrderBy(r => r.UnitPath, StringComparer.Ordinal).ThenBy(r => r.SubjectName, StringComparer.Ordinal).Select(r => new object?[]
            {
                Uuid7.New(), round.Id, kind.Id, r.SubjectType, r.SubjectId, r.SubjectName, r.UnitId, r.UnitPath, r.UnitName,
                CandidateSource.Computed, "", null, true, null, false,
            }), ct);
    }
}
