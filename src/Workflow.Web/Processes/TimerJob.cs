using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;

namespace Workflow.Web.Processes;

/// <summary>
/// Wakes timers. Takes ids or a moment only and opens its own scope; a timer that already ended (its task was
/// completed, its instance cancelled) is skipped, so running twice or late is harmless. A lost race is retried by
/// Hangfire.
/// </summary>
public sealed class TimerJob(WorkflowEngine engine, AppDbContext db, HangfireEngineScheduler scheduler, ILogger<TimerJob> logger)
{
    public const int BatchSize = 500;

    /// <summary>
    /// Fires every instance timer due by <paramref name="wakeUnixSeconds"/>, set-based: batches of
    /// <see cref="BatchSize"/>, each batch one engine command and one transaction.
    /// </summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [1, 5, 15, 60, 300])]
    public async Task WakeAsync(long wakeUnixSeconds, CancellationToken ct)
    {
        var wake = DateTimeOffset.FromUnixTimeSeconds(wakeUnixSeconds);
        var until = wake.UtcDateTime;
        var fired = 0;
        while (true)
        {
            var due = await db.WfTimers.AsNoTracking().Where(t => t.DueAtUtc < until).OrderBy(t => t.DueAtUtc).Take(BatchSize)
                .Select(t => new { t.InstanceId, t.Id, t.DueAtUtc }).ToListAsync(ct);
            if (due.Count == 0)
            {
                break;
            }

            int count;
            try
            {
                count = await engine.FireTimersAsync(due.Select(t => (t.InstanceId, t.Id)).ToList(), ct);
            }
            catch (ConcurrencyException)
            {
                // Someone changed one of these instances meanwhile: fire this batch one by one instead.
                count = 0;
                foreach (var timer in due)
                {
                    count += await engine.FireTimerAsync(timer.InstanceId, timer.Id, ct) ? 1 : 0;
                }
            }

            fired += count;
            if (count == 0)
            {
                // Nothing in this batch could fire yet (woken a little early): come back at the same moment.
                await scheduler.EnsureWakeJobsAsync([HangfireEngineScheduler.WakeOf(new DateTimeOffset(DateTime.SpecifyKind(due[^1].DueAtUtc, DateTimeKind.Utc)))], ct, reschedule: true);
                return;
            }
        }

        await db.WfTimerJobs.Where(j => j.TimerId == HangfireEngineScheduler.WakeKey(wake)).ExecuteDeleteAsync(ct);
        logger.LogInformation("Timers due by {Wake}: {Count} fired", wake, fired);
    }

    /// <summary>Wakes one timer start event (and, for jobs scheduled by earlier versions, one instance timer).</summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [1, 5, 15, 60, 300])]
    public async Task FireAsync(Guid instanceId, string timerId, CancellationToken ct)
    {
        if (instanceId == Guid.Empty)
        {
            await FireStartAsync(timerId, ct);
            return;
        }

        var timer = await db.WfTimers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == timerId, ct);
        if (timer is not null && !await engine.FireTimerAsync(instanceId, timerId, ct))
        {
            await scheduler.EnsureWakeJobsAsync([HangfireEngineScheduler.WakeOf(new DateTimeOffset(DateTime.SpecifyKind(timer.DueAtUtc, DateTimeKind.Utc)))], ct);
        }

        await db.WfTimerJobs.Where(j => j.TimerId == timerId).ExecuteDeleteAsync(ct);
    }

    /// <summary>A timer start event: a new instance, and the next occurrence of a cycle, in one command.</summary>
    private async Task FireStartAsync(string timerId, CancellationToken ct)
    {
        if (!await engine.FireStartTimerAsync(timerId, ct)
            && await db.WfStartTimers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == timerId, ct) is { } early)
        {
            await scheduler.ScheduleTimerAsync(Guid.Empty, timerId, new DateTimeOffset(DateTime.SpecifyKind(early.DueAtUtc, DateTimeKind.Utc)), ct);
            return;
        }

        await db.WfTimerJobs.Where(j => j.TimerId == timerId).ExecuteDeleteAsync(ct);
    }
}
