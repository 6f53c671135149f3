using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

public sealed record RevokeRequest(string? Reason);

/// <summary>The awards endpoints.</summary>
public static class AwardsEndpoints
{
    public static void MapAwards(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter(ApiAntiforgery.RequireForChanges).WithTags("Khen thưởng");

        // The certificates of a decision (a rating Decision or an award decision) the caller may read (its lines are in the caller's subtree).
        api.MapGet("/decisions/{id:guid}/certificates", async (AppDbContext db, CertificateQueries certificates, Guid id, CancellationToken ct) =>
        {
            var readable = CertificateQueries.ReadableLines(db);
            int count, expected;
            bool issued;
            if (await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) is { } decision)
            {
                (count, expected, _) = await certificates.ProgressAsync(id, ct);
                issued = decision.CertificatesIssuedAtUtc is not null;
            }
            else
            {
                var award = await db.AwardDecisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw DomainException.NotFound("quyết định");
                if (!await db.AwardGrants.AnyAsync(g => g.AwardDecisionId == id, ct) && !await db.AwardRounds.AnyAsync(r => r.Id == award.RoundId, ct)
                    && !await db.AwardProposals.AnyAsync(p => p.Id == award.RoundId, ct))
                {
                    throw DomainException.NotFound("quyết định");
                }

                count = await db.Certificates.CountAsync(c => c.DecisionId == id, ct);
                expected = Math.Max(count, await db.AwardGrants.IgnoreQueryFilters().CountAsync(g => g.AwardDecisionId == id, ct));
                issued = award.CertificatesIssuedAtUtc is not null;
            }

            var items = await db.Certificates.AsNoTracking().Where(c => c.DecisionId == id && readable.Contains(c.FileId)).OrderBy(c => c.Serial).ToListAsync(ct);
            return new
            {
                issued,
                issuedCount = count,
                expected,
                items = items.Select(c => new { c.Id, c.Number, c.RecipientName, c.UnitName, c.Reason, status = c.Status.ToString(), c.Code, c.FileId }),
            };
        });

        api.MapPost("/certificates/{id:guid}/revoke", async (CertificateRevocation certificates, HttpContext http, Guid id, RevokeRequest body, CancellationToken ct) =>
        {
            await certificates.RevokeAsync(id, body.Reason, Actor.From(http.User), ct);
            return Results.NoContent();
        });

        api.MapPost("/certificates/{id:guid}/annul-revocation", async (CertificateRevocation certificates, HttpContext http, Guid id, RevokeRequest body, CancellationToken ct) =>
        {
            await certificates.AnnulRevocationAsync(id, body.Reason, Actor.From(http.User), ct);
            return Results.NoContent();
        });

        // A certificate's register: its revocations and their annulments (whoever may read the certificate).
        api.MapGet("/certificates/{id:guid}/history", async (CertificateQueries certificates, Guid id, CancellationToken ct) =>
        {
            await certificates.ReadableAsync(id, ct);
            return (await certificates.HistoryAsync(id, ct)).Select(e => new { kind = e.Kind.ToString(), e.Reason, e.AtUtc, e.Actor, e.ActorName });
        });

        app.MapGet("/decisions/{id:guid}/certificates.zip", (AppDbContext db, CertificatePdf pdf, CertificateTemplates templates, HttpContext http, Guid id, CancellationToken ct) =>
            WriteZipAsync(http, db, pdf, templates, id, ct)).RequireAuthorization();

        // The PDF: for whoever may read the subject's file.
        app.MapGet("/certificates/{id:guid}.pdf", async (AppDbContext db, CertificateQueries queries, CertificatePdf pdf, CertificateTemplates templates, HttpContext http, Guid id, CancellationToken ct) =>
        {
            var certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (certificate is null || !await queries.LineReadableAsync(certificate.FileId, ct))
            {
                return Results.NotFound();
            }

            var bytes = pdf.Render(certificate, VerifyUrl(http, certificate.Code), await templates.CompiledAsync(certificate.TemplateKey, certificate.TemplateVersion, ct));
            return Results.File(bytes, "application/pdf", FileNames.Safe($"{certificate.KindName} {certificate.Number} {certificate.RecipientName}") + ".pdf");
        }).RequireAuthorization();

        // The certificate template (Admin): the latest layout, a live preview of a draft as PNG, and saving a new version.
        var admin = api.MapGroup("/admin/certificate-template").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        // ?kind=CODE: that award kind's own template (it starts from the shared one until saved once).
        admin.MapGet("", async (CertificateTemplates templates, AppDbContext db, string? kind, CancellationToken ct) =>
        {
            var key = await TemplateKeyAsync(db, kind, ct);
            var own = await templates.LatestVersionAsync(key, ct);
            var (shownKey, version) = own > 0 || key == CertificateLayout.Key ? (key, own) : (CertificateLayout.Key, await templates.LatestVersionAsync(ct));
            return Results.Text($"{{\"version\":{own},\"layout\":{(await templates.LayoutAsync(shownKey, version, ct)).ToJson()}}}", "application/json; charset=utf-8");
        });
        admin.MapGet("/default", () => Results.Text(CertificateLayout.Default.ToJson(), "application/json; charset=utf-8"));
        admin.MapPost("/preview", async (CertificatePdf pdf, HttpContext http, CancellationToken ct) =>
        {
            var compiled = CertificateTemplates.Check(await ReadLayoutAsync(http, ct));
            var sample = CertificateLayout.Sample();
            return Results.File(pdf.RenderPng(sample, VerifyUrl(http, sample.Code), compiled, scale: 1.2f), "image/png");
        });
        admin.MapPost("", async (CertificateTemplates templates, AppDbContext db, HttpContext http, string? kind, CancellationToken ct) =>
        {
            var key = await TemplateKeyAsync(db, kind, ct);
            return new { version = await templates.SaveAsync(key, await ReadLayoutAsync(http, ct), http.User.Identity?.Name ?? "", ct) };
        });
    }

    /// <summary>The template an editor request means: the shared one, or the named award kind's own (404 for an unknown kind).</summary>
    public static async Task<string> TemplateKeyAsync(AppDbContext db, string? kind, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(kind))
        {
            return CertificateLayout.Key;
        }

        var code = kind.Trim().ToUpperInvariant();
        return await db.AwardRules.AnyAsync(k => k.Code == code, ct) ? CertificateTemplates.KeyOf(code) : throw DomainException.NotFound("loại khen thưởng");
    }

    /// <summary>The layout JSON of a request body, at most 1 MB (an emblem image included).</summary>
    private static async Task<string> ReadLayoutAsync(HttpContext http, CancellationToken ct)
    {
        var buffer = new char[1_000_001];
        using var reader = new StreamReader(http.Request.Body, System.Text.Encoding.UTF8);
        var read = 0;
        while (read < buffer.Length && await reader.ReadAsync(buffer.AsMemory(read), ct) is var n and > 0)
        {
            read += n;
        }

        return read >= buffer.Length
            ? throw DomainException.Invalid("Mẫu giấy khen quá lớn (tối đa 1 MB, kể cả ảnh).", [new("layout", "Mẫu giấy khen quá lớn.")])
            : new string(buffer, 0, read);
    }

    /// <summary>Every certificate of a decision the caller may read, as one ZIP of PDFs, drawn as the archive is written.</summary>
    private static async Task WriteZipAsync(HttpContext http, AppDbContext db, CertificatePdf pdf, CertificateTemplates templates, Guid decisionId, CancellationToken ct)
    {
        var readable = CertificateQueries.ReadableLines(db);
        var items = await db.Certificates.AsNoTracking().Where(c => c.DecisionId == decisionId && readable.Contains(c.FileId)).OrderBy(c => c.Serial).ToListAsync(ct);
        if (items.Count == 0)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Response.ContentType = "application/zip";
        var decisionNumber = await db.Decisions.IgnoreQueryFilters().Where(d => d.Id == decisionId).Select(d => d.Number)
            .Concat(db.AwardDecisions.Where(d => d.Id == decisionId).Select(d => d.Number)).FirstAsync(ct);
        http.Response.Headers.ContentDisposition = FileNames.Attachment(FileNames.Safe($"Giấy khen theo Quyết định {decisionNumber}") + ".zip");
        await using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var c in items)
            {
                var entry = zip.CreateEntry(FileNames.Safe($"{c.Serial:0000} {c.RecipientName}") + ".pdf", System.IO.Compression.CompressionLevel.Fastest);
                await using var stream = entry.Open();
                var bytes = pdf.Render(c, VerifyUrl(http, c.Code), await templates.CompiledAsync(c.TemplateKey, c.TemplateVersion, ct));
                await stream.WriteAsync(bytes, ct);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body, ct);
    }

    public static string VerifyUrl(HttpContext http, string code) => $"{http.Request.Scheme}://{http.Request.Host}/verify/{code}";
}
