using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Audit;
using Workflow.Web.Awards;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Localization;
using Workflow.Web.Org;

namespace Workflow.Web.Imports;

/// <summary>
/// Runs a started import in the background, in batches: each batch of rows is applied and written in one transaction
/// together with the job's progress (<see cref="ImportJob.Done"/>) and one audit row, so a restart (or another node)
/// resumes after the last committed batch, and a batch run twice writes nothing twice (rows match what the first wrote).
/// Members, ratings and grants go in with one prepared statement each (<see cref="BulkInsert"/>); units, decisions and
/// title lists through EF Core; accounts through Identity (password rules apply, a refused row is reported). A run
/// claims the job with a lease renewed at every batch, so a second runner (a re-queued job, the start-up recovery,
/// another node) never works on it at the same time; it looks again when the lease lapses.
/// </summary>
public sealed class ImportRunner(AppDbContext db, UserManager<AppUser> users, IBackgroundJobClient jobs, TimeProvider clock, ILogger<ImportRunner> log)
{
    public const int BatchSize = 10_000;

    /// <summary>How long a claim holds without a batch committed; a runner that died is replaced after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(Guid id, CancellationToken ct)
    {
        // One runner at a time: an atomic claim of a queued or running job whose lease has lapsed (or never was).
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.ImportJobs.Where(j => j.Id == id && (j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running)
                && (j.LeaseUntilUtc == null || j.LeaseUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Running).SetProperty(j => j.LeaseUntilUtc, now + Lease), ct);
        var job = await db.ImportJobs.FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null || job.Status is ImportStatus.Checked or ImportStatus.Completed or ImportStatus.Failed)
        {
            return;
        }

        if (claimed == 0)
        {
            // Another runner holds it (or held it and died): look again when its lease lapses.
            jobs.Schedule<ImportRunner>(r => r.RunAsync(id, CancellationToken.None), (job.LeaseUntilUtc ?? now) - now + TimeSpan.FromSeconds(5));
            return;
        }

        try
        {
            job.StartedAtUtc ??= now;
            await db.SaveChangesAsync(ct);
            await RunBatchesAsync(job, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Import {Id} failed", id);
            db.ChangeTracker.Clear();
            var failed = await db.ImportJobs.FirstAsync(j => j.Id == id, CancellationToken.None);
            failed.Status = ImportStatus.Failed;
            failed.LeaseUntilUtc = null;
            failed.Failure = "Lỗi khi ghi dữ liệu; các lô đã ghi được giữ nguyên. Xem nhật ký máy chủ, sửa rồi nhập lại tệp (các dòng đã có sẽ không ghi lại).";
            failed.FinishedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    private async Task RunBatchesAsync(ImportJob job, CancellationToken ct)
    {
        var (rows, _) = ImportSheet.Read(job.Content, job.FileName, job.Kind);
        var directory = await ImportDirectory.LoadAsync(db, job.Kind, job.ScopePath, ct);
        var processor = new ImportProcessor(directory, job, VietnamTime.Today(clock));
        var errors = Importer.ErrorsOf(job).ToList();
        while (job.Done < rows.Count)
        {
            var batch = rows.Skip(job.Done).Take(BatchSize).ToList();
            int created = 0, updated = 0, unchanged = 0;
            var errorsBefore = processor.Errors.Count;
            foreach (var row in batch)
            {
                switch (processor.Apply(row))
                {
                    case RowOutcome.Created: created++; break;
                    case RowOutcome.Updated: updated++; break;
                    case RowOutcome.Unchanged: unchanged++; break;
                }
            }

            var writes = processor.TakeWrites();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            using (db.WithoutAudit())
            {
                var changedMembers = await WriteAsync(job, writes, processor, ct);
                updated += changedMembers;
                unchanged -= changedMembers;
                job.Done += batch.Count;
                job.LeaseUntilUtc = clock.GetUtcNow().UtcDateTime + Lease;
                job.Created += created;
                job.Updated += updated;
                job.Unchanged += unchanged;
                var newErrors = processor.Errors.Skip(errorsBefore).ToList();
                job.ErrorCount += newErrors.Count;
                errors.AddRange(newErrors.Take(Math.Max(0, Importer.KeptErrors - errors.Count)));
                job.Errors = JsonSerializer.Serialize(errors);
                if (job.Done >= rows.Count)
                {
                    job.Status = ImportStatus.Completed;
                    job.FinishedAtUtc = clock.GetUtcNow().UtcDateTime;
                    job.LeaseUntilUtc = null;
                }

                db.AuditEntries.Add(new AuditEntry
                {
                    AtUtc = clock.GetUtcNow().UtcDateTime, ActorName = job.CreatedBy, Action = AuditAction.Create, EntityType = nameof(ImportJob), EntityId = job.Id.ToString(),
                    Label = $"Nhập {ImportText.Of(job.Kind)} từ tệp {job.FileName}: dòng {batch[0].Line}–{batch[^1].Line}",
                    After = JsonSerializer.Serialize(new { created, updated, unchanged, errors = newErrors.Count }),
                });
                await db.SaveChangesAsync(ct);
            }

            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            db.Attach(job);
        }

        if (job.Status != ImportStatus.Completed)
        {
            job.Status = ImportStatus.Completed;
            job.FinishedAtUtc = clock.GetUtcNow().UtcDateTime;
            job.LeaseUntilUtc = null;
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Writes one batch; returns how many matched members actually changed.</summary>
    private async Task<int> WriteAsync(ImportJob job, ImportWrites writes, ImportProcessor processor, CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var u in writes.NewUnits)
        {
            db.Units.Add(new Unit
            {
                Id = u.Id, ParentId = u.ParentId, Kind = u.Kind, Name = u.Name, Code = u.Code, SearchName = TextFolding.Fold(u.Name), Path = u.Path, Depth = u.Depth,
                ValidFrom = today, HasCommittee = u.HasCommittee, SortOrder = 1000,
            });
        }

        if (writes.ChangedUnits.Count > 0)
        {
            var ids = writes.ChangedUnits.Select(u => u.Id).ToList();
            var held = await db.Units.IgnoreQueryFilters().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
            foreach (var u in writes.ChangedUnits)
            {
                var unit = held[u.Id];
                unit.Name = u.Name;
                unit.SearchName = TextFolding.Fold(u.Name);
                unit.Code = u.Code;
                unit.Kind = u.Kind;
                unit.HasCommittee = u.HasCommittee;
            }
        }

        await db.SaveChangesAsync(ct);
        if (writes.NewMembers.Count > 0)
        {
            await new BulkInsert(db, "Members", "Id", "UnitId", "FullName", "SearchName", "DateOfBirth", "IsFemale", "Status", "JoinedOn", "Position",
                "WorksInPoliticalSystem", "ExemptFromActivity", "LeftOn", "Code", "Form").WriteAsync(writes.NewMembers.Select(m => new object?[]
            {
                m.Id, m.Values.UnitId, m.Values.Name, m.Values.SearchName ?? TextFolding.Fold(m.Values.Name), m.Values.Birth, m.Values.Female, m.Values.Status, m.Values.Joined, m.Values.Position,
                m.Values.Form is "2A" or "2B", false, null, m.Values.Code, m.Values.Form,
            }), ct);
        }

        var changed = 0;
        foreach (var chunk in writes.MaybeChangedMembers.Chunk(1000))
        {
            var ids = chunk.Select(c => c.Id).ToList();
            var held = await db.Members.IgnoreQueryFilters().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
            foreach (var (memberId, v) in chunk)
            {
                var m = held[memberId];
                var works = v.Form is null ? m.WorksInPoliticalSystem : v.Form is "2A" or "2B";
                if (m.UnitId == v.UnitId && m.FullName == v.Name && m.Code == v.Code && m.DateOfBirth == v.Birth && m.IsFemale == v.Female && m.Status == v.Status
                    && m.JoinedOn == v.Joined && (v.Position is null || m.Position == v.Position) && (v.Form is null || m.Form == v.Form) && m.WorksInPoliticalSystem == works)
                {
                    continue;
                }

                (m.UnitId, m.FullName, m.SearchName, m.Code, m.DateOfBirth, m.IsFemale, m.Status, m.JoinedOn) = (v.UnitId, v.Name, TextFolding.Fold(v.Name), v.Code, v.Birth, v.Female, v.Status, v.Joined);
                m.Position = v.Position ?? m.Position;
                m.Form = v.Form ?? m.Form;
                m.WorksInPoliticalSystem = works;
                changed++;
            }

            await db.SaveChangesAsync(ct);
        }

        if (writes.NewRatings.Count > 0)
        {
            await new BulkInsert(db, "YearRatings", "Id", "SubjectType", "SubjectId", "SubjectName", "UnitId", "UnitPath", "Year", "Level", "DecisionId", "DecisionNumber", "Imported", "RecordedAtUtc")
                { IgnoreConflicts = true }.WriteAsync(writes.NewRatings.Select(r => new object?[]
                {
                    r.Id, r.SubjectType, r.SubjectId, r.SubjectName, r.UnitId, r.UnitPath, r.Year, r.Level, null, r.DecisionNumber, true, now,
                }), ct);
        }

        foreach (var (ratingId, level, decision) in writes.ChangedRatings)
        {
            await db.YearRatings.IgnoreQueryFilters().Where(y => y.Id == ratingId && y.Imported)
                .ExecuteUpdateAsync(s => s.SetProperty(y => y.Level, level).SetProperty(y => y.DecisionNumber, y => decision ?? y.DecisionNumber).SetProperty(y => y.RecordedAtUtc, now), ct);
        }

        foreach (var (decisionId, issuer, number, year) in writes.NewDecisions)
        {
            db.AwardDecisions.Add(new AwardDecision
            {
                Id = decisionId, RoundId = decisionId, IssuerUnitId = issuer, Number = number, DecidedOn = new DateOnly(year, 12, 31), SignerName = "", SignerTitle = "",
                CreatedAtUtc = now, CreatedBy = job.CreatedBy, CertificatesIssuedAtUtc = now, Imported = true,
            });
        }

        foreach (var r in writes.NewTitleRounds)
        {
            db.TitleRounds.Add(new TitleRound
            {
                Id = r.Id, UnitId = r.UnitId, UnitPath = r.UnitPath, UnitName = r.UnitName, Year = r.Year, Decided = true, Number = r.Number, DecidedOn = new DateOnly(r.Year, 12, 31),
                CreatedAtUtc = now, CreatedBy = job.CreatedBy, Imported = true,
            });
        }

        await db.SaveChangesAsync(ct);
        var order = 0;
        foreach (var g in writes.NewGrants)
        {
            g.Order = ++order;
        }

        db.AwardGrants.AddRange(writes.NewGrants);
        db.TitleLines.AddRange(writes.NewTitleLines);
        await db.SaveChangesAsync(ct);
        foreach (var u in writes.NewUsers)
        {
            var user = new AppUser { UserName = u.UserName, FullName = u.FullName, Email = u.Email, EmailConfirmed = u.Email is not null, UnitId = u.UnitId };
            var result = await users.CreateAsync(user, u.Password);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, u.Role);
            }

            if (!result.Succeeded)
            {
                processor.Errors.Add(ImportError.Of(u.Line, "Mật khẩu ban đầu", $"không tạo được tài khoản: {string.Join(" ", result.Errors.Select(e => e.Description))}"));
            }
        }

        return changed;
    }
}
