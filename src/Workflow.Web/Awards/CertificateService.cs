using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>
/// Issues the certificates a published decision earns, set-based: for each active award rule, every decided subject
/// at the rule's level that has no certificate for this decision yet gets one, with serial numbers taken as one block
/// from the issuer's yearly counter, all in one transaction. Running it twice issues nothing more (a unique key on
/// subject + award + decision, and the "already issued" filter).
/// </summary>
public sealed class CertificateService(AppDbContext db, IConfiguration configuration, TimeProvider clock, CertificateTemplates templates)
{
    /// <summary>Certificates issued per transaction: the decision page shows the progress between batches.</summary>
    public const int BatchSize = 500;

    /// <summary>
    /// Issues what the decision earns, in batches of <see cref="BatchSize"/> subjects, each batch one transaction with
    /// its block of serial numbers; safe to run again at any point (what is issued stays, the rest follows).
    /// </summary>
    public async Task<int> IssueForDecisionAsync(Guid decisionId, CancellationToken ct)
    {
        var decision = await db.Decisions.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId, ct);
        if (decision is null || decision.CertificatesIssuedAtUtc is not null)
        {
            return 0;
        }

        var round = await db.Rounds.IgnoreQueryFilters().AsNoTracking().FirstAsync(r => r.Id == decision.RoundId, ct);
        var issuer = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == decision.DecidingUnitId, ct);
        var rules = await RulesForAsync(decision.SubjectType, ct);
        var dateLine = DecisionDocument.DateLine(DecisionDocuments.PlaceOf(issuer.Name, configuration), decision.DecidedOn);
        var templateVersion = await templates.LatestVersionAsync(ct);
        using var unaudited = db.WithoutAudit(); // certificates are issued in bulk; the decision is what the audit log records
        if (decision.AmendsDecisionId is { } original)
        {
            await RevokeSupersededAsync(decision, original, clock.GetUtcNow().UtcDateTime, ct);
        }

        var issued = 0;
        foreach (var rule in rules)
        {
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
                var first = await TakeSerialsAsync(decision.DecidingUnitId, decision.DecidedOn.Year, earned.Count, ct);
                var suffix = $"{rule.SerialKind}-{issuer.Code ?? "ĐU"}";
                db.Certificates.AddRange(earned.Select((e, i) => new Certificate
                {
                    AwardRuleId = rule.Id, DecisionId = decisionId, FileId = e.FileId, IssuerUnitId = issuer.Id, Year = decision.DecidedOn.Year,
                    Serial = first + i, Number = $"{first + i}/{suffix}", Title = rule.Title, RecipientName = e.SubjectName,
                    UnitName = e.MemberId is null ? issuer.Name : e.UnitName, IssuerName = issuer.Name,
                    Reason = rule.Reason.Replace("{year}", round.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
                    DecisionNumber = decision.Number, DecisionDate = decision.DecidedOn, DateLine = dateLine,
                    SignerTitle = decision.SignerTitle, SignerName = decision.SignerName, Code = Certificate.NewCode(), IssuedAtUtc = now,
                    TemplateVersion = templateVersion,
                }));
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                db.ChangeTracker.Clear();
                issued += earned.Count;
            }
        }

        await db.Decisions.IgnoreQueryFilters().Where(d => d.Id == decisionId && d.CertificatesIssuedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.CertificatesIssuedAtUtc, clock.GetUtcNow().UtcDateTime), ct);
        return issued;
    }

    private async Task<List<AwardRule>> RulesForAsync(SubjectType type, CancellationToken ct) =>
        (await db.AwardRules.AsNoTracking().Where(r => r.Active).OrderBy(r => r.Code).ToListAsync(ct)).Where(r => r.Covers(type)).ToList();

    /// <summary>How far the issuing of a decision's certificates is: issued so far, and how many it earns in all.</summary>
    public async Task<(int Issued, int Expected, bool Done)> ProgressAsync(Guid decisionId, CancellationToken ct)
    {
        var decision = await db.Decisions.IgnoreQueryFilters().AsNoTracking().FirstAsync(d => d.Id == decisionId, ct);
        var levels = (await RulesForAsync(decision.SubjectType, ct)).Select(r => r.Level).Distinct().ToList();
        var expected = await db.DecisionItems.AsNoTracking().CountAsync(i => i.DecisionId == decisionId && levels.Contains(i.Level), ct);
        var issued = await db.Certificates.IgnoreQueryFilters().AsNoTracking().CountAsync(c => c.DecisionId == decisionId, ct);
        return (issued, Math.Max(expected, issued), decision.CertificatesIssuedAtUtc is not null);
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

    /// <summary>Reserves <paramref name="count"/> consecutive serials; returns the first. A guarded update: a concurrent issuer makes this one retry.</summary>
    private async Task<int> TakeSerialsAsync(Guid issuer, int year, int count, CancellationToken ct)
    {
        var last = await db.CertificateCounters.Where(c => c.IssuerUnitId == issuer && c.Year == year).Select(c => (int?)c.Last).FirstOrDefaultAsync(ct);
        if (last is null)
        {
            db.CertificateCounters.Add(new CertificateCounter { IssuerUnitId = issuer, Year = year, Last = count });
            await db.SaveChangesAsync(ct);
            return 1;
        }

        var updated = await db.CertificateCounters.Where(c => c.IssuerUnitId == issuer && c.Year == year && c.Last == last)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Last, last.Value + count), ct);
        if (updated == 0)
        {
            throw new Engine.Ports.ConcurrencyException("Số giấy khen vừa được cấp ở nơi khác; thử lại.");
        }

        return last.Value + 1;
    }

    public async Task<Certificate?> FindByCodeAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 40)
        {
            return null;
        }

        var normalized = code.Trim().ToUpperInvariant();
        return await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Code == normalized, ct);
    }

    /// <summary>The longest reason a revocation or its annulment may give.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>
    /// Revokes a certificate: only the issuer's standing committee (or an Admin) may, with a reason of bounded length;
    /// the revocation is written to the certificate's register and the audit log. A certificate the caller cannot
    /// read is 404, one they can read but did not issue is 403.
    /// </summary>
    public Task RevokeAsync(Guid certificateId, string? reason, Actor actor, CancellationToken ct) =>
        ChangeAsync(certificateId, reason, actor, CertificateEventKind.Revoked, ct);

    /// <summary>Annuls a revocation found wrong (same rights, a reason): the certificate is valid again; the register keeps both.</summary>
    public Task AnnulRevocationAsync(Guid certificateId, string? reason, Actor actor, CancellationToken ct) =>
        ChangeAsync(certificateId, reason, actor, CertificateEventKind.RevocationAnnulled, ct);

    private async Task ChangeAsync(Guid certificateId, string? reason, Actor actor, CertificateEventKind kind, CancellationToken ct)
    {
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == certificateId, ct);
        if (certificate is null || !await db.Files.AnyAsync(f => f.Id == certificate.FileId, ct))
        {
            throw DomainException.NotFound("giấy khen");
        }

        if (!actor.IsAdmin && !actor.Is(Roles.StandingCommittee, certificate.IssuerUnitId))
        {
            throw DomainException.Forbidden($"Chỉ Ban Thường vụ của {certificate.IssuerName} (đơn vị cấp) hoặc quản trị viên được thu hồi giấy khen này.");
        }

        var label = kind == CertificateEventKind.Revoked ? "Lý do thu hồi" : "Lý do hủy thu hồi";
        var text = TextRules.Text(reason, MaxReasonLength, "reason", label, required: true)!;
        if (kind == CertificateEventKind.Revoked && certificate.Status == CertificateStatus.Revoked)
        {
            throw DomainException.Conflict($"Giấy khen số {certificate.Number} đã bị thu hồi.");
        }

        if (kind == CertificateEventKind.RevocationAnnulled && certificate.Status != CertificateStatus.Revoked)
        {
            throw DomainException.Conflict($"Giấy khen số {certificate.Number} đang có hiệu lực; không có việc thu hồi nào để hủy.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        certificate.Status = kind == CertificateEventKind.Revoked ? CertificateStatus.Revoked : CertificateStatus.Valid;
        certificate.RevokedReason = kind == CertificateEventKind.Revoked ? text : null;
        certificate.RevokedAtUtc = kind == CertificateEventKind.Revoked ? now : null;
        db.CertificateEvents.Add(new CertificateEvent
        {
            CertificateId = certificate.Id, Kind = kind, Reason = text, AtUtc = now, Actor = actor.UserName, ActorName = actor.DisplayName,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The register of one certificate, oldest first.</summary>
    public Task<List<CertificateEvent>> HistoryAsync(Guid certificateId, CancellationToken ct) =>
        db.CertificateEvents.AsNoTracking().Where(e => e.CertificateId == certificateId).OrderBy(e => e.AtUtc).ToListAsync(ct);
}
