using System.Collections.Immutable;

namespace Workflow.Engine.Model;

/// <summary>Any node of a process graph (events, tasks, gateways, sub-processes).</summary>
public abstract record FlowNode
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    /// <summary>The id of the enclosing sub-process, or null at process level.</summary>
    public string? ScopeId { get; init; }
    public ImmutableArray<string> Incoming { get; init; } = [];
    public ImmutableArray<string> Outgoing { get; init; } = [];

    /// <summary>The BPMN element name used in the journal and in messages ("userTask", "exclusiveGateway"...).</summary>
    public abstract string Kind { get; }

    public string Label => string.IsNullOrWhiteSpace(Name) ? Id : $"{Name} ({Id})";
}

/// <summary>A flow node that does work and may carry boundary events and multi-instance characteristics.</summary>
public abstract record Activity : FlowNode
{
    public MultiInstance? MultiInstance { get; init; }
    public ImmutableArray<string> BoundaryEventIds { get; init; } = [];
}

public sealed record SequenceFlow
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public required string SourceId { get; init; }
    public required string TargetId { get; init; }
    /// <summary>Condition expression text (<c>${...}</c>), or null for an unconditional flow.</summary>
    public string? Condition { get; init; }
}

public enum TimerKind
{
    Date,
    Duration,
    Cycle,
}

/// <summary>A timerEventDefinition: timeDate, timeDuration or timeCycle, each possibly an expression.</summary>
public sealed record TimerDefinition(TimerKind Kind, string Expression);

public enum EventTrigger
{
    None,
    Timer,
    Message,
    Error,
    Terminate,
}

/// <summary>What an event waits for or throws: exactly one of the definitions is set for its trigger.</summary>
public sealed record EventDefinition(EventTrigger Trigger, TimerDefinition? Timer = null, string? MessageName = null, string? ErrorCode = null)
{
    public static EventDefinition None { get; } = new(EventTrigger.None);
}

public sealed record StartEvent : FlowNode
{
    public EventDefinition Definition { get; init; } = EventDefinition.None;
    /// <summary>camunda:initiator: the variable that receives the id of the user who started the instance.</summary>
    public string? Initiator { get; init; }
    public override string Kind => "startEvent";
}

public sealed record EndEvent : FlowNode
{
    public EventDefinition Definition { get; init; } = EventDefinition.None;
    public override string Kind => "endEvent";
}

public sealed record IntermediateCatchEvent : FlowNode
{
    public required EventDefinition Definition { get; init; }
    public override string Kind => "intermediateCatchEvent";
}

public sealed record BoundaryEvent : FlowNode
{
    public required string AttachedToId { get; init; }
    public bool CancelActivity { get; init; } = true;
    public required EventDefinition Definition { get; init; }
    public override string Kind => "boundaryEvent";
}

/// <summary>camunda:* attributes of a user task; each may be an expression evaluated when the task is created.</summary>
public sealed record UserTask : Activity
{
    public string? Assignee { get; init; }
    public string? CandidateUsers { get; init; }
    public string? CandidateGroups { get; init; }
    public string? DueDate { get; init; }
    public string? FollowUpDate { get; init; }
    public string? Priority { get; init; }
    public string? FormKey { get; init; }
    public override string Kind => "userTask";
}

/// <summary>serviceTask or sendTask with camunda:type="external" and a topic.</summary>
public sealed record ServiceTask : Activity
{
    public required string Topic { get; init; }
    public string? TaskPriority { get; init; }
    public bool IsSendTask { get; init; }
    public override string Kind => IsSendTask ? "sendTask" : "serviceTask";
}

public sealed record ReceiveTask : Activity
{
    public required string MessageName { get; init; }
    public override string Kind => "receiveTask";
}

/// <summary>task and manualTask: nothing to do, the token passes through.</summary>
public sealed record PassThroughTask : Activity
{
    public bool IsManual { get; init; }
    public override string Kind => IsManual ? "manualTask" : "task";
}

public sealed record SubProcess : Activity
{
    public override string Kind => "subProcess";
}

/// <summary>A camunda:in or camunda:out mapping.</summary>
public sealed record VariableMapping(string? Source, string? SourceExpression, string? Target, bool All, bool Local = false);

public sealed record CallActivity : Activity
{
    public required string CalledElement { get; init; }
    public ImmutableArray<VariableMapping> In { get; init; } = [];
    public ImmutableArray<VariableMapping> Out { get; init; } = [];
    /// <summary>Business key expression for the child (camunda:in businessKey="...").</summary>
    public string? BusinessKey { get; init; }
    public override string Kind => "callActivity";
}

public enum GatewayKind
{
    Exclusive,
    Parallel,
    Inclusive,
    EventBased,
}

public sealed record Gateway : FlowNode
{
    public required GatewayKind GatewayKind { get; init; }
    public string? DefaultFlowId { get; init; }
    public override string Kind => GatewayKind switch
    {
        GatewayKind.Exclusive => "exclusiveGateway",
        GatewayKind.Parallel => "parallelGateway",
        GatewayKind.Inclusive => "inclusiveGateway",
        _ => "eventBasedGateway",
    };
}

/// <summary>multiInstanceLoopCharacteristics with Camunda's collection/elementVariable.</summary>
public sealed record MultiInstance
{
    public bool IsSequential { get; init; }
    public string? LoopCardinality { get; init; }
    public string? Collection { get; init; }
    public string? ElementVariable { get; init; }
    public string? CompletionCondition { get; init; }
}
