using System.Text.Json;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.InMemory;

/// <summary>
/// A store in process memory for the engine's own tests and benchmarks. Instances are kept as JSON snapshots, so a
/// command always works on a private copy and a failed command leaves nothing behind, exactly as with a database.
/// </summary>
public sealed class InMemoryWorkflowStore : IWorkflowStore
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = false };

    private readonly Lock _lock = new();
    private readonly Dictionary<string, DeployedDefinition> _definitions = [];
    private readonly Dictionary<Guid, Snapshot> _instances = [];
    private readonly Dictionary<Guid, Guid> _taskIndex = [];
    private readonly Dictionary<Guid, Guid> _externalTaskIndex = [];
    private readonly Dictionary<Guid, Guid> _incidentIndex = [];
    private readonly List<JournalEntry> _journal = [];
    private readonly Dictionary<string, StartTimer> _startTimers = [];

    private sealed record Snapshot(string Json, int Version, ProcessInstance Shape);

    public IReadOnlyList<JournalEntry> Journal
    {
        get
        {
            lock (_lock)
            {
                return [.. _journal];
            }
        }
    }

    public IReadOnlyList<JournalEntry> JournalOf(Guid instanceId) => Journal.Where(j => j.InstanceId == instanceId).ToList();

    /// <summary>A fresh copy of every stored instance (for assertions).</summary>
    public IReadOnlyList<ProcessInstance> Instances()
    {
        lock (_lock)
        {
            return _instances.Values.Select(s => Deserialize(s.Json)).ToList();
        }
    }

    public Task<DeployedDefinition?> GetDefinitionAsync(string id, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_definitions.GetValueOrDefault(id));
        }
    }

    public Task<DeployedDefinition?> GetLatestDefinitionAsync(string key, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_definitions.Values.Where(d => d.Key == key).MaxBy(d => d.Version));
        }
    }

    public Task<IReadOnlyList<DeployedDefinition>> GetLatestDefinitionsAsync(CancellationToken ct = default)
    {
        lock (_lock)
        {
            IReadOnlyList<DeployedDefinition> latest = _definitions.Values.GroupBy(d => d.Key).Select(g => g.MaxBy(d => d.Version)!).ToList();
            return Task.FromResult(latest);
        }
    }

    public Task SaveDeploymentAsync(Deployment deployment, IReadOnlyList<DeployedDefinition> definitions, CancellationToken ct = default)
    {
        lock (_lock)
        {
            foreach (var definition in definitions)
            {
                _definitions[definition.Id] = definition;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StartTimer>> GetStartTimersAsync(string definitionKey, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StartTimer>>(_startTimers.Values.Where(t => t.DefinitionKey == definitionKey).ToList());
        }
    }

    /// <summary>Every pending start timer (for assertions and for a test clock that fires them).</summary>
    public IReadOnlyList<StartTimer> StartTimers()
    {
        lock (_lock)
        {
            return [.. _startTimers.Values];
        }
    }

    public Task<StartTimer?> GetStartTimerAsync(string id, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_startTimers.GetValueOrDefault(id));
        }
    }

    public Task ReplaceStartTimersAsync(string definitionKey, IReadOnlyList<StartTimer> timers, CancellationToken ct = default)
    {
        lock (_lock)
        {
            foreach (var old in _startTimers.Values.Where(t => t.DefinitionKey == definitionKey).ToList())
            {
                _startTimers.Remove(old.Id);
            }

            foreach (var timer in timers)
            {
                _startTimers[timer.Id] = timer;
            }
        }

        return Task.CompletedTask;
    }

    public Task<ProcessInstance?> LoadInstanceAsync(Guid id, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_instances.TryGetValue(id, out var s) ? Deserialize(s.Json) : null);
        }
    }

    public Task<Guid?> FindInstanceOfTaskAsync(Guid taskId, CancellationToken ct = default) => Find(_taskIndex, taskId);

    public Task<Guid?> FindInstanceOfExternalTaskAsync(Guid externalTaskId, CancellationToken ct = default) => Find(_externalTaskIndex, externalTaskId);

    public Task<Guid?> FindInstanceOfIncidentAsync(Guid incidentId, CancellationToken ct = default) => Find(_incidentIndex, incidentId);

    private Task<Guid?> Find(Dictionary<Guid, Guid> index, Guid key)
    {
        lock (_lock)
        {
            return Task.FromResult(index.TryGetValue(key, out var id) ? id : (Guid?)null);
        }
    }

    public Task<IReadOnlyList<Guid>> FindActiveInstancesAsync(string businessKey, CancellationToken ct = default)
    {
        lock (_lock)
        {
            IReadOnlyList<Guid> ids = _instances.Values.Where(s => s.Shape.BusinessKey == businessKey && !s.Shape.IsEnded)
                .OrderBy(s => s.Shape.StartedAt).Select(s => s.Shape.Id).ToList();
            return Task.FromResult(ids);
        }
    }

    public Task<IReadOnlyList<Guid>> FindSubscribedInstancesAsync(string messageName, string? businessKey, CancellationToken ct = default)
    {
        lock (_lock)
        {
            IReadOnlyList<Guid> ids = _instances.Values
                .Where(s => s.Shape.Subscriptions.Any(x => x.MessageName == messageName) && (businessKey is null || s.Shape.BusinessKey == businessKey))
                .OrderBy(s => s.Shape.StartedAt).Select(s => s.Shape.Id).ToList();
            return Task.FromResult(ids);
        }
    }

    public Task SaveAsync(IReadOnlyCollection<ProcessInstance> instances, CancellationToken ct = default)
    {
        lock (_lock)
        {
            foreach (var instance in instances)
            {
                var stored = _instances.GetValueOrDefault(instance.Id)?.Version ?? 0;
                if (stored != instance.Version)
                {
                    throw new ConcurrencyException($"Phiên bản quy trình {instance.Id} đã được thay đổi bởi một thao tác khác.");
                }
            }

            foreach (var instance in instances)
            {
                if (_instances.TryGetValue(instance.Id, out var old))
                {
                    Unindex(old.Shape);
                }

                instance.Version++;
                var json = JsonSerializer.Serialize(instance, Json);
                var shape = Deserialize(json);
                _instances[instance.Id] = new Snapshot(json, instance.Version, shape);
                Index(shape);
                _journal.AddRange(instance.NewJournal);
                instance.NewJournal.Clear();
            }
        }

        return Task.CompletedTask;
    }

    private void Index(ProcessInstance instance)
    {
        instance.Tasks.ForEach(t => _taskIndex[t.Id] = instance.Id);
        instance.ExternalTasks.ForEach(t => _externalTaskIndex[t.Id] = instance.Id);
        instance.Incidents.ForEach(i => _incidentIndex[i.Id] = instance.Id);
    }

    private void Unindex(ProcessInstance instance)
    {
        instance.Tasks.ForEach(t => _taskIndex.Remove(t.Id));
        instance.ExternalTasks.ForEach(t => _externalTaskIndex.Remove(t.Id));
        instance.Incidents.ForEach(i => _incidentIndex.Remove(i.Id));
    }

    private static ProcessInstance Deserialize(string json) => JsonSerializer.Deserialize<ProcessInstance>(json, Json)!;
}
