using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>What the pages and endpoints read about certificates: issuing progress, the public check by code, a certificate's register.</summary>
public sealed class CertificateQueries(AppDbContext db)
{
    /// <summary>The award kinds in force granted with a rating Decision that cover a subject type, in code order.</summary>
    internal static async Task<List<AwardRule>> RulesForAsync(AppDbContext db, SubjectType type, CancellationToken ct) =>
        (await db.AwardRules.AsNoTracking().Where(r => r.Active && r.IsCurrent && r.WithRatingDecision).OrderBy(r => r.Code).ToListAsync(ct))
        .Where(r => r.Covers(type)).ToList();

    /// <summary>How far the issuing of a decision's certificates is: issued so far, and how many it earns in all.</summary>
    public async Task<(int Issued, int Expected, bool Done)> ProgressAsync(Guid decisionId, CancellationToken ct)
    {
        var decision = await db.Decisions.IgnoreQueryFilters().AsNoTracking().FirstAsync(d => d.Id == decisionId, ct);
        var levels = (await RulesForAsync(db, decision.SubjectType, ct)).Select(r => r.Level).Distinct().ToList();
        var expected = await db.DecisionItems.AsNoTracking().CountAsync(i => i.DecisionId == decisionId && levels.Contains(i.Level), ct);
        var issued = await db.Certificates.IgnoreQueryFilters().AsNoTracking().CountAsync(c => c.DecisionId == decisionId, ct);
        return (issued, Math.Max(expected, issued), decision.CertificatesIssuedAtUtc is not null);
    }

    /// <summary>The lines (files, award grants) the caller may read: a certificate is readable when its line is.</summary>
    public static IQueryable<Guid> ReadableLines(AppDbContext db) =>
        db.Files.Select(f => f.Id).Concat(db.AwardGrants.Select(g => g.Id));

    /// <summary>Whether the caller may read the line a certificate was issued for (a file or an award grant in their subtree).</summary>
    public Task<bool> LineReadableAsync(Guid lineId, CancellationToken ct) =>
        db.Files.Where(f => f.Id == lineId).Select(f => f.Id).Concat(db.AwardGrants.Where(g => g.Id == lineId).Select(g => g.Id)).AnyAsync(ct);

    /// <summary>The certificate if the caller may read it (its subject's file or grant is in the caller's subtree); otherwise 404.</summary>
    public async Task<Certificate> ReadableAsync(Guid certificateId, CancellationToken ct)
    {
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == certificateId, ct);
        if (certificate is null || !await LineReadableAsync(certificate.FileId, ct))
        {
            throw DomainException.NotFound("giấy khen");
        }

        return certificate;
    }

    /// <summary>The certificate a public verification code names (codes are case-insensitive; nonsense finds nothing).</summary>
    public async Task<Certificate?> FindByCodeAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 40)
        {
            return null;
        }

        var normalized = code.Trim().ToUpperInvariant();
        return await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Code == normalized, ct);
    }

    /// <summary>The register of one certificate, oldest first.</summary>
    public Task<List<CertificateEvent>> HistoryAsync(Guid certificateId, CancellationToken ct) =>
        db.CertificateEvents.AsNoTracking().Where(e => e.CertificateId == certificateId).OrderBy(e => e.AtUtc).ToListAsync(ct);
}
