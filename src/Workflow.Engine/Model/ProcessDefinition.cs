using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Workflow.Engine.Model;

/// <summary>
/// An immutable, validated process model (one bpmn:process). Versioned and stored by the host; running instances keep
/// the version they started with.
/// </summary>
public sealed class ProcessModel
{
    public ProcessModel(string key, string? name, IEnumerable<FlowNode> nodes, IEnumerable<SequenceFlow> flows,
        IReadOnlyDictionary<string, string>? properties = null)
    {
        Key = key;
        Name = name;
        Properties = (properties ?? new Dictionary<string, string>()).ToFrozenDictionary(StringComparer.Ordinal);
        Nodes = nodes.ToFrozenDictionary(n => n.Id);
        Flows = flows.ToFrozenDictionary(f => f.Id);
        NodesByScope = Nodes.Values.GroupBy(n => n.ScopeId ?? "")
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray());
    }

    /// <summary>The process id, used as the definition key.</summary>
    public string Key { get; }
    public string? Name { get; }

    /// <summary>
    /// The process's own <c>camunda:properties</c> (name → value). The engine gives them no meaning; a host reads them,
    /// for instance to mark a process whose tasks only the host's own commands may complete.
    /// </summary>
    public FrozenDictionary<string, string> Properties { get; }
    public FrozenDictionary<string, FlowNode> Nodes { get; }
    public FrozenDictionary<string, SequenceFlow> Flows { get; }
    private FrozenDictionary<string, ImmutableArray<FlowNode>> NodesByScope { get; }

    public FlowNode Node(string id) => Nodes[id];

    public SequenceFlow Flow(string id) => Flows[id];

    public ImmutableArray<FlowNode> NodesIn(string? scopeId) =>
        NodesByScope.TryGetValue(scopeId ?? "", out var nodes) ? nodes : [];

    /// <summary>The none start event of a scope (process or sub-process).</summary>
    public StartEvent? NoneStart(string? scopeId) => NodesIn(scopeId).OfType<StartEvent>()
        .FirstOrDefault(s => s.Definition.Trigger == EventTrigger.None);

    public IEnumerable<StartEvent> StartEvents(EventTrigger trigger) =>
        NodesIn(null).OfType<StartEvent>().Where(s => s.Definition.Trigger == trigger);

    public IEnumerable<BoundaryEvent> BoundaryEventsOf(string activityId) =>
        Nodes.TryGetValue(activityId, out var node) && node is Activity activity
            ? activity.BoundaryEventIds.Select(id => (BoundaryEvent)Nodes[id])
            : [];
}
