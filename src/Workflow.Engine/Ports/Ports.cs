using Workflow.Engine.Model;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Ports;

/// <summary>A deployed version of a process: the XML as deployed, its parsed model and a content hash.</summary>
public sealed record DeployedDefinition(
    string Id, string Key, int Version, string? Name, string ResourceName, string Xml, string Hash, Guid DeploymentId,
    DateTimeOffset DeployedAt)
{
    /// <summary>The parsed model; the engine fills it from <see cref="Xml"/> when a store returns null.</summary>
    public ProcessModel? Model { get; init; }
}

public sealed record Deployment(Guid Id, string? Name, string? Source, DateTimeOffset DeployedAt);

/// <summary>
/// A timer start event of a deployed definition: when it fires, a new instance starts there. Its id is deterministic
/// (definition + element + occurrence) and, like instance timers, it is the scheduler's job argument. Reported to the
/// scheduler with <see cref="Guid.Empty"/> as the instance id.
/// </summary>
public sealed record StartTimer(string Id, string DefinitionId, string DefinitionKey, string ElementId, DateTimeOffset DueAt,
    int Occurrence, bool IsCycle, int? RemainingRepetitions, TimeSpan? Period);

/// <summary>Thrown by a store when a save finds a newer version than the one loaded: someone else won the race.</summary>
public sealed class ConcurrencyException(string message) : Exception(message);

/// <summary>
/// Persistence of definitions and instances. The host implements it on its database inside the same transaction as its
/// domain changes; <see cref="InMemory.InMemoryWorkflowStore"/> serves the engine's own tests.
/// </summary>
public interface IWorkflowStore
{
    Task<DeployedDefinition?> GetDefinitionAsync(string id, CancellationToken ct = default);

    Task<DeployedDefinition?> GetLatestDefinitionAsync(string key, CancellationToken ct = default);

    /// <summary>Latest versions of every key whose process has a message start event with this message name.</summary>
    Task<IReadOnlyList<DeployedDefinition>> GetLatestDefinitionsAsync(CancellationToken ct = default);

    Task SaveDeploymentAsync(Deployment deployment, IReadOnlyList<DeployedDefinition> definitions, CancellationToken ct = default);

    /// <summary>The pending start timers of every version of a process key (normally those of the latest version).</summary>
    Task<IReadOnlyList<StartTimer>> GetStartTimersAsync(string definitionKey, CancellationToken ct = default);

    Task<StartTimer?> GetStartTimerAsync(string id, CancellationToken ct = default);

    /// <summary>Replaces the start timers of a process key (a new version's timers replace the old version's).</summary>
    Task ReplaceStartTimersAsync(string definitionKey, IReadOnlyList<StartTimer> timers, CancellationToken ct = default);

    Task<ProcessInstance?> LoadInstanceAsync(Guid id, CancellationToken ct = default);

    /// <summary>Loads many instances at once (bulk commands); missing ids are left out. Stores override it with one query per chunk.</summary>
    async Task<IReadOnlyList<ProcessInstance>> LoadInstancesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        var result = new List<ProcessInstance>(ids.Count);
        foreach (var id in ids)
        {
            if (await LoadInstanceAsync(id, ct) is { } instance)
            {
                result.Add(instance);
            }
        }

        return result;
    }

    Task<Guid?> FindInstanceOfTaskAsync(Guid taskId, CancellationToken ct = default);

    Task<Guid?> FindInstanceOfExternalTaskAsync(Guid externalTaskId, CancellationToken ct = default);

    Task<Guid?> FindInstanceOfIncidentAsync(Guid incidentId, CancellationToken ct = default);

    /// <summary>Active instances with this business key (for messages that find no subscription).</summary>
    Task<IReadOnlyList<Guid>> FindActiveInstancesAsync(string businessKey, CancellationToken ct = default);

    /// <summary>Instances with a subscription to <paramref name="messageName"/> (optionally only with that business key).</summary>
    Task<IReadOnlyList<Guid>> FindSubscribedInstancesAsync(string messageName, string? businessKey, CancellationToken ct = default);

    /// <summary>
    /// Saves new and changed instances, checking each one's version (a stale one throws
    /// <see cref="ConcurrencyException"/> and nothing is saved), appends their new journal entries and bumps versions.
    /// </summary>
    Task SaveAsync(IReadOnlyCollection<ProcessInstance> instances, CancellationToken ct = default);
}

/// <summary>
/// A store that can turn new instances into their rows ahead of the save, off the caller's thread: bulk starts
/// prepare the next batch while the current one is written.
/// </summary>
public interface IPreparingWorkflowStore : IWorkflowStore
{
    /// <summary>Pure and thread-safe (no database access): the rows of instances never saved before.</summary>
    PreparedSave Prepare(IReadOnlyCollection<ProcessInstance> instances);

    /// <summary>Writes prepared rows as <see cref="IWorkflowStore.SaveAsync(IReadOnlyCollection{ProcessInstance}, CancellationToken)"/> would.</summary>
    Task SaveAsync(PreparedSave prepared, CancellationToken ct = default);
}

/// <summary>Rows a store prepared for a batch of new instances.</summary>
public abstract class PreparedSave(IReadOnlyCollection<ProcessInstance> instances)
{
    public IReadOnlyCollection<ProcessInstance> Instances { get; } = instances;
}

/// <summary>A batch of starts computed in memory by <c>WorkflowEngine.PrepareStartsAsync</c>, not saved yet.</summary>
public sealed record PreparedStarts(IReadOnlyList<Guid> Ids, IReadOnlyCollection<ProcessInstance> Instances, IReadOnlyList<EngineEffect> Effects, PreparedSave? Rows);

/// <summary>What a command asks the outside world to do once its changes are committed.</summary>
public abstract record EngineEffect;

public sealed record TimerScheduled(Guid InstanceId, string TimerId, DateTimeOffset DueAt) : EngineEffect;

public sealed record TimerCancelled(Guid InstanceId, string TimerId) : EngineEffect;

public sealed record ExternalTaskCreated(Guid InstanceId, Guid ExternalTaskId, string Topic) : EngineEffect;

public sealed record UserTaskCreated(Guid InstanceId, Guid TaskId) : EngineEffect;

public sealed record UserTaskEnded(Guid InstanceId, Guid TaskId, bool Completed) : EngineEffect;

public sealed record InstanceEnded(Guid InstanceId, InstanceStatus Status) : EngineEffect;

/// <summary>
/// Applies effects after commit: the host schedules a Hangfire job per timer (deterministic id = timer id), enqueues
/// in-process topic handlers, and pushes live updates. Effects are hints: the database stays the truth.
/// </summary>
public interface IEngineScheduler
{
    Task ApplyAsync(IReadOnlyList<EngineEffect> effects, CancellationToken ct = default);
}

/// <summary>A scheduler that does nothing: for callers that poll (tests drive timers by hand).</summary>
public sealed class NoScheduler : IEngineScheduler
{
    public static NoScheduler Instance { get; } = new();

    public Task ApplyAsync(IReadOnlyList<EngineEffect> effects, CancellationToken ct = default) => Task.CompletedTask;
}

/// <summary>What an in-process topic handler receives: the external task and the instance's variables.</summary>
public sealed record TopicContext(
    Guid ExternalTaskId, Guid InstanceId, string Topic, string ElementId, string? BusinessKey, string DefinitionKey,
    IReadOnlyDictionary<string, TypedValue> Variables);

/// <summary>
/// Runs the service tasks of one topic inside the host (on Hangfire), instead of an external worker. Return the
/// variables to set; throw <see cref="BpmnErrorException"/> for a business error that the process may catch; any
/// other exception is a technical failure, retried with back-off and then raised as an incident.
/// </summary>
public interface ITopicHandler
{
    string Topic { get; }

    Task<IReadOnlyDictionary<string, TypedValue>?> HandleAsync(TopicContext context, CancellationToken ct);
}

/// <summary>A business error from a topic handler, caught by an error boundary event with the same code.</summary>
public sealed class BpmnErrorException(string errorCode, string? message = null) : Exception(message ?? errorCode)
{
    public string ErrorCode { get; } = errorCode;
}
