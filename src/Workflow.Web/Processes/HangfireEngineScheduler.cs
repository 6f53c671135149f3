using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case TimerScheduled t:
                    await ScheduleTimerAsync(t.InstanceId, t.TimerId, t.DueAt, ct);
                    break;
                case TimerCancelled t:
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

    /// <summary>Schedules the wake-up job of a timer and remembers its job id (used by recovery too).</summary>
    internal async Task ScheduleTimerAsync(Guid instanceId, string timerId, DateTimeOffset dueAt, CancellationToken ct)
    {
        // Rounded up to the next whole second: storages keep schedules at second precision.
        var wake = new DateTimeOffset(dueAt.UtcTicks - (dueAt.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);
        var jobId = jobs.Schedule<TimerJob>(j => j.FireAsync(instanceId, timerId, CancellationToken.None), wake);
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "WfTimerJobs" ("TimerId", "JobId") VALUES ({timerId}, {jobId}) ON CONFLICT ("TimerId") DO UPDATE SET "JobId" = excluded."JobId" """, ct);
    }
}

/// <summary>
/// Applies the scheduler's buffered effects after commit (in a fresh scope: the committing context still holds its
/// finished transaction while this callback runs), and drops them after a rollback.
/// </summary>
public sealed class EngineEffectsInterceptor(IServiceProvider services, IServiceScopeFactory scopes) : DbTransactionInterceptor
{
    public override async Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var effects = services.GetRequiredService<HangfireEngineScheduler>().TakePending();
        if (effects.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HangfireEngineScheduler>().ApplyNowAsync(effects, cancellationToken);
    }

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        TransactionCommittedAsync(transaction, eventData).GetAwaiter().GetResult();

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        services.GetRequiredService<HangfireEngineScheduler>().Discard();

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        services.GetRequiredService<HangfireEngineScheduler>().Discard();
        return Task.CompletedTask;
    }
}
