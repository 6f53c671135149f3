using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;

namespace Workflow.Web.Processes;

/// <summary>
/// Runs an in-process topic handler for one external task: lock it, call the handler, complete it (or throw the
/// handler's BPMN error, or record a failure with exponential back-off; at zero retries the engine raises an
/// incident). Hangfire's own retry is off: the engine's retry count is the one users see and reset.
/// </summary>
public sealed class ServiceTaskJob(WorkflowEngine engine, AppDbContext db, IServiceProvider services, TopicRegistry topics,
    TimeProvider clock, IBackgroundJobClient jobs, ServiceTaskOptions options,
    ILogger<ServiceTaskJob> logger)
{
    public const string WorkerId = "hangfire";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid externalTaskId, CancellationToken ct)
    {
        var task = await db.WfExternalTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == externalTaskId, ct);
        if (task is null || !topics.IsInProcess(task.Topic) || task.Retries == 0)
        {
            return; // done already, not ours, or waiting for a person to fix an incident
        }

        var now = clock.GetUtcNow();
        if (task.NotBeforeUtc is { } notBefore && notBefore > now.UtcDateTime)
        {
            jobs.Schedule<ServiceTaskJob>(j => j.RunAsync(externalTaskId, CancellationToken.None), new DateTimeOffset(notBefore, TimeSpan.Zero));
            return;
        }

        try
        {
            await engine.LockExternalTaskAsync(externalTaskId, WorkerId, TimeSpan.FromMinutes(10), ct);
        }
        catch (EngineException)
        {
            return; // someone else holds it, or it ended meanwhile
        }

        var instance = (await engine.Store.LoadInstanceAsync(task.InstanceId, ct))!;
        var handler = (ITopicHandler)services.GetRequiredService(topics.HandlerType(task.Topic));
        var context = new TopicContext(task.Id, task.InstanceId, task.Topic, task.ElementId, task.BusinessKey, task.DefinitionKey, instance.Variables);
        try
        {
            var variables = await handler.HandleAsync(context, ct);
            await engine.CompleteExternalTaskAsync(externalTaskId, WorkerId, variables, ct: ct);
        }
        catch (BpmnErrorException error)
        {
            await engine.ExternalTaskBpmnErrorAsync(externalTaskId, WorkerId, error.ErrorCode, error.Message, ct: ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ConcurrencyException)
        {
            var retries = (task.Retries ?? options.Retries) - 1;
            var attempt = Math.Max(0, options.Retries - 1 - retries);
            var backoff = TimeSpan.FromSeconds(options.BackoffSeconds * Math.Pow(3, attempt));
            logger.LogWarning(ex, "Topic {Topic} failed for external task {Id}; {Retries} retries left", task.Topic, externalTaskId, retries);
            await engine.FailExternalTaskAsync(externalTaskId, WorkerId, ex.Message, ex.ToString(), retries, retries > 0 ? backoff : TimeSpan.Zero, ct);
        }
    }
}
