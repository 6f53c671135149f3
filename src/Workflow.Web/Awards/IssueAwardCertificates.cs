using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Notifications;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>
/// Issues the certificates of an award decision, set-based: per award kind, every grant without its certificate gets
/// one, with serials taken as one block from the issuer's counter of the kind's series ("GK", "BK"), a batch per
/// transaction. Running it again issues nothing twice (the unique line + kind + decision key and the "not yet issued" filter).
/// </summary>
public sealed class IssueAwardCertificates(AppDbContext db, IConfiguration configuration, TimeProvider clock, CertificateTemplates templates, NoticeBoard board)
{
    public async Task<int> RunAsync(Guid decisionId, CancellationToken ct)
    {
        var decision = await db.AwardDecisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId, ct);
        if (decision is null || decision.CertificatesIssuedAtUtc is not null)
        {
            return 0;
        }

        var issuer = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == decision.IssuerUnitId, ct);
        var dateLine = DecisionDocument.DateLine(DecisionDocuments.PlaceOf(issuer.Name, configuration), decision.DecidedOn);
        var kindIds = await db.AwardGrants.IgnoreQueryFilters().Where(g => g.AwardDecisionId == decisionId).Select(g => g.AwardRuleId).Distinct().ToListAsync(ct);
        var kinds = await db.AwardRules.AsNoTracking().Where(k => kindIds.Contains(k.Id)).ToListAsync(ct);
        var certificates = db.Certificates.AsQueryable();
        using var unaudited = db.WithoutAudit(); // the award decision is what the audit log records
        var issued = 0;
        foreach (var kind in kinds.OrderBy(k => k.SortOrder))
        {
            var templateKey = await templates.KeyForAsync(kind.Code, ct);
            var templateVersion = await templates.LatestVersionAsync(templateKey, ct);
            while (true)
            {
                var earned = await db.AwardGrants.IgnoreQueryFilters().AsNoTracking()
                    .Where(g => g.AwardDecisionId == decisionId && g.AwardRuleId == kind.Id
                                && !certificates.Any(c => c.FileId == g.Id && c.AwardRuleId == kind.Id && c.DecisionId == decisionId))
                    .OrderBy(g => g.Order).Take(IssueCertificates.BatchSize).ToListAsync(ct);
                if (earned.Count == 0)
                {
                    break;
                }

                var now = clock.GetUtcNow().UtcDateTime;
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var first = await CertificateSerials.TakeAsync(db, issuer.Id, decision.DecidedOn.Year, kind.SerialKind, earned.Count, ct);
                var suffix = $"{kind.SerialKind}-{issuer.Code ?? "ĐU"}";
                db.Certificates.AddRange(earned.Select((g, i) => new Certificate
                {
                    AwardRuleId = kind.Id, DecisionId = decisionId, FileId = g.Id, IssuerUnitId = issuer.Id, Year = decision.DecidedOn.Year,
                    SerialKind = kind.SerialKind, Serial = first + i, Number = $"{first + i}/{suffix}", Title = kind.Title, RecipientName = g.SubjectName,
                    UnitName = g.SubjectType == SubjectType.Member ? g.UnitName : issuer.Name, IssuerName = issuer.Name, Reason = g.Reason,
                    DecisionNumber = decision.Number, DecisionDate = decision.DecidedOn, DateLine = dateLine, SignerTitle = decision.SignerTitle,
                    SignerName = decision.SignerName, Code = Certificate.NewCode(), IssuedAtUtc = now, TemplateVersion = templateVersion,
                    TemplateKey = templateKey,
                }));
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                db.ChangeTracker.Clear();
                issued += earned.Count;
            }
        }

        var finished = await db.AwardDecisions.Where(d => d.Id == decisionId && d.CertificatesIssuedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.CertificatesIssuedAtUtc, clock.GetUtcNow().UtcDateTime), ct);
        if (finished == 1)
        {
            var committee = await Identity.RoleMembers.Query(db).Where(m => m.Role == Roles.StandingCommittee && m.User.UnitId == decision.IssuerUnitId)
                .Select(m => m.User.UserName!).ToListAsync(ct);
            var count = await db.Certificates.CountAsync(c => c.DecisionId == decisionId, ct);
            var notices = committee.Select(u => new Notice(u, NotificationKind.Certificates,
                $"Đã cấp {count} giấy khen, bằng khen theo Quyết định khen thưởng số {decision.Number}.", $"/Awards/Decisions/{decision.Id}",
                $"award-certificates:{decision.Id:N}:{u}")).ToList();

            // A proposal decided above comes back to the committee that made it.
            if (await db.AwardProposals.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Id == decision.RoundId, ct) is { } proposal)
            {
                var proposers = await Identity.RoleMembers.Query(db).Where(m => m.Role == Roles.StandingCommittee && m.User.UnitId == proposal.FromUnitId)
                    .Select(m => m.User.UserName!).ToListAsync(ct);
                notices.AddRange(proposers.Select(u => new Notice(u, NotificationKind.Certificates,
                    $"{issuer.Name} đã quyết định đề nghị khen thưởng năm {proposal.Year}: tặng {count} bằng khen (Quyết định số {decision.Number}).",
                    $"/Awards/Proposals/{proposal.Id}", $"award-proposal-decided:{proposal.Id:N}:{u}")));
            }

            await board.PostAsync(notices, sendMail: true, ct);
        }

        return issued;
    }
}
