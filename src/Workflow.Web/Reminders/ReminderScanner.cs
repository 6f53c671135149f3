using System.Diagnostics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Localization;
using Workflow.Web.Mail;
using Workflow.Web.Notifications;
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
    AppDbContext db, ReminderOptions options, ReminderPlanner planner, ReminderMessages messages, DomainEvents events, IBackgroundJobClient jobs,
    DocumentRenderer templates, TimeProvider clock, ILogger<ReminderScanner> log)
{
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
            var plan = await planner.PlanAsync(due, ct);
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

    /// <summary>Whole recipients per batch, about <paramref name="size"/> reminders each (one person with more is one batch).</summary>
    private static IEnumerable<List<List<PlannedReminder>>> Batches(List<List<PlannedReminder>> byUser, int size)
    {
        var batch = new List<List<PlannedReminder>>();
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
        List<List<PlannedReminder>> batch, ReminderPlan plan, DateOnly today, Compiled compiled, CancellationToken ct)
    {
        var scan = Uuid7.New();
        var day = DayKey(today);
        // The scan's "now" decides the rules (a test or a catch-up may scan as of another moment); rows carry the real time.
        var stamp = clock.GetUtcNow().UtcDateTime;
        var people = plan.People;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        object?[] Row(PlannedReminder p)
        {
            var email = people[p.UserName] switch
            {
                { Email: null or "" } or { Preference: EmailPreference.Off } => ReminderEmail.None,
                { Preference: EmailPreference.DigestOnly } => ReminderEmail.DigestPending,
                _ => ReminderEmail.Queued,
            };
            return
            [
                Uuid7.New(), p.Task.TaskId, p.Task.InstanceId, p.Rule, day, p.UserName, p.Escalation, p.Task.DueAtUtc,
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
                notifications.AddRange(list.Select(r => Notification(r.UserName, ReminderMessages.NotificationText(r, today), ReminderMessages.Link(r, links[r.TaskId]))));
            }
            else
            {
                var late = list.Count(r => ReminderMessages.DaysLeft(r, today) < 0);
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
                outbox.AddRange(mailed.Select(r => Message(person, compiled.Single.Render(messages.SingleModel(person, r, links[r.TaskId], today)),
                    $"reminder:{r.TaskId:N}:{r.Rule}:{r.UserName}")));
            }
            else
            {
                outbox.Add(Message(person, compiled.Digest.Render(messages.DigestModel(person, mailed, links, today, false)), $"summary:{scan:N}:{person.UserName}"));
            }
        }

        object?[] Notification(string user, string text, string link) =>
            [Uuid7.New(), user, (int)NotificationKind.Reminder, Trim(text, 500), link, stamp, null];

        object?[] Message(Recipient to, MailContent content, string key) =>
            [Uuid7.New(), to.Email, to.FullName, to.UserName, content.Subject, content.Text, content.Html, key, (int)OutboxStatus.Pending, 0, stamp, stamp];

        await new BulkInsert(db, "Notifications", "Id", "UserName", "Kind", "Text", "Link", "CreatedAtUtc", "ReadAtUtc").WriteAsync(notifications, ct);
        events.Raise(new Notifications.NotificationsChanged([.. won.Select(r => r.UserName).Distinct(StringComparer.Ordinal)]));
        var emails = await new BulkInsert(db, "OutboxMessages", "Id", "ToAddress", "ToName", "UserName", "Subject", "TextBody", "HtmlBody", "DedupeKey",
            "Status", "Attempts", "CreatedAtUtc", "NextAttemptAtUtc") { IgnoreConflicts = true }.WriteAsync(outbox, ct);
        await tx.CommitAsync(ct);
        return (won.Count, notifications.Count, emails);
    }

    private static string Trim(string text, int max) => text.Length > max ? text[..max] : text;
}
