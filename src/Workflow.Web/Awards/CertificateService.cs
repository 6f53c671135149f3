using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Jobs;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>
/// Issues the certificates a published decision earns, set-based: for each active award rule, every decided subject
/// at the rule's level that has no certificate for this decision yet gets one, with serial numbers taken as one block
/// from the issuer's yearly counter, all in one transaction. Running it twice issues nothing more (a unique key on
/// subject + award + decision, and the "already issued" filter).
/// </summary>
public sealed class CertificateService(AppDbContext db, IConfiguration configuration, TimeProvider clock)
{
    public async Task<int> IssueForDecisionAsync(Guid decisionId, CancellationToken ct)
    {
        var decision = await db.Decisions.IgnoreQueryFilters().FirstOrDefaultAsync(d => d.Id == decisionId, ct);
        if (decision is null || decision.CertificatesIssuedAtUtc is not null)
        {
            return 0;
        }

        var round = await db.Rounds.IgnoreQueryFilters().AsNoTracking().FirstAsync(r => r.Id == decision.RoundId, ct);
        var issuer = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == decision.DecidingUnitId, ct);
        var rules = (await db.AwardRules.AsNoTracking().Where(r => r.Active).OrderBy(r => r.Code).ToListAsync(ct)).Where(r => r.Covers(decision.SubjectType)).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var dateLine = DecisionService.DateLine(DecisionDocuments.PlaceOf(issuer.Name, configuration), decision.DecidedOn);
        var issued = 0;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (decision.AmendsDecisionId is { } original)
        {
            await RevokeSupersededAsync(decision, original, now, ct);
        }

        foreach (var rule in rules)
        {
            var earned = await (
                from item in db.DecisionItems.AsNoTracking()
                join file in db.Files.IgnoreQueryFilters().AsNoTracking() on item.FileId equals file.Id
                join unit in db.Units.IgnoreQueryFilters().AsNoTracking() on file.SubjectUnitId equals unit.Id
                where item.DecisionId == decisionId && item.Level == rule.Level
                      && !db.Certificates.Any(c => c.FileId == item.FileId && c.AwardRuleId == rule.Id && c.DecisionId == decisionId)
                orderby item.Order
                select new { item.FileId, file.SubjectName, file.MemberId, UnitName = unit.Name }).ToListAsync(ct);
            if (earned.Count == 0)
            {
                continue;
            }

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
            }));
            issued += earned.Count;
        }

        decision.CertificatesIssuedAtUtc = now;
        db.SuppressAudit = true;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return issued;
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
                        && newLevels.Any(i => i.FileId == c.FileId && db.AwardRules.Any(r => r.Id == c.AwardRuleId && r.Level != i.Level)))
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

    public async Task RevokeAsync(Guid certificateId, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw RatingException.Invalid("Thu hồi giấy khen cần nêu lý do.", [new("reason", "Chưa nêu lý do thu hồi.")]);
        }

        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == certificateId, ct) ?? throw RatingException.NotFound("giấy khen");
        certificate.Status = CertificateStatus.Revoked;
        certificate.RevokedReason = reason.Trim();
        certificate.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The Hangfire job: takes the decision's id, runs in its own scope, safe to run twice.</summary>
public sealed class CertificateJob(CertificateService certificates)
{
    [AutomaticRetry(Attempts = 5)]
    public Task IssueAsync(Guid decisionId, CancellationToken ct) => certificates.IssueForDecisionAsync(decisionId, ct);
}

/// <summary>After a restart: decisions whose certificates were not issued yet get their job again.</summary>
public sealed class CertificateRecovery(AppDbContext db, IBackgroundJobClient jobs) : IPendingWorkSource
{
    public string Name => "certificates to issue";

    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var ids = await db.Decisions.IgnoreQueryFilters().Where(d => d.CertificatesIssuedAtUtc == null).Select(d => d.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            jobs.Enqueue<CertificateJob>(job => job.IssueAsync(id, CancellationToken.None));
        }

        return ids.Count;
    }
}
