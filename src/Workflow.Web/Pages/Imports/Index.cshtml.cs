using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Imports;
using Workflow.Engine;
using Workflow.Web.Org;

namespace Workflow.Web.Pages.Imports;

/// <summary>
/// Data in from spreadsheets: pick what the sheet holds and the committee, upload, read the dry run (rows that would be
/// added, matched, and every row error with its line and column), then start the import and watch its progress.
/// </summary>
[RequestSizeLimit(ImportsFeature.MaxUploadBytes + (1024 * 1024))]
public sealed class IndexModel(AppDbContext db, Importer importer) : Shared.CommandPage
{
    public const int ErrorPageSize = 50;

    [BindProperty(SupportsGet = true)] public Guid? Job { get; set; }
    [BindProperty] public ImportKind Kind { get; set; } = ImportKind.Members;
    [BindProperty] public Guid? Unit { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public IReadOnlyList<Unit> Committees { get; private set; } = [];
    public ImportJob? Current { get; private set; }
    public IReadOnlyList<ImportError> CurrentErrors { get; private set; } = [];
    public Shared.PageInfo ErrorPaging { get; private set; } = new(1, ErrorPageSize, 0);
    public IReadOnlyList<ImportJob> Recent { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? p, CancellationToken ct)
    {
        if (!Importer.MayImport(Actor.From(User)))
        {
            return Forbid();
        }

        await LoadAsync(ct);
        if (Job is not null && Current is null)
        {
            return NotFound();
        }

        if (Current is not null)
        {
            // The form offers the same kind and committee again (the corrected sheet is the usual next upload).
            Kind = Current.Kind;
            Unit = Current.ScopeUnitId;
            var all = Importer.ErrorsOf(Current);
            ErrorPaging = Shared.PageInfo.For(p, ErrorPageSize, all.Count);
            CurrentErrors = all.Skip(ErrorPaging.Skip).Take(ErrorPageSize).ToList();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ImportJob? job = null;
        var result = await RunAsync(async actor =>
        {
            if (Upload is null)
            {
                throw DomainException.Invalid("Chưa chọn tệp.", [new FieldError("file", "Chưa chọn tệp.")]);
            }

            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer, ct);
            job = await importer.CheckAsync(Kind, Unit, Upload.FileName, buffer.ToArray(), actor, ct);
            return job.ErrorCount == 0 ? "Đã kiểm tra tệp: không có lỗi. Xem lại rồi bấm Bắt đầu nhập." : (Message)$"Đã kiểm tra tệp: có {job.ErrorCount} lỗi, chưa ghi gì. Sửa các dòng được nêu rồi tải tệp lên lại.";
        }, () => $"/Imports?job={job!.Id}", LoadAsync, ct);
        return result;
    }

    public Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken ct) => RunAsync(async actor =>
    {
        await importer.StartAsync(id, actor, ct);
        return "Đã bắt đầu nhập (chạy nền theo từng lô).";
    }, () => $"/Imports?job={id}", LoadAsync, ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        Committees = await db.Units.AsNoTracking()
            .Where(u => (u.Kind == UnitKind.Province || u.Kind == UnitKind.DirectCommittee || u.Kind == UnitKind.GrassrootsCommittee) && u.ValidTo == null
                && (actor.IsAdmin || u.Id == actor.UnitId))
            .OrderBy(u => u.Depth).ThenBy(u => u.SortOrder).Take(300).ToListAsync(ct);
        Unit ??= actor.UnitId;
        Current = Job is { } id ? await importer.Visible(actor).FirstOrDefaultAsync(j => j.Id == id, ct) : null;
        Recent = await importer.Visible(actor).OrderByDescending(j => j.CreatedAtUtc).Take(20).ToListAsync(ct);
    }
}
