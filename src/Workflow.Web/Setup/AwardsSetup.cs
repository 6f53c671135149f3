using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Awards;
using Workflow.Web.Data;
using Workflow.Web.Jobs;
using Workflow.Web.Ratings;

namespace Workflow.Web.Setup;

public sealed record RevokeRequest(string? Reason);

/// <summary>
/// Awards: rules as data, certificates issued by a Hangfire job when a decision is published (and again after a
/// restart until done), drawn as PDF on request, verified publicly at /verify/{code}.
/// </summary>
public static class AwardsSetup
{
    public static void AddAwards(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CertificateService>();
        builder.Services.AddScoped<CertificateJob>();
        builder.Services.AddSingleton<CertificatePdf>();
        builder.Services.AddScoped<IPendingWorkSource, CertificateRecovery>();
    }

    /// <summary>The default award rule, added once (an admin's changes are left alone).</summary>
    public static async Task EnsureAwardRulesAsync(AppDbContext db)
    {
        if (!await db.AwardRules.AnyAsync())
        {
            db.AwardRules.Add(AwardRule.Default());
            await db.SaveChangesAsync();
        }
    }

    public static void MapAwards(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter(RatingsApi.RequireAntiforgeryForChanges).WithTags("Khen thưởng");

        // The certificates of a decision the caller may read (its files are in the caller's subtree).
        api.MapGet("/decisions/{id:guid}/certificates", async (AppDbContext db, Guid id, CancellationToken ct) =>
        {
            var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw RatingException.NotFound("quyết định");
            var readable = db.Files.Select(f => f.Id);
            var items = await db.Certificates.AsNoTracking().Where(c => c.DecisionId == id && readable.Contains(c.FileId)).OrderBy(c => c.Serial).ToListAsync(ct);
            return new
            {
                issued = decision.CertificatesIssuedAtUtc is not null,
                items = items.Select(c => new { c.Id, c.Number, c.RecipientName, c.UnitName, c.Reason, status = c.Status.ToString(), c.Code, c.FileId }),
            };
        });

        api.MapPost("/certificates/{id:guid}/revoke", async (CertificateService certificates, HttpContext http, Guid id, RevokeRequest body, CancellationToken ct) =>
        {
            if (!http.User.IsInRole(Identity.Roles.Admin) && !http.User.IsInRole(Identity.Roles.StandingCommittee))
            {
                throw RatingException.Forbidden("Chỉ Ban Thường vụ hoặc quản trị viên được thu hồi giấy khen.");
            }

            await certificates.RevokeAsync(id, body.Reason, ct);
            return Results.NoContent();
        });

        app.MapGet("/decisions/{id:guid}/certificates.zip", (AppDbContext db, CertificatePdf pdf, HttpContext http, Guid id, CancellationToken ct) =>
            WriteZipAsync(http, db, pdf, id, ct)).RequireAuthorization();

        // The PDF: for whoever may read the subject's file.
        app.MapGet("/certificates/{id:guid}.pdf", async (AppDbContext db, CertificatePdf pdf, HttpContext http, Guid id, CancellationToken ct) =>
        {
            var certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (certificate is null || !await db.Files.AnyAsync(f => f.Id == certificate.FileId, ct))
            {
                return Results.NotFound();
            }

            var bytes = pdf.Render(certificate, VerifyUrl(http, certificate.Code));
            return Results.File(bytes, "application/pdf", $"giay-khen-{certificate.Serial}-{certificate.Year}.pdf");
        }).RequireAuthorization();
    }

    /// <summary>Every certificate of a decision the caller may read, as one ZIP of PDFs, drawn as the archive is written.</summary>
    private static async Task WriteZipAsync(HttpContext http, AppDbContext db, CertificatePdf pdf, Guid decisionId, CancellationToken ct)
    {
        var readable = db.Files.Select(f => f.Id);
        var items = await db.Certificates.AsNoTracking().Where(c => c.DecisionId == decisionId && readable.Contains(c.FileId)).OrderBy(c => c.Serial).ToListAsync(ct);
        if (items.Count == 0)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"giay-khen-{items[0].Year}-{decisionId.ToString("N")[..8]}.zip\"";
        await using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var c in items)
            {
                var entry = zip.CreateEntry($"giay-khen-{c.Serial:0000}.pdf", System.IO.Compression.CompressionLevel.Fastest);
                await using var stream = entry.Open();
                var bytes = pdf.Render(c, VerifyUrl(http, c.Code));
                await stream.WriteAsync(bytes, ct);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body, ct);
    }

    public static string VerifyUrl(HttpContext http, string code) => $"{http.Request.Scheme}://{http.Request.Host}/verify/{code}";

    /// <summary>Queues the certificates of a decision just published (after its commit).</summary>
    public static void QueueCertificates(IBackgroundJobClient jobs, Guid decisionId) =>
        jobs.Enqueue<CertificateJob>(job => job.IssueAsync(decisionId, CancellationToken.None));
}
