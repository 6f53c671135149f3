using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Notifications;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>
/// Issues the certificates a published decision earns, set-based: for each active award rule, every decided subject
/// at the rule's level that has no certificate for this decision yet gets one, with serial numbers taken as one block
/// from the issuer's yearly counter, all in one transaction. Running it twice issues nothing more (a unique key on
/// subject + award + decision, and the "already issued" filter).
/// </summary>
public sealed class IssueCertificates(AppDbContext db, IConfiguration configuration, TimeProvider clock, CertificateTemplates templates, NoticeBoard board)
{
    /// <summary>Certificates issued per transaction: the decision page shows the progress between batches.</summary>
    public const int BatchSize = 500;

    /// <summary>
    /// Issues what the decision earns, in batches of <see cref="BatchSize"/> subjects, each batch one transaction with
    /// its block of serial numbers; safe to run again at any point (what is issued stays, the rest follows).
    /// </summary>
    public async Task<int> RunAsync(Guid decisionId, CancellationToken ct)
    {
        var decision = await db.Decisions.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId, ct);
        if (decision is null || decision.CertificatesIssuedAtUtc is not null)
        {
            return 0;
        }

        var round = await db.Rounds.IgnoreQueryFilters().AsNoTracking().FirstAsync(r => r.Id == decision.RoundId, ct);
        var issuer = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == decision.DecidingUnitId, ct);
        var rules = await CertificateQueries.RulesForAsync(db, decision.SubjectType, ct);
        var dateLine = DecisionDocument.DateLine(DecisionDocuments.PlaceOf(issuer.Name, configuration), decision.DecidedOn);
        using var unaudited = db.WithoutAudit(); // certificates are issued in bulk; the decision is what the audit log records
        if (decision.AmendsDecisionId is { } original)
        {
            await RevokeSupersededAsync(decision, original, clock.GetUtcNow().UtcDateTime, ct);
        }

        var issued = 0;
        foreach (var rule in rules)
        {
            var templateKey = await templates.KeyForAsync(rule.Code, ct);
            var templateVersion = await templates.LatestVersionAsync(templateKey, ct);
            while (true)
            {
                var earned = await (
                    from item in db.DecisionItems.AsNoTracking()
                    join file in db.Files.IgnoreQueryFilters().AsNoTracking() on item.FileId equals file.Id
                    join unit in db.Units.IgnoreQueryFilters().AsNoTracking() on file.SubjectUnitId equals unit.Id
                    where item.DecisionId == decisionId && item.Level == rule.Level
                          && !db.Set<Certificate>().Any(c => c.FileId == item.FileId && c.AwardRuleId == rule.Id && c.DecisionId == decisionId)
                    orderby item.Order
                    select new { item.FileId, file.SubjectName, file.MemberId, UnitName = unit.Name }).Take(BatchSize).ToListAsync(ct);
                if (earned.Count == 0)
                {
                    break;
                }

                var now = clock.GetUtcNow().UtcDateTime;
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var first = await CertificateSerials.TakeAsync(db, decision.DecidingUnitId, decision.DecidedOn.Year, rule.SerialKind, earned.Count, ct);
                var suffix = $"{rule.SerialKind}-{issuer.Code ?? "ĐU"}";
                db.Certificates.AddRange(earned.Select((e, i) => new Certificate
                {
                    AwardRuleId = rule.Id, DecisionId = decisionId, FileId = e.FileId, IssuerUnitId = issuer.Id, Year = decision.DecidedOn.Year,
                    SerialKind = rule.SerialKind, Serial = first + i, Number = $"{first + i}/{suffix}", Title = rule.Title, RecipientName = e.SubjectName,
                    UnitName = e.MemberId is null ? issuer.Name : e.UnitName, IssuerName = issuer.Name,
                    Reason = rule.ReasonFor(round.Year),
                    DecisionNumber = decision.Number, DecisionDate = decision.DecidedOn, DateLine = dateLine,
                    SignerTitle = decision.SignerTitle, SignerName = decision.SignerName, Code = Certificate.NewCode(), IssuedAtUtc = now,
                    TemplateVersion = templateVersion, TemplateKey = templateKey,
                }));
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                db.ChangeTracker.Clear();
                issued += earned.Count;
            }
        }

        var finished = await db.Decisions.IgnoreQueryFilters().Where(d => d.Id == decisionId && d.CertificatesIssuedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.CertificatesIssuedAtUtc, clock.GetUtcNow().UtcDateTime), ct);
        if (finished == 1)
        {
            await NotifyAsync(decision, ct); // only the run that finished the issuing tells, once
        }

        return issued;
    }

    /// <summary>
    /// Certificates granted: the issuer's standing committee hears how many, each recipient's branch secretary and each
    /// member recipient hears of theirs (bell, and mail for those who chose immediate mails).
    /// </summary>
    private async Task NotifyAsync(Decision decision, CancellationToken ct)
    {
        var granted = await (
            from certificate in db.Certificates.IgnoreQueryFilters().AsNoTracking()
            join file in db.Files.IgnoreQueryFilters().AsNoTracking() on certificate.FileId equals file.Id
            where certificate.DecisionId == decision.Id && certificate.Status == CertificateStatus.Valid
            select new { certificate.Number, certificate.RecipientName, certificate.Id, file.SubjectUnitId, file.MemberId }).ToListAsync(ct);
        if (granted.Count == 0)
        {
            return;
        }

        var title = $"Quyết định số {decision.Number}";
        var notices = new List<Notice>();
        var committee = await RoleMembers.Query(db).Where(m => m.Role == Roles.StandingCommittee && m.User.UnitId == decision.DecidingUnitId)
            .Select(m => m.User.UserName!).ToListAsync(ct);
        notices.AddRange(committee.Select(u => new Notice(u, NotificationKind.Certificates, $"Đã cấp {granted.Count} giấy khen theo {title}.",
            $"/Decisions/{decision.Id}", $"certificates:{decision.Id:N}:{u}")));
        var byUnit = granted.ToLookup(g => g.SubjectUnitId);
        foreach (var (userName, unitId) in await UnitPeople.SecretariesAsync(db, byUnit.Select(g => g.Key), ct))
        {
            var theirs = byUnit[unitId].ToList();
            var text = theirs.Count == 1
                ? $"Giấy khen số {theirs[0].Number} đã được cấp cho {theirs[0].RecipientName} ({title})."
                : $"{theirs.Count} giấy khen đã được cấp cho đơn vị đồng chí ({title}).";
            notices.Add(new Notice(userName, NotificationKind.Certificates, text,
                theirs.Count == 1 ? $"/certificates/{theirs[0].Id}.pdf" : $"/Decisions/{decision.Id}", $"certificates:{decision.Id:N}:{userName}"));
        }

        var byMember = granted.Where(g => g.MemberId is not null).GroupBy(g => g.MemberId!.Value).ToDictionary(g => g.Key, g => g.First());
        foreach (var (userName, memberId) in await UnitPeople.MemberUsersAsync(db, byMember.Keys, ct))
        {
            var mine = byMember[memberId];
            notices.Add(new Notice(userName, NotificationKind.Certificates, $"Đồng chí được tặng Giấy khen số {mine.Number} ({title}).",
                $"/certificates/{mine.Id}.pdf", $"certificates:{decision.Id:N}:{userName}:member"));
        }

        await board.PostAsync(notices, sendMail: true, ct);
    }

    /// <summary>
    /// An amended decision re-decides some subjects: a certificate the original gave them is revoked where the new level
    /// no longer earns its award (one set-based update; the new level's certificate, if any, is issued as usual).
    /// </summary>
    private async Task RevokeSupersededAsync(Decision amended, Guid originalId, DateTime now, CancellationToken ct)
    {
        var reason = $"Quyết định số {amended.Number} ngày {amended.DecidedOn:dd/MM/yyyy} sửa đổi mức xếp loại.";
        var newLevels = db.DecisionItems.Where(i => i.DecisionId == amended.Id);
        await db.Certificates
            .Where(c => c.DecisionId == originalId && c.Status == CertificateStatus.Valid
                        && newLevels.Any(i => i.FileId == c.FileId && db.Set<AwardRule>().Any(r => r.Id == c.AwardRuleId && r.Level != i.Level)))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CertificateStatus.Revoked).SetProperty(c => c.RevokedReason, reason)
                .SetProperty(c => c.RevokedAtUtc, now), ct);
    }
}
