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
        var timers = await db.WfTimers.AsNoTracking()
            .Select(t => new { t.Id, t.InstanceId, t.DueAtUtc, JobId = db.WfTimerJobs.Where(j => j.TimerId == t.Id).Select(j => j.JobId).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var starts = await db.WfStartTimers.AsNoTracking()
            .Select(t => new { t.Id, InstanceId = Guid.Empty, t.DueAtUtc, JobId = db.WfTimerJobs.Where(j => j.TimerId == t.Id).Select(j => j.JobId).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        timers.AddRange(starts);
        using var connection = storage.GetConnection();
        foreach (var timer in timers)
        {
            if (timer.JobId is not null && connection.GetJobData(timer.JobId) is { State: "Scheduled" or "Enqueued" or "Processing" })
            {
                continue;
            }

            await scheduler.ScheduleTimerAsync(timer.InstanceId, timer.Id, new DateTimeOffset(DateTime.SpecifyKind(timer.DueAtUtc, DateTimeKind.Utc)), cancellationToken);
        }

        return timers.Count;
    }
}

/// <summary>Re-enqueues the service tasks of in-process topics that were waiting when the host stopped.</summary>
public sealed class ServiceTaskRecovery(AppDbContext db, TopicRegistry topics, IBackgroundJobClient jobs) : IPendingWorkSource
{
    public string Name => "service tasks";

    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var names = topics.Topics.ToList();
        var ids = await db.WfExternalTasks.AsNoTracking()
            .Where(t => names.Contains(t.Topic) && (t.Retries == null || t.Retries > 0))
            .Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            jobs.Enqueue<ServiceTaskJob>(j => j.RunAsync(id, CancellationToken.None));
        }

        return ids.Count;
    }
}
