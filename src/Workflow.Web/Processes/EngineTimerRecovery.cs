using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Jobs;

namespace Workflow.Web.Processes;

/// <summary>
/// Re-creates the wake-up jobs of every pending engine timer (instance timers and timer start events) at start (docs/adr/0001). With in-memory Hangfire there
/// are none; with PostgreSQL storage a timer whose job still exists is left alone. Firing is idempotent anyway.
/// </summary>
public sealed class EngineTimerRecovery(AppDbContext db, HangfireEngineScheduler scheduler, JobStorage storage) : IPendingWorkSource
{
    public string Name => "engine timers";

    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        using var connection = storage.GetConnection();
        bool Alive(string? jobId) => !string.IsNullOrEmpty(jobId) && connection.GetJobData(jobId) is { State: "Scheduled" or "Enqueued" or "Processing" };

        // Instance timers: one wake-up job per distinct second, as when they were armed.
        var dues = await db.WfTimers.AsNoTracking().Select(t => t.DueAtUtc).Distinct().ToListAsync(cancellationToken);
        var wakes = dues.Select(d => HangfireEngineScheduler.WakeOf(new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)))).Distinct().ToList();
        var keys = wakes.Select(HangfireEngineScheduler.WakeKey).ToList();
        var known = await db.WfTimerJobs.AsNoTracking().Where(j => keys.Contains(j.TimerId)).ToDictionaryAsync(j => j.TimerId, j => j.JobId, cancellationToken);
        var missing = wakes.Where(w => !Alive(known.GetValueOrDefault(HangfireEngineScheduler.WakeKey(w)))).ToList();
        await scheduler.EnsureWakeJobsAsync(missing, cancellationToken, reschedule: true);

        var starts = await db.WfStartTimers.AsNoTracking()
            .Select(t => new { t.Id, t.DueAtUtc, JobId = db.Set<WfTimerJob>().Where(j => j.TimerId == t.Id).Select(j => j.JobId).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        foreach (var timer in starts.Where(t => !Alive(t.JobId)))
        {
            await scheduler.ScheduleTimerAsync(Guid.Empty, timer.Id, new DateTimeOffset(DateTime.SpecifyKind(timer.DueAtUtc, DateTimeKind.Utc)), cancellationToken);
        }

        return dues.Count + starts.Count;
    }
}
