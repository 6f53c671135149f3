using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;

namespace Workflow.Web.Reminders;

/// <summary>A reminder to be written: which task, which rule, to whom.</summary>
public sealed record PlannedReminder(DueTask Task, string Rule, string UserName, bool Escalation);

/// <summary>Everything the batches need: the tasks, the people, and each person's reminders.</summary>
public sealed record ReminderPlan(int Due, Dictionary<Guid, DueTask> Tasks, Dictionary<string, Recipient> People, List<List<PlannedReminder>> ByUser);

/// <summary>
/// Who gets the reminders a scan found due: the assignee, else the task's candidate users and the members of its
/// candidate groups; for an escalation the organization board of the unit above. A few queries for the whole scan
/// (task details and files, audiences, escalations already made, units above, group members, named users).
/// </summary>
public sealed class ReminderPlanner(AppDbContext db)
{
    /// <summary>How many task ids one detail query takes.</summary>
    private const int LookupChunk = 2000;

    /// <summary>Reads the due tasks' details, audiences, escalations already made, the units above and the group members, in a few queries.</summary>
    public async Task<ReminderPlan> PlanAsync(List<(DueCandidate Task, string? Rule, bool Escalate)> due, CancellationToken ct)
    {
        var tasks = new Dictionary<Guid, DueTask>(due.Count);
        var audience = new List<(Guid TaskId, string Principal)>(due.Count);
        var escalated = new HashSet<Guid>();
        foreach (var chunk in due.Select(d => d.Task.TaskId).Chunk(LookupChunk))
        {
            var ids = chunk.ToList();
            foreach (var t in await (
                         from t in db.WfTasks.AsNoTracking()
                         where ids.Contains(t.Id)
                         join f in db.Files.IgnoreQueryFilters().AsNoTracking() on t.InstanceId equals f.InstanceId into files
                         from f in files.DefaultIfEmpty()
                         select new DueTask(t.Id, t.InstanceId, t.ElementId, t.DueAtUtc!.Value, t.Name, t.Assignee,
                             f == null ? null : f.Id, f == null ? null : f.SubjectName)).ToListAsync(ct))
            {
                tasks[t.TaskId] = t;
            }

            audience.AddRange((await db.WfTaskAudience.AsNoTracking().Where(a => ids.Contains(a.TaskId)).Select(a => new { a.TaskId, a.Principal }).ToListAsync(ct))
                .Select(a => (a.TaskId, a.Principal)));
            escalated.UnionWith(await db.Reminders.AsNoTracking().Where(r => ids.Contains(r.TaskId) && r.Rule == ReminderPolicy.Escalate)
                .Select(r => r.TaskId).Distinct().ToListAsync(ct));
        }

        // A task that finished between the find and now has no details: nothing to remind.
        var work = due.Where(d => tasks.ContainsKey(d.Task.TaskId))
            .Select(d => (Task: tasks[d.Task.TaskId], d.Rule, Escalate: d.Escalate && !escalated.Contains(d.Task.TaskId)))
            .Where(d => d.Rule is not null || d.Escalate).ToList();
        var principals = audience.ToLookup(a => a.TaskId, a => a.Principal);

        // Who: the audience of each task, the members of its groups, and for escalations the board of the unit above.
        var groups = new HashSet<(string Role, Guid Unit)>();
        var escalatingUnits = new HashSet<Guid>();
        foreach (var (task, _, escalate) in work)
        {
            foreach (var g in principals[task.TaskId].Select(Group).OfType<(string Role, Guid Unit)>())
            {
                groups.Add(g);
                if (escalate)
                {
                    escalatingUnits.Add(g.Unit);
                }
            }
        }

        var parents = escalatingUnits.Count == 0 ? new Dictionary<Guid, Guid>() : (await db.Units.IgnoreQueryFilters().AsNoTracking()
            .Where(u => escalatingUnits.Contains(u.Id) && u.ParentId != null).Select(u => new { u.Id, u.ParentId }).ToListAsync(ct))
            .ToDictionary(u => u.Id, u => u.ParentId!.Value);
        foreach (var parent in parents.Values)
        {
            groups.Add((Roles.OrganizationBoard, parent));
        }

        var members = await MembersAsync(groups, ct);
        var named = work.SelectMany(w => principals[w.Task.TaskId].Select(p => TaskPrincipal.Parse(p)?.UserName).Append(w.Task.Assignee).OfType<string>())
            .ToHashSet(StringComparer.Ordinal).ToList();
        var people = members.SelectMany(m => m.Value).DistinctBy(p => p.UserName).ToDictionary(p => p.UserName, StringComparer.Ordinal);
        foreach (var chunk in named.Where(n => !people.ContainsKey(n)).Chunk(LookupChunk))
        {
            var names = chunk.ToList();
            foreach (var p in await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!))
                         .Select(u => new Recipient(u.UserName!, u.FullName, u.Email, u.ReminderEmail)).ToListAsync(ct))
            {
                people[p.UserName] = p;
            }
        }

        var planned = new List<PlannedReminder>();
        foreach (var (task, rule, escalate) in work)
        {
            var mine = principals[task.TaskId].ToList();
            if (rule is not null)
            {
                var to = task.Assignee is { } assignee
                    ? [assignee]
                    : mine.Select(p => TaskPrincipal.Parse(p)?.UserName).OfType<string>()
                        .Concat(mine.Select(Group).OfType<(string Role, Guid Unit)>().SelectMany(g => members.GetValueOrDefault(g) ?? []).Select(p => p.UserName));
                planned.AddRange(to.Distinct(StringComparer.Ordinal).Where(people.ContainsKey).Select(user => new PlannedReminder(task, rule, user, false)));
            }

            if (escalate)
            {
                var boards = mine.Select(Group).OfType<(string Role, Guid Unit)>()
                    .Select(g => parents.TryGetValue(g.Unit, out var parent) ? (Roles.OrganizationBoard, parent) : ((string, Guid)?)null)
                    .OfType<(string, Guid)>().Distinct();
                planned.AddRange(boards.SelectMany(b => members.GetValueOrDefault(b) ?? []).Select(p => p.UserName).Distinct(StringComparer.Ordinal)
                    .Select(user => new PlannedReminder(task, ReminderPolicy.Escalate, user, true)));
            }
        }

        var byUser = planned.GroupBy(p => p.UserName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        return new ReminderPlan(work.Count, tasks, people, byUser);
    }

    private static (string Role, Guid Unit)? Group(string principal) =>
        TaskPrincipal.Parse(principal) is { Role: { } role, UnitId: { } unit } ? (role, unit) : null;

    /// <summary>The members of each (role, unit) group: one query for all of them.</summary>
    private async Task<Dictionary<(string Role, Guid Unit), List<Recipient>>> MembersAsync(HashSet<(string Role, Guid Unit)> groups, CancellationToken ct)
    {
        var result = new Dictionary<(string, Guid), List<Recipient>>();
        if (groups.Count == 0)
        {
            return result;
        }

        var units = groups.Select(g => g.Unit).Distinct().ToList();
        var roles = groups.Select(g => g.Role).Distinct().ToList();
        var rows = await RoleMembers.Query(db).Where(m => units.Contains(m.User.UnitId) && roles.Contains(m.Role))
            .Select(m => new { m.Role, m.User.UnitId, Recipient = new Recipient(m.User.UserName!, m.User.FullName, m.User.Email, m.User.ReminderEmail) })
            .ToListAsync(ct);
        foreach (var row in rows.Where(r => groups.Contains((r.Role, r.UnitId))))
        {
            (result.TryGetValue((row.Role, row.UnitId), out var list) ? list : result[(row.Role, row.UnitId)] = []).Add(row.Recipient);
        }

        return result;
    }
}
