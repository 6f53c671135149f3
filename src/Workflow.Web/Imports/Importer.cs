using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Localization;

namespace Workflow.Web.Imports;

/// <summary>
/// Imports as a user drives them: upload a sheet for a dry run (every row checked, nothing written, the file kept with
/// its errors), then start it (only a sheet without errors, by whoever checked it or an Admin) as a background job.
/// Admins import anything anywhere; a committee's standing committee or organization board imports units, members and
/// results under their committee; accounts only an Admin imports.
/// </summary>
public sealed class Importer(AppDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const int KeptErrors = 500;

    public static bool MayImport(Actor actor) => actor.IsAdmin || actor.IsInRole(Roles.StandingCommittee) || actor.IsInRole(Roles.OrganizationBoard);

    public async Task<ImportJob> CheckAsync(ImportKind kind, Guid? unitId, string fileName, byte[] content, Actor actor, CancellationToken ct)
    {
        if (!Enum.IsDefined(kind))
        {
            throw DomainException.Invalid("Chọn loại dữ liệu cần nhập.", [new FieldError("kind", "Chọn loại dữ liệu cần nhập.")]);
        }

        if (!MayImport(actor) || (kind == ImportKind.Users && !actor.IsAdmin))
        {
            throw DomainException.Forbidden(kind == ImportKind.Users ? "Chỉ quản trị viên được nhập tài khoản." : "Chỉ Ban Thường vụ, Ban Tổ chức (hoặc quản trị viên) được nhập dữ liệu.");
        }

        var scopeId = unitId ?? actor.UnitId ?? Guid.Empty;
        var scope = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == scopeId, ct) ?? throw DomainException.NotFound("cấp ủy");
        if (!actor.IsAdmin && actor.UnitId != scope.Id)
        {
            throw DomainException.Forbidden($"Chỉ nhập dữ liệu cho {scope.Name} khi bạn thuộc Ban Thường vụ hoặc Ban Tổ chức của cấp ủy này.");
        }

        var name = Path.GetFileName(fileName ?? "").Trim();
        var (rows, _) = ImportSheet.Read(content, name, kind);
        if (rows.Count == 0)
        {
            throw DomainException.Invalid("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.", [new FieldError("file", "Tệp không có dòng dữ liệu.")]);
        }

        var job = new ImportJob
        {
            Kind = kind, ScopeUnitId = scope.Id, ScopePath = scope.Path, FileName = name.Length > 200 ? name[..200] : name, Content = content, Status = ImportStatus.Checked,
            Total = rows.Count, CreatedBy = actor.UserName, CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var directory = await ImportDirectory.LoadAsync(db, kind, scope.Path, ct);
        var processor = new ImportProcessor(directory, job, VietnamTime.Today(clock));
        foreach (var row in rows)
        {
            switch (processor.Apply(row))
            {
                case RowOutcome.Created: job.Created++; break;
                case RowOutcome.Updated: job.Updated++; break;
                case RowOutcome.Unchanged: job.Unchanged++; break;
            }

            processor.TakeWrites();
        }

        job.ErrorCount = processor.Errors.Count;
        job.Errors = JsonSerializer.Serialize(processor.Errors.Take(KeptErrors));
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(ct);
        return job;
    }

    public async Task<ImportJob> StartAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var job = await db.ImportJobs.FirstOrDefaultAsync(j => j.Id == id, ct) ?? throw DomainException.NotFound("lần nhập dữ liệu");
        if (!actor.IsAdmin && job.CreatedBy != actor.UserName)
        {
            throw DomainException.Forbidden("Chỉ người đã kiểm tra tệp (hoặc quản trị viên) được bắt đầu nhập.");
        }

        if (job.Status != ImportStatus.Checked)
        {
            throw DomainException.Conflict("Lần nhập này đã bắt đầu hoặc đã xong.");
        }

        if (job.ErrorCount > 0)
        {
            throw DomainException.Invalid($"Tệp còn {job.ErrorCount} lỗi: sửa trong bảng tính rồi tải lên kiểm tra lại.", []);
        }

        job.Status = ImportStatus.Queued;
        job.Created = job.Updated = job.Unchanged = 0;
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<ImportRunner>(r => r.RunAsync(job.Id, CancellationToken.None));
        return job;
    }

    /// <summary>The imports the caller may see: theirs, or all for an Admin (newest first).</summary>
    public IQueryable<ImportJob> Visible(Actor actor) =>
        db.ImportJobs.AsNoTracking().Where(j => actor.IsAdmin || j.CreatedBy == actor.UserName);

    public static IReadOnlyList<ImportError> ErrorsOf(ImportJob job) => JsonSerializer.Deserialize<List<ImportError>>(job.Errors) ?? [];
}
