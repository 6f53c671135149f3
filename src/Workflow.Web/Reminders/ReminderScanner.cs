using System.Diagnostics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Scriban.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Localization;
using Workflow.Web.Mail;
using Workflow.Web.Notifications;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;
using Workflow.Web.Templates;

namespace Workflow.Web.Reminders;

/// <summary>What the set-based find returns: an open task whose deadline is in the window and that had no reminder today.</summary>
public sealed record DueCandidate(Guid TaskId, DateTime DueAtUtc, Guid? RoundId);

/// <summary>A due task with what its reminder says and links to, loaded only for the tasks a rule applies to today.</summary>
public sealed record DueTask(Guid TaskId, Guid InstanceId, string ElementId, DateTime DueAtUtc, string? Name, string? Assignee,
    Guid? FileId, string? SubjectName);

/// <summary>A person a reminder goes to, with how they want its email.</summary>
public sealed record Recipient(string UserName, string FullName, string? Email, EmailPreference Preference);

public sealed record ScanResult(int Found, int Due, int Reminders, int Notifications, int Emails, TimeSpan FindTime, TimeSpan QueueTime);

/// <summary>
/// The recurring reminder scan. One set-based query finds the open tasks whose deadline falls in the window of any
/// policy (from the overdue horizon to the furthest "days before") and that had no reminder today; the policy of each
/// task's round says which rule applies today. Then, for the tasks a rule applies to, the scan works out who gets
/// them (the assignee, else the candidate users and the members of the candidate groups; for an escalation the
/// organization board of the unit above) and writes them in batches of whole recipients, one transaction each: one
/// row per person and rule (inserted if absent: a second scan, or one on another node, adds nothing), in-app
/// notifications and outbox mail — one summary instead of a flood when a person has many (all of a person's reminders
/// are in one batch, so the summary covers them all), nothing now for those who chose the daily digest.
/// </summary>
public sealed class ReminderScanner(
    AppDbContext db, ReminderOptions options, MailOptions mail, DomainEvents events, IBackgroundJobClient jobs, DocumentRenderer templates,
    TimeProvider clock, ILogger<ReminderScanner> log)
{
    /// <summary>How many task ids one detail query takes.</summary>
    private const int LookupChunk = 2000;

    /// <summary>The Hangfire job.</summary>
    [DisableConcurrentExecution(600)]
    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.Enabled)
        {
            return;
        }

        var result = await ScanAsync(clock.GetUtcNow().UtcDateTime, ct);
        if (result.Reminders > 0)
        {
            log.LogInformation("Reminder scan: {Due} due, {Reminders} reminders, {Emails} emails ({Find} ms find, {Queue} ms queue)",
                result.Due, result.Reminders, result.Emails, result.FindTime.TotalMilliseconds, result.QueueTime.TotalMilliseconds);
        }
    }

    public static int DayKey(DateOnly day) => (day.Year * 10000) + (day.Month * 100) + day.Day;

    public async Task<ScanResult> ScanAsync(DateTime nowUtc, CancellationToken ct)
    {
        var clockStart = Stopwatch.GetTimestamp();
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(nowUtc));
        var (defaults, policies) = await PoliciesAsync(ct);
        var found = await FindAsync(today, defaults, policies, ct);
        var findTime = Stopwatch.GetElapsedTime(clockStart);

        var due = new List<(DueCandidate Task, string? Rule, bool Escalate)>();
        foreach (var task in found)
        {
            var policy = task.RoundId is { } round && policies.TryGetValue(round, out var own) ? own : defaults;
            var daysLeft = DateOnly.FromDateTime(VietnamTime.ToLocal(task.DueAtUtc)).DayNumber - today.DayNumber;
            var (rule, escalate) = policy.Evaluate(daysLeft);
            if (rule is not null || escalate)
            {
                due.Add((task, rule, escalate));
            }
        }

        var queueStart = Stopwatch.GetTimestamp();
        var totals = (Due: 0, Reminders: 0, Notifications: 0, Emails: 0);
        if (due.Count > 0)
        {
            var plan = await PlanAsync(due, today, ct);
            var compiled = await CompileAsync(ct);
            foreach (var batch in Batches(plan.ByUser, Math.Max(1, options.BatchSize)))
            {
                var (reminders, notifications, emails) = await WriteAsync(batch, plan, today, compiled, ct);
                totals = (plan.Due, totals.Reminders + reminders, totals.Notifications + notifications, totals.Emails + emails);
            }

            if (totals.Emails > 0)
            {
                jobs.Enqueue<MailSender>(s => s.SendDueAsync(CancellationToken.None));
            }
        }

        return new ScanResult(found.Count, totals.Due, totals.Reminders, totals.Notifications, totals.Emails, findTime, Stopwatch.GetElapsedTime(queueStart));
    }

    /// <summary>The default policy and the policies of rounds that set their own.</summary>
    private async Task<(ReminderPolicy Defaults, Dictionary<Guid, ReminderPolicy> Rounds)> PoliciesAsync(CancellationToken ct)
    {
        var defaults = options.DefaultPolicy();
        var own = await db.Rounds.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.ReminderBeforeDays != null || r.ReminderOnDueDay != null || r.ReminderOverdueEveryDays != null || r.ReminderEscalateAfterDays != null)
            .ToListAsync(ct);
        return (defaults, own.ToDictionary(r => r.Id, r => ReminderPolicy.For(r, defaults)));
    }

    /// <summary>
    /// The set-based part: one indexed range over the tasks' deadlines, without the ones already reminded today. It reads
    /// only what decides the rule; the task's round only when some round has a policy of its own.
    /// </summary>
    public async Task<List<DueCandidate>> FindAsync(DateOnly today, ReminderPolicy defaults, IReadOnlyDictionary<Guid, ReminderPolicy> policies, CancellationToken ct)
    {
        var maxBefore = policies.Values.Append(defaults).Max(p => p.MaxBefore);
        var since = VietnamTime.ToUtc(today.AddDays(-Math.Max(0, options.OverdueHorizonDays)).ToDateTime(TimeOnly.MinValue));
        var until = VietnamTime.ToUtc(today.AddDays(maxBefore + 1).ToDateTime(TimeOnly.MinValue));
        return await DueTasks.FindAsync(db, since, until, DayKey(today), withRound: policies.Count > 0, ct);
    }

    private sealed record Compiled(MailTemplates.Compiled Single, MailTemplates.Compiled Digest);

    private async Task<Compiled> CompileAsync(CancellationToken ct) => new(
        MailTemplates.Compile(await templates.TemplateTextAsync(DefaultTemplates.MailReminder, ct)),
        MailTemplates.Compile(await templates.TemplateTextAsync(DefaultTemplates.MailDigest, ct)));

    /// <summary>A reminder to be written: which task, which rule, to whom.</summary>
    private sealed record Planned(DueTask Task, string Rule, string UserName, bool Escalation);

    /// <summary>Everything the batches need: the tasks, the people, and each person's reminders.</summary>
    private sealed record Plan(int Due, Dictionary<Guid, DueTask> Tasks, Dictionary<string, Recipient> People, List<List<Planned>> ByUser);

    /// <summary>Reads the due tasks' details, audiences, escalations already made, the units above and the group members, in a few queries.</summary>
    private async Task<Plan> PlanAsync(List<(DueCandidate Task, string? Rule, bool Escalate)> due, DateOnly today, CancellationToken ct)
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

        var planned = new List<Planned>();
        foreach (var (task, rule, escalate) in work)
        {
            var mine = principals[task.TaskId].ToList();
            if (rule is not null)
            {
                var to = task.Assignee is { } assignee
                    ? [assignee]
                    : mine.Select(p => TaskPrincipal.Parse(p)?.UserName).OfType<string>()
                        .Concat(mine.Select(Group).OfType<(string Role, Guid Unit)>().SelectMany(g => members.GetValueOrDefault(g) ?? []).Select(p => p.UserName));
                planned.AddRange(to.Distinct(StringComparer.Ordinal).Where(people.ContainsKey).Select(user => new Planned(task, rule, user, false)));
            }

            if (escalate)
            {
                var boards = mine.Select(Group).OfType<(string Role, Guid Unit)>()
                    .Select(g => parents.TryGetValue(g.Unit, out var parent) ? (Roles.OrganizationBoard, parent) : ((string, Guid)?)null)
                    .OfType<(string, Guid)>().Distinct();
                planned.AddRange(boards.SelectMany(b => members.GetValueOrDefault(b) ?? []).Select(p => p.UserName).Distinct(StringComparer.Ordinal)
                    .Select(user => new Planned(task, ReminderPolicy.Escalate, user, true)));
            }
        }

        var byUser = planned.GroupBy(p => p.UserName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        return new Plan(work.Count, tasks, people, byUser);
    }

    /// <summary>Whole recipients per batch, about <paramref name="size"/> reminders each (one person with more is one batch).</summary>
    private static IEnumerable<List<List<Planned>>> Batches(List<List<Planned>> byUser, int size)
    {
        var batch = new List<List<Planned>>();
        var count = 0;
        foreach (var user in byUser)
        {
            if (count > 0 && count + user.Count > size)
            {
                yield return batch;
                (batch, count) = ([], 0);
            }

            batch.Add(user);
            count += user.Count;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private async Task<(int Reminders, int Notifications, int Emails)> WriteAsync(
        List<List<Planned>> batch, Plan plan, DateOnly today, Compiled compiled, CancellationToken ct)
    {
        var scan = Guid.CreateVersion7();
        var day = DayKey(today);
        // The scan's "now" decides the rules (a test or a catch-up may scan as of another moment); rows carry the real time.
        var stamp = clock.GetUtcNow().UtcDateTime;
        var people = plan.People;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        object?[] Row(Planned p)
        {
            var email = people[p.UserName] switch
            {
                { Email: null or "" } or { Preference: EmailPreference.Off } => ReminderEmail.None,
                { Preference: EmailPreference.DigestOnly } => ReminderEmail.DigestPending,
                _ => ReminderEmail.Queued,
            };
            return
            [
                Guid.CreateVersion7(), p.Task.TaskId, p.Task.InstanceId, p.Rule, day, p.UserName, p.Escalation, p.Task.DueAtUtc,
                Trim(p.Task.Name ?? p.Task.ElementId, 300), Trim(p.Task.SubjectName ?? "", 300), scan, stamp, (int)email,
            ];
        }

        // Insert if absent: the unique (task, rule, user) key decides, against a concurrent scan too.
        await new BulkInsert(db, "Reminders", "Id", "TaskId", "InstanceId", "Rule", "Day", "UserName", "Escalation", "DueAtUtc", "TaskName",
                "SubjectName", "ScanId", "CreatedAtUtc", "Email") { IgnoreConflicts = true }
            .WriteAsync(batch.SelectMany(user => user).Select(Row), ct);
        var won = await db.Reminders.AsNoTracking().Where(r => r.ScanId == scan).OrderBy(r => r.Id).ToListAsync(ct);
        var links = plan.Tasks;

        var notifications = new List<object?[]>();
        var outbox = new List<object?[]>();
        foreach (var mine in won.GroupBy(r => r.UserName))
        {
            var person = people[mine.Key];
            var list = mine.ToList();
            if (list.Count <= options.SummaryThreshold)
            {
                notifications.AddRange(list.Select(r => Notification(r.UserName, NotificationText(r, today), Link(r, links[r.TaskId]))));
            }
            else
            {
                var late = list.Count(r => DaysLeft(r, today) < 0);
                notifications.Add(Notification(mine.Key,
                    $"Bạn có {list.Count} việc cần nhắc hôm nay ({late} việc đã quá hạn, {list.Count(r => r.Escalation)} việc cấp dưới quá hạn).",
                    "/Inbox?due=overdue"));
            }

            var mailed = list.Where(r => r.Email == ReminderEmail.Queued).ToList();
            if (mailed.Count == 0)
            {
                continue;
            }

            if (mailed.Count <= options.SummaryThreshold)
            {
                outbox.AddRange(mailed.Select(r => Message(person, compiled.Single.Render(SingleModel(person, r, links[r.TaskId], today)),
                    $"reminder:{r.TaskId:N}:{r.Rule}:{r.UserName}")));
            }
            else
            {
                outbox.Add(Message(person, compiled.Digest.Render(DigestModel(person, mailed, links, today, false)), $"summary:{scan:N}:{person.UserName}"));
            }
        }

        object?[] Notification(string user, string text, string link) =>
            [Guid.CreateVersion7(), user, (int)NotificationKind.Reminder, Trim(text, 500), link, stamp, null];

        object?[] Message(Recipient to, MailContent content, string key) =>
            [Guid.CreateVersion7(), to.Email, to.FullName, to.UserName, content.Subject, content.Text, content.Html, key, (int)OutboxStatus.Pending, 0, stamp, stamp];

        await new BulkInsert(db, "Notifications", "Id", "UserName", "Kind", "Text", "Link", "CreatedAtUtc", "ReadAtUtc").WriteAsync(notifications, ct);
        events.Raise(new Notifications.NotificationsChanged([.. won.Select(r => r.UserName).Distinct(StringComparer.Ordinal)]));
        var emails = await new BulkInsert(db, "OutboxMessages", "Id", "ToAddress", "ToName", "UserName", "Subject", "TextBody", "HtmlBody", "DedupeKey",
            "Status", "Attempts", "CreatedAtUtc", "NextAttemptAtUtc") { IgnoreConflicts = true }.WriteAsync(outbox, ct);
        await tx.CommitAsync(ct);
        return (won.Count, notifications.Count, emails);
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

    public static int DaysLeft(Reminder r, DateOnly today) =>
        DateOnly.FromDateTime(VietnamTime.ToLocal(r.DueAtUtc)).DayNumber - today.DayNumber;

    private static string NotificationText(Reminder r, DateOnly today)
    {
        var subject = r.SubjectName.Length > 0 ? $" – {r.SubjectName}" : "";
        return r.Escalation
            ? $"Cấp dưới quá hạn: \"{r.TaskName}\"{subject}, hạn {VietnamTime.Format(r.DueAtUtc)}, {DueText.Status(DaysLeft(r, today))}."
            : $"Nhắc việc: \"{r.TaskName}\"{subject}, hạn {VietnamTime.Format(r.DueAtUtc)}, {DueText.Status(DaysLeft(r, today))}.";
    }

    /// <summary>The task in the inbox; for an escalation (the board above is not in the task's audience) the file.</summary>
    private static string Link(Reminder r, DueTask task) =>
        r.Escalation && task.FileId is { } file ? $"/Files/{file}"
        : task.ElementId.Length == 0 ? "/Inbox"
        : $"/Inbox?task={Uri.EscapeDataString(task.ElementId)}#t-{task.TaskId}";

    private ScriptObject SingleModel(Recipient person, Reminder r, DueTask task, DateOnly today)
    {
        var model = ItemModel(r, task, today);
        model["recipient_name"] = person.FullName;
        model["inbox_link"] = mail.BaseUrl.TrimEnd('/') + "/Inbox";
        return model;
    }

    private ScriptObject ItemModel(Reminder r, DueTask task, DateOnly today)
    {
        var daysLeft = DaysLeft(r, today);
        return new ScriptObject
        {
            ["task_name"] = r.TaskName, ["subject_name"] = r.SubjectName, ["due"] = VietnamTime.Format(r.DueAtUtc),
            ["days_left"] = daysLeft, ["status"] = DueText.Status(daysLeft), ["overdue"] = daysLeft < 0,
            ["escalation"] = r.Escalation, ["link"] = mail.BaseUrl.TrimEnd('/') + Link(r, task),
        };
    }

    public ScriptObject DigestModel(Recipient person, IReadOnlyList<Reminder> list, IReadOnlyDictionary<Guid, DueTask>? tasks, DateOnly today, bool daily)
    {
        var items = new ScriptArray();
        foreach (var r in list.OrderBy(r => r.DueAtUtc))
        {
            items.Add(tasks is not null && tasks.TryGetValue(r.TaskId, out var task)
                ? ItemModel(r, task, today)
                : ItemModel(r, new DueTask(r.TaskId, r.InstanceId, "", r.DueAtUtc, r.TaskName, null, null, r.SubjectName), today));
        }

        return new ScriptObject
        {
            ["recipient_name"] = person.FullName, ["items"] = items, ["count"] = list.Count,
            ["overdue_count"] = list.Count(r => DaysLeft(r, today) < 0), ["date"] = VietnamTime.Format(today), ["daily"] = daily,
            ["inbox_link"] = mail.BaseUrl.TrimEnd('/') + "/Inbox",
        };
    }

    private static string Trim(string text, int max) => text.Length > max ? text[..max] : text;
}
