using Workflow.Web.Jobs;
using Workflow.Web.Templates;

namespace Workflow.Web.Imports;

/// <summary>
/// Data in from spreadsheets: units, members, accounts and prior years' results from .xlsx or .csv, checked first (a dry
/// run), then written in batches by a background job. Pages: Pages/Admin/Imports. API: /api/imports.
/// </summary>
public static class ImportsFeature
{
    public const int MaxUploadBytes = ImportSheet.MaxBytes;

    public static void AddImports(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Importer>();
        builder.Services.AddScoped<ImportRunner>();
        builder.Services.AddScoped<IPendingWorkSource, ImportRecovery>();
    }

    public static object Summary(ImportJob j, int errors = 100) => new
    {
        j.Id, j.Kind, j.FileName, j.Status, j.Total, j.Done, j.Created, j.Updated, j.Unchanged, j.ErrorCount, j.Failure, j.CreatedBy, j.CreatedAtUtc, j.FinishedAtUtc,
        percent = j.Total == 0 ? 0 : (int)Math.Floor(100.0 * j.Done / j.Total),
        errors = Importer.ErrorsOf(j).Take(errors).Select(e => new { e.Row, e.Column, message = e.Text.ToString(), line = e.Line.ToString() }),
    };

    public static void MapImports(this WebApplication app)
    {
        var api = app.MapGroup("/api/imports").RequireAuthorization().AddEndpointFilter(ApiAntiforgery.RequireForChanges).WithTags("Nhập dữ liệu");
        api.MapGet("/templates/{kind}", async (HttpContext http, ImportKind kind, CancellationToken ct) =>
        {
            if (!Importer.MayImport(Actor.From(http.User)))
            {
                throw DomainException.Forbidden("Chỉ Ban Thường vụ, Ban Tổ chức (hoặc quản trị viên) được nhập dữ liệu.");
            }

            var columns = ImportColumn.Of(kind);
            var sheet = new Sheet("Mẫu", columns.Select(c => new SheetColumn(c.Key, c.Header + (c.Required ? " *" : ""), Math.Max(14, c.Header.Length + 4))).ToList(),
                [columns.Select(c => (object?)c.Example).ToArray()]);
            return await Spreadsheets.FileAsync([sheet], $"Mẫu nhập {ImportText.Of(kind)}", ct);
        });
        api.MapGet("", async (Importer importer, HttpContext http, CancellationToken ct) =>
        {
            var actor = Actor.From(http.User);
            if (!Importer.MayImport(actor))
            {
                throw DomainException.Forbidden("Chỉ Ban Thường vụ, Ban Tổ chức (hoặc quản trị viên) được nhập dữ liệu.");
            }

            var list = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                importer.Visible(actor).OrderByDescending(j => j.CreatedAtUtc).Take(50), ct);
            return list.Select(j => Summary(j, 0));
        });
        api.MapPost("", async (Importer importer, HttpContext http, ImportKind? kind, Guid? unitId, IFormFile? file, CancellationToken ct) =>
        {
            if (file is null)
            {
                throw DomainException.Invalid("Chưa chọn tệp (trường \"file\").", [new("file", "Chưa chọn tệp.")]);
            }

            if (file.Length > MaxUploadBytes)
            {
                throw DomainException.Invalid($"Tệp lớn hơn {MaxUploadBytes / 1024 / 1024} MB.", [new("file", "Tệp quá lớn.")]);
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var job = await importer.CheckAsync(kind ?? (ImportKind)(-1), unitId, file.FileName, buffer.ToArray(), Actor.From(http.User), ct);
            return Results.Created($"/api/imports/{job.Id}", Summary(job));
        }).DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadBytes + (1024 * 1024)));
        api.MapGet("/{id:guid}", async (Importer importer, HttpContext http, Guid id, CancellationToken ct) =>
        {
            var job = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(importer.Visible(Actor.From(http.User)), j => j.Id == id, ct)
                ?? throw DomainException.NotFound("lần nhập dữ liệu");
            return Summary(job, Importer.KeptErrors);
        });
        api.MapPost("/{id:guid}/start", async (Importer importer, HttpContext http, Guid id, CancellationToken ct) =>
        {
            var job = await importer.StartAsync(id, Actor.From(http.User), ct);
            return Results.Accepted($"/api/imports/{job.Id}", Summary(job, 0));
        });
    }
}
