using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>One year's rating in a subject's record.</summary>
public sealed record RecordRating(int Year, RatingLevel Level, string? DecisionNumber, Guid? DecisionId, bool Imported);

/// <summary>One award in a subject's record, with its certificate and, when revoked, who revoked it, when and why.</summary>
public sealed record RecordAward(
    int Year, string KindName, string Title, string DecisionNumber, DateOnly DecisionDate, Guid DecisionId, bool AwardDecision, string IssuerName,
    Guid? CertificateId, string? CertificateNumber, CertificateStatus? Status, string? RevokedReason, DateTime? RevokedAtUtc, string? RevokedBy);

/// <summary>A pending or settled proposal naming the subject to the level above.</summary>
public sealed record RecordProposal(int Year, string KindName, string FromUnitName, string ToUnitName, string FromDecisionNumber, AwardProposalStatus Status, Guid ProposalId, string? ReturnReason);

/// <summary>A state emulation title in a subject's record, with the decision that recognized it.</summary>
public sealed record RecordTitle(int Year, EmulationTitle Title, string CouncilUnitName, string? DecisionNumber, DateOnly? DecidedOn);

/// <summary>A subject's achievement record (hồ sơ thành tích).</summary>
public sealed record SubjectRecord(
    SubjectType SubjectType, Guid SubjectId, string Name, string UnitName, IReadOnlyList<RecordRating> Ratings, IReadOnlyList<RecordAward> Awards,
    IReadOnlyList<RecordProposal> Proposals, IReadOnlyList<RecordTitle> Titles);

/// <summary>
/// Reads a subject's achievement record: each year's rating, every award (from rating decisions and award decisions)
/// with its certificate and revocation, and the proposals naming it. Visible under the same subtree rules as files
/// (the query filters): a subject the caller cannot see is 404.
/// </summary>
public sealed class AchievementRecord(AppDbContext db)
{
    public async Task<SubjectRecord> ReadAsync(SubjectType type, Guid subjectId, CancellationToken ct)
    {
        string name;
        string unitName;
        if (type == SubjectType.Member)
        {
            var member = await db.Members.AsNoTracking().Where(m => m.Id == subjectId).Select(m => new { m.FullName, Unit = m.Unit!.Name }).FirstOrDefaultAsync(ct)
                ?? throw DomainException.NotFound("đảng viên");
            (name, unitName) = (member.FullName, member.Unit);
        }
        else
        {
            var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == subjectId, ct) ?? throw DomainException.NotFound("tổ chức đảng");
            (name, unitName) = (unit.Name, unit.Name);
        }

        var ratings = await db.YearRatings.AsNoTracking().Where(y => y.SubjectType == type && y.SubjectId == subjectId).OrderByDescending(y => y.Year)
            .Select(y => new RecordRating(y.Year, y.Level, y.DecisionNumber, y.DecisionId, y.Imported)).ToListAsync(ct);

        var files = db.Files.IgnoreQueryFilters().Where(f => f.SubjectType == type && (type == SubjectType.Member ? f.MemberId == subjectId : f.SubjectUnitId == subjectId && f.MemberId == null));
        var withRatings = await (
            from c in db.Certificates.AsNoTracking()
            join f in files on c.FileId equals f.Id
            join k in db.AwardRules.AsNoTracking() on c.AwardRuleId equals k.Id
            select new { c, k.Name, AwardDecision = false }).ToListAsync(ct);
        var grants = db.AwardGrants.IgnoreQueryFilters().Where(g => g.SubjectType == type && g.SubjectId == subjectId);
        var granted = await (
            from g in grants
            join d in db.AwardDecisions.AsNoTracking() on g.AwardDecisionId equals d.Id
            join k in db.AwardRules.AsNoTracking() on g.AwardRuleId equals k.Id
            join i in db.Units.IgnoreQueryFilters() on d.IssuerUnitId equals i.Id
            select new { g.Id, g.Year, k.Name, k.Title, d.Number, d.DecidedOn, DecisionId = d.Id, Issuer = i.Name }).ToListAsync(ct);
        var grantIds = granted.Select(g => g.Id).ToList();
        var grantCertificates = await db.Certificates.AsNoTracking().Where(c => grantIds.Contains(c.FileId)).ToDictionaryAsync(c => c.FileId, ct);
        var certificateIds = withRatings.Select(w => w.c.Id).Concat(grantCertificates.Values.Select(c => c.Id)).ToList();
        var revokers = (await db.CertificateEvents.AsNoTracking().Where(e => certificateIds.Contains(e.CertificateId) && e.Kind == CertificateEventKind.Revoked)
            .ToListAsync(ct)).GroupBy(e => e.CertificateId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.AtUtc).Last().ActorName);

        var awards = withRatings.Select(w => new RecordAward(w.c.DecisionDate.Year, w.Name, w.c.Title, w.c.DecisionNumber, w.c.DecisionDate, w.c.DecisionId, false,
                w.c.IssuerName, w.c.Id, w.c.Number, w.c.Status, w.c.RevokedReason, w.c.RevokedAtUtc, revokers.GetValueOrDefault(w.c.Id)))
            .Concat(granted.Select(g =>
            {
                var c = grantCertificates.GetValueOrDefault(g.Id);
                return new RecordAward(g.Year, g.Name, g.Title, g.Number, g.DecidedOn, g.DecisionId, true, g.Issuer, c?.Id, c?.Number, c?.Status, c?.RevokedReason,
                    c?.RevokedAtUtc, c is null ? null : revokers.GetValueOrDefault(c.Id));
            }))
            .OrderByDescending(a => a.DecisionDate).ThenBy(a => a.KindName, StringComparer.Ordinal).ToList();

        var proposals = await (
            from c in db.AwardCandidates.IgnoreQueryFilters()
            join p in db.AwardProposals.IgnoreQueryFilters() on c.RoundId equals p.FromRoundId
            join k in db.AwardRules.AsNoTracking() on c.AwardRuleId equals k.Id
            where c.SubjectType == type && c.SubjectId == subjectId && c.Selected && k.Issuer == AwardIssuer.Province
            select new RecordProposal(p.Year, k.Name, p.FromUnitName, p.ToUnitName, p.FromDecisionNumber, p.Status, p.Id, p.ReturnReason)).ToListAsync(ct);
        var titles = await (
            from l in db.TitleLines.IgnoreQueryFilters()
            join r in db.TitleRounds.IgnoreQueryFilters() on l.RoundId equals r.Id
            where l.SubjectId == subjectId && l.Granted && (type == SubjectType.Member ? l.SubjectType == SubjectType.Member : l.SubjectType != SubjectType.Member)
            orderby l.Year descending, l.Title
            select new RecordTitle(l.Year, l.Title, r.UnitName, r.Number, r.DecidedOn)).ToListAsync(ct);
        return new SubjectRecord(type, subjectId, name, unitName, ratings, awards, proposals, titles);
    }
}
