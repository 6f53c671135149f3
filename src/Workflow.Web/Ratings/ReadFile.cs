using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.Ratings;

/// <summary>A file as its reader sees it: the file, its round and form, its timeline, and the tasks open on it.</summary>
public sealed record FileView(RatingFile File, RatingRound Round, RuleSetDefinition Rules, SubjectForm? Form, SelfAssessment? Content,
    IReadOnlyList<FileEvent> Timeline, IReadOnlyList<WfTask> OpenTasks, IReadOnlyList<WfTask> MyTasks, IReadOnlyList<string> CapReasons);

/// <summary>Reads one file for the file page and GET /api/files/{id} (404 outside the reader's scope).</summary>
public sealed class ReadFile(AppDbContext db)
{
    public async Task<FileView> RunAsync(Guid fileId, Actor actor, CancellationToken ct)
    {
        var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct) ?? throw DomainException.NotFound("hồ sơ");
        var round = await db.Rounds.AsNoTracking().IgnoreQueryFilters().Include(r => r.RuleSet).FirstAsync(r => r.Id == file.RoundId, ct);
        var rules = round.RuleSet!.Parse();
        var events = await db.FileEvents.AsNoTracking().Where(e => e.FileId == fileId).OrderBy(e => e.AtUtc).ToListAsync(ct);
        var tasks = file.InstanceId is { } instanceId
            ? await db.WfTasks.AsNoTracking().Where(t => t.InstanceId == instanceId).OrderBy(t => t.CreatedAtUtc).ToListAsync(ct)
            : [];
        var mine = tasks.Where(t => TaskAccess.CanAct(t, actor)).ToList();
        return new FileView(file, round, rules, rules.FormFor(file.SubjectType, file.MemberKind), SelfAssessmentRules.Parse(file.Content), events, tasks, mine,
            rules.Cap(file.SubjectType, file.Facts).Reasons);
    }
}
