using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;

namespace Workflow.Web.Processes;

/// <summary>
/// Runs an in-process topic handler for one external task: lock it, call the handler, complete it (or throw the
/// handler's BPMN error, or record a failure with exponential back-off; at zero retries the engine raises an
/// incident). Hangfire's own retry is off: the engine's retry count is the one users see and reset.
/// Each run locks as a worker of its own (this node's name and a run id), for <see cref="ServiceTaskOptions.LockDuration"/>, extended
/// while the handler works: a second run of the same job (on this node or another) waits, and the work of a node that
/// died is taken over as soon as its lock lapses.
/// </summary>
public sealed class ServiceTaskJob(WorkflowEngine engine, AppDbContext db, IServiceProvider services, TopicRegistry topics,
    TimeProvider clock, IBackgroundJobClient jobs, ServiceTaskOptions options, Jobs.JobsOptions node,
    ILogger<ServiceTaskJob> logger)
{
    private readonly string WorkerId = $"hangfire:{node.ServerName}:{Uuid7.New():N}";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid externalTaskId, CancellationToken ct)
    {
        var task = await db.WfExternalTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == externalTaskId, ct);
        if (task is null || !topics.IsInProcess(task.Topic) || task.Retries == 0)
        {
            return; // done already, not ours, or waiting for a person to fix an incident
        }

        // Every line this job logs carries the instance and the external task (JSON console logs with scopes).
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["InstanceId"] = task.InstanceId, ["ExternalTaskId"] = externalTaskId, ["Topic"] = task.Topic });
        var now = clock.GetUtcNow();
        if (task.NotBeforeUtc is { } notBefore && notBefore > now.UtcDateTime)
        {
            jobs.Schedule<ServiceTaskJob>(j => j.RunAsync(externalTaskId, CancellationToken.None), new DateTimeOffset(notBefore, TimeSpan.Zero));
            return;
        }

        try
        {
            await engine.LockExternalTaskAsync(externalTaskId, WorkerId, options.LockDuration, ct);
        }
        catch (EngineException)
        {
            // Ended meanwhile, or another run holds it: look again when its lock lapses (it may have died holding it).
            var held = await db.WfExternalTasks.AsNoTracking().Where(t => t.Id == externalTaskId).Select(t => t.LockExpiresAtUtc).FirstOrDefaultAsync(ct);
            if (held is { } until && until > now.UtcDateTime)
            {
                jobs.Schedule<ServiceTaskJob>(j => j.RunAsync(externalTaskId, CancellationToken.None), new DateTimeOffset(until, TimeSpan.Zero) + TimeSpan.FromSeconds(2));
            }

            return;
        }

        var instance = (await engine.Store.LoadInstanceAsync(task.InstanceId, ct))!;
        var handler = (ITopicHandler)services.GetRequiredService(topics.HandlerType(task.Topic));
        var context = new TopicContext(task.Id, task.InstanceId, task.Topic, task.ElementId, task.BusinessKey, task.DefinitionKey, instance.Variables);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var keepLocked = KeepLockedAsync(externalTaskId, stop.Token);
        try
        {
            var variables = await handler.HandleAsync(context, ct);
            await StopAsync(stop, keepLocked);
            await engine.CompleteExternalTaskAsync(externalTaskId, WorkerId, variables, ct: ct);
        }
        catch (BpmnErrorException error)
        {
            await StopAsync(stop, keepLocked);
            await engine.ExternalTaskBpmnErrorAsync(externalTaskId, WorkerId, error.ErrorCode, error.Message, ct: ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ConcurrencyException)
        {
            await StopAsync(stop, keepLocked);
            var retries = (task.Retries ?? options.Retries) - 1;
            var attempt = Math.Max(0, options.Retries - 1 - retries);
            var backoff = TimeSpan.FromSeconds(options.BackoffSeconds * Math.Pow(3, attempt));
            logger.LogWarning(ex, "Topic {Topic} failed for external task {Id}; {Retries} retries left", task.Topic, externalTaskId, retries);
            await engine.FailExternalTaskAsync(externalTaskId, WorkerId, ex.Message, ex.ToString(), retries, retries > 0 ? backoff : TimeSpan.Zero, ct);
        }
    }

    /// <summary>Extends the lock every third of its duration while the handler works (a long PDF batch, a slow server).</summary>
    private async Task KeepLockedAsync(Guid externalTaskId, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.LockDuration / 3, clock, ct);
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WorkflowEngine>().ExtendExternalTaskLockAsync(externalTaskId, WorkerId, options.LockDuration, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // the handler finished
        }
        catch (Exception ex) when (ex is EngineException or ConcurrencyException)
        {
            logger.LogWarning(ex, "Could not extend the lock of external task {Id}", externalTaskId);
        }
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task keepLocked)
    {
        await stop.CancelAsync();
        await keepLocked;
    }
}
