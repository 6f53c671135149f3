using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Web.Data;

namespace Workflow.Web.Ratings;

/// <summary>
/// Accepts PDF, PNG, JPEG and DOCX by their content (a renamed executable or a text file called .pdf is refused),
/// within a size limit, while the file is at the self-assessment step and the caller may act on it.
/// </summary>
public sealed class EvidenceStore(AppDbContext db, ReadFile files, FileSteps steps, TimeProvider clock, EvidenceOptions options, IWebHostEnvironment environment,
    DatabaseOptions database)
{
    /// <summary>The storage path of evidence kept in the database (<see cref="EvidenceContent"/>).</summary>
    public const string InDatabase = "db:";

    private string Root => Path.IsPathRooted(options.Folder) ? options.Folder : Path.Combine(environment.ContentRootPath, options.Folder);

    private bool StoresInDatabase => options.Storage.Equals("Database", StringComparison.OrdinalIgnoreCase)
        || (options.Storage.Equals("Auto", StringComparison.OrdinalIgnoreCase) && database.IsPostgres);

    public async Task<Evidence> AddAsync(Guid fileId, string? fileName, Stream content, long length, Actor actor, CancellationToken ct)
    {
        var view = await files.RunAsync(fileId, actor, ct);
        if (!view.MyTasks.Any(t => t.ElementId == RatingWorkflow.SelfAssessment))
        {
            throw DomainException.Forbidden("Chỉ người đang nhập hồ sơ tự đánh giá mới được thêm minh chứng (khi hồ sơ chưa nộp hoặc bị trả lại).");
        }

        if (length <= 0)
        {
            throw DomainException.Invalid("Tệp minh chứng rỗng.", [new("file", "Chưa chọn tệp.")]);
        }

        if (length > options.MaxBytes)
        {
            throw DomainException.Invalid($"Tệp quá lớn: tối đa {options.MaxBytes / 1024 / 1024} MB.", [new("file", "Tệp quá lớn.")]);
        }

        if (await db.Set<Evidence>().CountAsync(e => e.FileId == fileId && e.RemovedAtUtc == null, ct) >= options.MaxFilesPerFile)
        {
            throw DomainException.Invalid($"Mỗi hồ sơ có tối đa {options.MaxFilesPerFile} tệp minh chứng.");
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        if (buffer.Length > options.MaxBytes)
        {
            throw DomainException.Invalid($"Tệp quá lớn: tối đa {options.MaxBytes / 1024 / 1024} MB.", [new("file", "Tệp quá lớn.")]);
        }

        var bytes = buffer.ToArray();
        var (type, extension) = FileSniffing.Sniff(bytes)
            ?? throw DomainException.Invalid("Chỉ nhận tệp PDF, ảnh (PNG, JPEG) hoặc Word (DOCX); nội dung tệp này không thuộc các loại đó.", [new("file", "Loại tệp không được nhận.")]);
        var id = Uuid7.New();
        string relative;
        string? full = null;
        if (StoresInDatabase)
        {
            relative = InDatabase + id.ToString("N");
            db.Set<EvidenceContent>().Add(new EvidenceContent { Id = id, Bytes = bytes });
        }
        else
        {
            relative = Path.Combine(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), id.ToString("N") + ".bin");
            full = Path.Combine(Root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllBytesAsync(full, bytes, ct);
        }

        var evidence = new Evidence
        {
            Id = id,
            FileId = fileId,
            FileName = CleanName(fileName, extension),
            ContentType = type,
            Size = bytes.Length,
            Sha256 = Convert.ToHexString(SHA256.HashData(bytes)),
            StoragePath = relative,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            UploadedBy = actor.UserName,
        };
        db.Set<Evidence>().Add(evidence);
        var file = await db.Files.FirstAsync(f => f.Id == fileId, ct);
        steps.AddEvent(file, actor, FileEventKind.EvidenceAdded, null, evidence.FileName, null);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            if (full is not null)
            {
                File.Delete(full); // nothing half-stored
            }

            throw;
        }

        return evidence;
    }

    /// <summary>An evidence file the caller may read (through its file's scope), with its content.</summary>
    public async Task<(Evidence Evidence, Stream Content)?> OpenAsync(Guid fileId, Guid evidenceId, CancellationToken ct)
    {
        if (!await db.Files.AnyAsync(f => f.Id == fileId, ct))
        {
            return null;
        }

        var evidence = await db.Set<Evidence>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.FileId == fileId && e.RemovedAtUtc == null, ct);
        if (evidence is null)
        {
            return null;
        }

        if (evidence.StoragePath.StartsWith(InDatabase, StringComparison.Ordinal))
        {
            var bytes = await db.Set<EvidenceContent>().AsNoTracking().Where(c => c.Id == evidence.Id).Select(c => c.Bytes).FirstOrDefaultAsync(ct);
            return bytes is null ? null : (evidence, new MemoryStream(bytes, writable: false));
        }

        return (evidence, File.OpenRead(Path.Combine(Root, evidence.StoragePath)));
    }

    public Task<List<Evidence>> ListAsync(Guid fileId, CancellationToken ct) =>
        db.Set<Evidence>().AsNoTracking().Where(e => e.FileId == fileId && e.RemovedAtUtc == null).OrderBy(e => e.UploadedAtUtc).ToListAsync(ct);

    /// <summary>
    /// Removes an evidence file: only its uploader (or an Admin), only while the file is at the self-assessment step and
    /// the caller holds it. The row and the stored bytes are kept; the timeline says it was removed.
    /// </summary>
    public async Task RemoveAsync(Guid fileId, Guid evidenceId, Actor actor, CancellationToken ct)
    {
        var view = await files.RunAsync(fileId, actor, ct);
        var evidence = await db.Set<Evidence>().FirstOrDefaultAsync(e => e.Id == evidenceId && e.FileId == fileId && e.RemovedAtUtc == null, ct)
            ?? throw DomainException.NotFound("tệp minh chứng");
        if (!view.MyTasks.Any(t => t.ElementId == RatingWorkflow.SelfAssessment))
        {
            throw DomainException.Forbidden("Chỉ gỡ được minh chứng khi hồ sơ đang ở bước tự đánh giá (chưa nộp hoặc bị trả lại).");
        }

        if (!actor.IsAdmin && !string.Equals(evidence.UploadedBy, actor.UserName, StringComparison.Ordinal))
        {
            throw DomainException.Forbidden("Chỉ người đã tải tệp minh chứng lên mới được gỡ tệp đó.");
        }

        evidence.RemovedAtUtc = clock.GetUtcNow().UtcDateTime;
        evidence.RemovedBy = actor.UserName;
        var file = await db.Files.FirstAsync(f => f.Id == fileId, ct);
        steps.AddEvent(file, actor, FileEventKind.EvidenceRemoved, null, evidence.FileName, null);
        await db.SaveChangesAsync(ct);
    }

    private static string CleanName(string? name, string extension)
    {
        var stem = Path.GetFileNameWithoutExtension(name ?? "");
        stem = new string(stem.Where(c => !char.IsControl(c) && !Path.GetInvalidFileNameChars().Contains(c)).ToArray()).Trim();
        if (stem.Length == 0)
        {
            stem = "minh-chung";
        }

        return (stem.Length > 120 ? stem[..120] : stem) + extension;
    }
}
