using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Localization;
using Workflow.Web.Notifications;
using Workflow.Web.Processes;

namespace Workflow.Web.Reminders;

/// <summary>
/// Once a day, every member of a group that has unclaimed work waiting (the organization board of a committee, its
/// inspection committee, its standing committee, a branch's secretaries) gets one line under the bell, and one mail
/// if they chose immediate mails: how many tasks wait for each of their groups, how many are overdue or due within two
/// days. One notice per user per day however many files wait, never one per file. Set-based: the counts are one
/// grouped query over the task audience, the members one query per batch of groups, the notices one insert.
/// </summary>
public sealed class QueueSummary(AppDbContext db, NoticeBoard notices, TimeProvider clock)
{
    /// <summary>Due within this many days counts as "sắp đến hạn".</summary>
    public const int SoonDays = 2;

    [DisableConcurrentExecution(600)]
    public Task<int> RunAsync(CancellationToken ct) => SendAsync(clock.GetUtcNow().UtcDateTime, ct);

    public async Task<int> SendAsync(DateTime nowUtc, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(nowUtc));
        var soon = nowUtc.AddDays(SoonDays);
        // Unclaimed tasks per group (a claimed task is its holder's, not the group's queue).
        var counts = await (
            from audience in db.WfTaskAudience.AsNoTracking()
            join task in db.WfTasks.AsNoTracking() on audience.TaskId equals task.Id
            where audience.Principal.StartsWith(TaskPrincipal.GroupPrefix) && task.Assignee == null
            group task by audience.Principal into g
            select new
            {
                Principal = g.Key,
                Total = g.Count(),
                Overdue = g.Count(t => t.DueAtUtc != null && t.DueAtUtc < nowUtc),
                Soon = g.Count(t => t.DueAtUtc != null && t.DueAtUtc >= nowUtc && t.DueAtUtc < soon),
            }).ToListAsync(ct);
        if (counts.Count == 0)
        {
            return 0;
        }

        var groups = counts.Select(c => (Count: c, Principal: TaskPrincipal.Parse(c.Principal))).Where(c => c.Principal is { Role: not null, UnitId: not null }).ToList();
        var unitIds = groups.Select(g => g.Principal!.Value.UnitId!.Value).Distinct().ToList();
        var unitNames = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var lines = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var batch in groups.Chunk(200))
        {
            var roles = batch.Select(g => g.Principal!.Value.Role!).Distinct().ToList();
            var units = batch.Select(g => g.Principal!.Value.UnitId!.Value).Distinct().ToList();
            // Locked-out users hear nothing (filtered here: SQLite cannot compare the stored DateTimeOffset in SQL).
            var members = (await RoleMembers.Query(db).Where(m => roles.Contains(m.Role) && units.Contains(m.User.UnitId))
                .Select(m => new { m.Role, m.User.UnitId, m.User.UserName, m.User.LockoutEnd }).ToListAsync(ct))
                .Where(m => m.LockoutEnd is null || m.LockoutEnd < nowUtc).ToList();
            foreach (var (count, principal) in batch)
            {
                var (role, unit) = (principal!.Value.Role!, principal.Value.UnitId!.Value);
                var line = $"{Roles.DisplayName(role)} {unitNames.GetValueOrDefault(unit)}: {count.Total} việc đang chờ"
                    + (count.Overdue > 0 ? $", {count.Overdue} quá hạn" : "") + (count.Soon > 0 ? $", {count.Soon} đến hạn trong {SoonDays} ngày" : "");
                foreach (var member in members.Where(m => m.Role == role && m.UnitId == unit))
                {
                    (lines.TryGetValue(member.UserName!, out var mine) ? mine : lines[member.UserName!] = []).Add(line);
                }
            }
        }

        // Once a day: users who already had today's summary (a second run, a second node) get nothing more.
        var dayStart = VietnamTime.ToUtc(today.ToDateTime(TimeOnly.MinValue));
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in lines.Keys.Chunk(500))
        {
            done.UnionWith(await db.Notifications.AsNoTracking()
                .Where(n => n.Kind == NotificationKind.QueueSummary && n.CreatedAtUtc >= dayStart && chunk.Contains(n.UserName)).Select(n => n.UserName).ToListAsync(ct));
        }

        var list = lines.Where(l => !done.Contains(l.Key)).Select(l => new Notice(l.Key, NotificationKind.QueueSummary,
            $"Việc đang chờ nhóm của đồng chí ngày {today:dd/MM/yyyy}: " + string.Join("; ", l.Value) + ".", "/Inbox", $"queue:{today:yyyyMMdd}:{l.Key}")).ToList();
        return await notices.PostAsync(list, sendMail: true, ct);
    }
}
