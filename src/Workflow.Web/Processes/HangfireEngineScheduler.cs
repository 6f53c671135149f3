using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Ports;
using Workflow.Web.Data;
namespace Workflow.Web.Processes;

/// <summary>
/// Turns engine effects into Hangfire jobs, after the transaction that produced them commits (never before: a job
/// must not run for a row that may yet roll back). Each timer gets one scheduled job whose only argument is the
/// deterministic timer id; the job id is kept in WfTimerJobs so the timer's end deletes the job. In-process topics are
/// enqueued; other topics wait for external workers.
/// </summary>
public sealed class HangfireEngineScheduler(AppDbContext db, IBackgroundJobClient jobs, TopicRegistry topics) : IEngineScheduler
{
    private readonly List<EngineEffect> _pending = [];

    public async Task ApplyAsync(IReadOnlyList<EngineEffect> effects, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            _pending.AddRange(effects); // flushed by EngineEffectsInterceptor when the transaction commits
            return;
        }

        await ApplyNowAsync(effects, ct);
    }

    /// <summary>Hands over the effects buffered during a transaction that has just committed.</summary>
    internal List<EngineEffect> TakePending()
    {
        var effects = _pending.ToList();
        _pending.Clear();
        return effects;
    }

    internal void Discard() => _pending.Clear();

    internal async Task ApplyNowAsync(IReadOnlyList<EngineEffect> effects, CancellationToken ct)
    {
        // Instance timers are woken set-based: one Hangfire job per distinct second at which something is due, which
        // fires every timer due by then in batches. A group decision that arms 2,000 complaint deadlines at the same
        // moment costs one job, not 2,000. A cancelled timer needs nothing: its row is gone, the job skips it.
        var wakes = effects.OfType<TimerScheduled>().Where(t => t.InstanceId != Guid.Empty).Select(t => WakeOf(t.DueAt)).Distinct().ToList();
        await EnsureWakeJobsAsync(wakes, ct);
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case TimerScheduled t when t.InstanceId == Guid.Empty:
                    await ScheduleTimerAsync(t.InstanceId, t.TimerId, t.DueAt, ct);
                    break;
                case TimerCancelled t when t.InstanceId == Guid.Empty:
                    var job = await db.WfTimerJobs.AsNoTracking().FirstOrDefaultAsync(j => j.TimerId == t.TimerId, ct);
                    if (job is not null)
                    {
                        jobs.Delete(job.JobId);
                        await db.WfTimerJobs.Where(j => j.TimerId == t.TimerId).ExecuteDeleteAsync(ct);
                    }

                    break;
                case ExternalTaskCreated x when topics.IsInProcess(x.Topic):
                    jobs.Enqueue<ServiceTaskJob>(j => j.RunAsync(x.ExternalTaskId, CancellationToken.None));
                    break;
            }
        }
    }

    /// <summary>Storages keep schedules at second precision: a timer is woken at the next whole second after it is due.</summary>
    internal static DateTimeOffset WakeOf(DateTimeOffset dueAt) =>
        new DateTimeOffset(dueAt.UtcTicks - (dueAt.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);

    internal static string WakeKey(DateTimeOffset wake) => "wake:" + wake.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Makes sure a wake-up job exists for each moment: the row claims the moment (only the command that inserted it
    /// schedules the job, so concurrent commands do not double it), then the job id is recorded for recovery.
    /// </summary>
    internal async Task EnsureWakeJobsAsync(IReadOnlyCollection<DateTimeOffset> wakes, CancellationToken ct, bool reschedule = false)
    {
        foreach (var wake in wakes)
        {
            var key = WakeKey(wake);
            var claimed = await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "WfTimerJobs" ("TimerId", "JobId") VALUES ({key}, {""}) ON CONFLICT ("TimerId") DO NOTHING""", ct);
            if (claimed == 0 && !reschedule)
            {
                continue;
            }

            var jobId = jobs.Schedule<TimerJob>(j => j.WakeAsync(wake.ToUnixTimeSeconds(), CancellationToken.None), wake);
            await db.Database.ExecuteSqlAsync($"""UPDATE "WfTimerJobs" SET "JobId" = {jobId} WHERE "TimerId" = {key}""", ct);
        }
    }

    /// <summary>Schedules the wake-up job of a timer start event and remembers its job id (used by recovery too).</summary>
    internal async Task ScheduleTimerAsync(Guid instanceId, string timerId, DateTimeOffset dueAt, CancellationToken ct)
    {
        var wake = WakeOf(dueAt);
        var jobId = jobs.Schedule<TimerJob>(j => j.FireAsync(instanceId, timerId, CancellationToken.None), wake);
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "WfTimerJobs" ("TimerId", "JobId") VALUES ({timerId}, {jobId}) ON CONFLICT ("TimerId") DO UPDATE SET "JobId" = excluded."JobId" """, ct);
    }
}
