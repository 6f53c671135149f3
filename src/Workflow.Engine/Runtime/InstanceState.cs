using System.Text.Json.Serialization;

namespace Workflow.Engine.Runtime;

public enum InstanceStatus
{
    Active,
    Completed,
    Terminated,
    Cancelled,
}

/// <summary>
/// One running process instance and everything it waits on: the aggregate a command loads, changes and saves with
/// optimistic concurrency (<see cref="Version"/>). It serializes to JSON; the host also projects its wait states
/// (tasks, timers, subscriptions, external tasks, incidents) into tables for queries.
/// </summary>
public sealed class ProcessInstance
{
    public Guid Id { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionKey { get; set; }
    public int DefinitionVersion { get; set; }
    public string? BusinessKey { get; set; }
    public Guid? ParentInstanceId { get; set; }
    public Guid? ParentActivityInstanceId { get; set; }
    public InstanceStatus Status { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? StartedBy { get; set; }
    public string? EndReason { get; set; }
    /// <summary>Incremented on every save; a save with a stale version is refused.</summary>
    public int Version { get; set; }
    public Dictionary<string, TypedValue> Variables { get; set; } = [];
    public List<ActivityInstance> Activities { get; set; } = [];
    public List<UserTaskState> Tasks { get; set; } = [];
    public List<TimerState> Timers { get; set; } = [];
    public List<MessageSubscription> Subscriptions { get; set; } = [];
    public List<ExternalTaskState> ExternalTasks { get; set; } = [];
    public List<Incident> Incidents { get; set; } = [];

    /// <summary>Journal entries written by the current command, appended by the store on save.</summary>
    [JsonIgnore]
    public List<JournalEntry> NewJournal { get; } = [];

    public bool IsEnded => Status != InstanceStatus.Active;

    public ActivityInstance? Activity(Guid id) => Activities.Find(a => a.Id == id);

    /// <summary>
    /// The variables visible from an activity instance: the process's, overridden by each enclosing scope's locals
    /// from the outside in (what an expression or a task form there sees).
    /// </summary>
    public Dictionary<string, TypedValue> VariablesVisibleFrom(Guid activityInstanceId)
    {
        var scopes = new List<Dictionary<string, TypedValue>>();
        for (var a = Activity(activityInstanceId); a is not null; a = a.ParentId is { } p ? Activity(p) : null)
        {
            if (a.Variables is { } locals)
            {
                scopes.Add(locals);
            }
        }

        var visible = new Dictionary<string, TypedValue>(Variables);
        for (var i = scopes.Count - 1; i >= 0; i--)
        {
            foreach (var (name, value) in scopes[i])
            {
                visible[name] = value;
            }
        }

        return visible;
    }

    public IEnumerable<ActivityInstance> ChildrenOf(Guid? parentId) => Activities.Where(a => a.ParentId == parentId);
}

public enum ActivityState
{
    /// <summary>Being executed within the current command.</summary>
    Active,
    /// <summary>Waiting for a task, timer, message, worker, child instance or joining tokens.</summary>
    Waiting,
    /// <summary>Stopped by an incident; a retry re-runs <see cref="ActivityInstance.FailedOperation"/>.</summary>
    Failed,
}

/// <summary>An open activity instance: a token at an element, or a scope (sub-process, multi-instance body).</summary>
public sealed class ActivityInstance
{
    public Guid Id { get; set; }
    public Guid? ParentId { get; set; }
    public required string ElementId { get; set; }
    public ActivityState State { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>Local variables (sub-process scope, multi-instance iteration: loopCounter and element variable).</summary>
    public Dictionary<string, TypedValue>? Variables { get; set; }
    public bool IsMultiInstanceBody { get; set; }
    public int? LoopCounter { get; set; }
    public int NrOfInstances { get; set; }
    public int NrOfCompletedInstances { get; set; }
    public int NrOfActiveInstances { get; set; }
    /// <summary>Sequential multi-instance: the items still to run.</summary>
    public List<TypedValue>? PendingItems { get; set; }
    /// <summary>Joining gateway: the incoming flows whose tokens have arrived (a multiset).</summary>
    public List<string>? ArrivedFlows { get; set; }
    /// <summary>Call activity: the child instance it waits for.</summary>
    public Guid? CalledInstanceId { get; set; }
    public Operation? FailedOperation { get; set; }
}

/// <summary>The step an activity was at when it failed, so a retry resumes exactly there.</summary>
public enum Operation
{
    Execute,
    Leave,
}

public sealed class UserTaskState
{
    public Guid Id { get; set; }
    public Guid ActivityInstanceId { get; set; }
    public required string ElementId { get; set; }
    public string? Name { get; set; }
    public string? Assignee { get; set; }
    public string? Owner { get; set; }
    public List<string> CandidateUsers { get; set; } = [];
    public List<string> CandidateGroups { get; set; } = [];
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? FollowUpAt { get; set; }
    /// <summary>Camunda's default is 50; set explicitly when the task is created.</summary>
    public int Priority { get; set; }
    public string? FormKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>null, "PENDING" after delegate, "RESOLVED" after resolve (Camunda's delegation states).</summary>
    public string? DelegationState { get; set; }
}

public sealed class TimerState
{
    /// <summary>Deterministic: instance + element + owning activity instance + occurrence; also the scheduler's job id.</summary>
    public required string Id { get; set; }
    public required string ElementId { get; set; }
    public Guid ActivityInstanceId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public int Occurrence { get; set; }
    /// <summary>Cycle timers: how many more times it fires after this one (null = unbounded).</summary>
    public int? RemainingRepetitions { get; set; }
    public TimeSpan? Period { get; set; }
    public bool IsCycle { get; set; }
}

public sealed class MessageSubscription
{
    public Guid Id { get; set; }
    public required string MessageName { get; set; }
    /// <summary>The catching element: intermediate catch event, receive task or boundary event.</summary>
    public required string ElementId { get; set; }
    public Guid ActivityInstanceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class ExternalTaskState
{
    public Guid Id { get; set; }
    public Guid ActivityInstanceId { get; set; }
    public required string ElementId { get; set; }
    public required string Topic { get; set; }
    public long Priority { get; set; }
    public string? WorkerId { get; set; }
    public DateTimeOffset? LockExpiresAt { get; set; }
    public int? Retries { get; set; }
    public string? ErrorMessage { get; set; }
    public string? ErrorDetails { get; set; }
    /// <summary>After a failure with a retry timeout, not fetchable before this time.</summary>
    public DateTimeOffset? NotBefore { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Incident
{
    public Guid Id { get; set; }
    public Guid ActivityInstanceId { get; set; }
    public required string ElementId { get; set; }
    /// <summary>"failedExpression", "failedExternalTask", "unhandledBpmnError", "failedCallActivity", "unknownMessage".</summary>
    public required string Type { get; set; }
    public required string Message { get; set; }
    public Guid? ExternalTaskId { get; set; }
    /// <summary>"unknownMessage" incidents: the message that found no receiver, delivered again on retry.</summary>
    public string? MessageName { get; set; }
    public Dictionary<string, TypedValue>? MessageVariables { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What a journal line records. Stored as numbers: never renumber.</summary>
public enum JournalEvent
{
    ActivityStarted = 0,
    ActivityCompleted = 1,
    ActivityCancelled = 2,
    VariableSet = 3,
    IncidentCreated = 4,
    IncidentResolved = 5,
    TaskAssigned = 6,
    InstanceCompleted = 8,
    InstanceTerminated = 9,
    InstanceCancelled = 10,
    Note = 11,
}

/// <summary>One line of an instance's history: who did what to which element when.</summary>
public sealed record JournalEntry(
    Guid InstanceId, Guid? ActivityInstanceId, string? ElementId, string? ElementKind, JournalEvent Event,
    DateTimeOffset At, string? Actor, string? Detail)
{
    public Guid Id { get; init; } = Uuid7.New();
}
