using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.Ratings;

/// <summary>A file as its reader sees it: the file, its round and form, its timeline, and the tasks open on it (with who holds them).</summary>
public sealed record FileView(RatingFile File, RatingRound Round, RuleSetDefinition Rules, SubjectForm? Form, SelfAssessment? Content,
    IReadOnlyList<FileEvent> Timeline, IReadOnlyList<WfTask> OpenTasks, IReadOnlyList<WfTask> MyTasks, IReadOnlyList<string> CapReasons,
    IReadOnlyList<OpenStep> OpenSteps);

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
            rules.Cap(file.SubjectType, file.Facts).Reasons, await StepsAsync(tasks, ct));
    }

    /// <summary>Each open task as "the step, the groups that hold it (role and unit), its due date, who claimed it".</summary>
    private async Task<IReadOnlyList<OpenStep>> StepsAsync(List<WfTask> tasks, CancellationToken ct)
    {
        if (tasks.Count == 0)
        {
            return [];
        }

        var groups = tasks.ToDictionary(t => t.Id, t => (t.CandidateGroups ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(g => TaskPrincipal.Group(g)).Where(g => g.Role is not null && g.UnitId is not null).ToList());
        var unitIds = groups.Values.SelectMany(g => g).Select(g => g.UnitId!.Value).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var assignees = tasks.Select(t => t.Assignee).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => assignees.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.FullName, ct);
        return tasks.Select(t => new OpenStep(t.Name ?? t.ElementId,
            groups[t.Id].Select(g => new StepHolder(g.Role!, units.GetValueOrDefault(g.UnitId!.Value) ?? "")).ToList(),
            t.DueAtUtc, t.Assignee is { } a ? names.GetValueOrDefault(a) ?? a : null)).ToList();
    }
}
