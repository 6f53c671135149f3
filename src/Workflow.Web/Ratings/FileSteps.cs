using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.Ratings;

/// <summary>A file at one of its workflow's user tasks, with the rule set of its round.</summary>
public sealed record FileAtTask(RatingFile File, WfTask Task, RuleSetDefinition Rules);

/// <summary>
/// What every command on a file does the same way: load it at a task the actor may act on, check the version the
/// actor saw, write the timeline, let the file's status follow its workflow, and commit (a lost race is "reload").
/// </summary>
public sealed class FileSteps(AppDbContext db, TimeProvider clock, DomainEvents events)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The file (tracked) at its open task <paramref name="elementId"/>; 404 when unseen, "reload" when the version is
    /// old or the task is gone, 403 with <paramref name="forbidden"/> when the actor may not act on the task.
    /// </summary>
    public async Task<FileAtTask> AtTaskAsync(Guid fileId, string elementId, int version, Actor actor, string forbidden, CancellationToken ct)
    {
        var file = await LoadAsync(fileId, version, ct);
        var task = await db.WfTasks.AsNoTracking().FirstOrDefaultAsync(t => t.InstanceId == file.InstanceId && t.ElementId == elementId, ct)
            ?? throw DomainException.Conflict("Hồ sơ không ở bước này (có thể vừa được người khác xử lý). Tải lại trang để xem tình trạng mới.");
        if (!TaskAccess.CanAct(task, actor))
        {
            throw DomainException.Forbidden(forbidden);
        }

        return new FileAtTask(file, task, await RulesAsync(file, ct));
    }

    /// <summary>The file (tracked) at the version the actor saw; 404 when the actor may not read it.</summary>
    public async Task<RatingFile> LoadAsync(Guid fileId, int version, CancellationToken ct)
    {
        var file = await db.Files.FirstOrDefaultAsync(f => f.Id == fileId, ct) ?? throw DomainException.NotFound("hồ sơ");
        CheckVersion(file, version);
        return file;
    }

    /// <summary>The rule set of the file's round.</summary>
    public async Task<RuleSetDefinition> RulesAsync(RatingFile file, CancellationToken ct)
    {
        var ruleSetId = await db.Rounds.IgnoreQueryFilters().Where(r => r.Id == file.RoundId).Select(r => r.RuleSetId).FirstAsync(ct);
        return (await db.RuleSets.AsNoTracking().FirstAsync(r => r.Id == ruleSetId, ct)).Parse();
    }

    public static void CheckVersion(RatingFile file, int version)
    {
        if (version != file.Version)
        {
            throw DomainException.Stale();
        }
    }

    /// <summary>One line of the file's timeline, saved with the command.</summary>
    public void AddEvent(RatingFile file, Actor actor, FileEventKind kind, RatingLevel? level, string? text, string? snapshot) =>
        db.FileEvents.Add(new FileEvent
        {
            FileId = file.Id,
            AtUtc = Now,
            Actor = actor.UserName,
            ActorName = actor.DisplayName,
            Kind = kind,
            Level = level,
            Text = text,
            Snapshot = snapshot,
        });

    /// <summary>
    /// The file's status follows where its workflow waits: the self-assessment again (returned), the decision
    /// (proposed), or anything else in between (submitted, under review), so an edited workflow needs no code.
    /// A file that comes back to its self-assessment raises <see cref="FileReturned"/> (once).
    /// </summary>
    public async Task RefreshStatusAsync(RatingFile file, CancellationToken ct)
    {
        var id = file.InstanceId;
        if (await db.WfSubscriptions.AnyAsync(s => s.InstanceId == id && s.MessageName == RatingWorkflow.DecidedMessage, ct))
        {
            file.Status = FileStatus.Proposed;
        }
        else if (await db.WfTasks.AnyAsync(t => t.InstanceId == id && t.ElementId == RatingWorkflow.SelfAssessment, ct))
        {
            if (file.Status != FileStatus.Returned)
            {
                file.Status = FileStatus.Returned;
                events.Raise(new FileReturned(file.Id, file.InstanceId!.Value, file.SubjectName, file.ProposalReason));
            }
        }
        else if (file.Status is not (FileStatus.Decided or FileStatus.Complained))
        {
            file.Status = FileStatus.Submitted;
        }
    }

    /// <summary>Saves and commits; a concurrent change to the file is "reload and try again".</summary>
    public async Task SaveAndCommitAsync(IDbContextTransaction tx, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainException.Stale();
        }
    }
}
