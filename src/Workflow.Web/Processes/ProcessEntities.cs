namespace Workflow.Web.Processes;

// The engine's tables. An instance is one row holding its whole state as JSON (the aggregate a command loads and
// saves, guarded by Version); the wait states are projected into their own rows so that inboxes, timers, workers and
// message correlation are indexed queries, rewritten on every save of their instance.

public sealed class WfDeployment
{
    public Guid Id { get; set; }
    public string? Name { get; set; }
    public string? Source { get; set; }
    public DateTime DeployedAtUtc { get; set; }
}

public sealed class WfDefinition
{
    public required string Id { get; set; }
    public required string Key { get; set; }
    public int Version { get; set; }
    public string? Name { get; set; }
    public required string ResourceName { get; set; }
    public required string Xml { get; set; }
    public required string Hash { get; set; }
    public Guid DeploymentId { get; set; }
    public DateTime DeployedAtUtc { get; set; }
}

public sealed class WfInstance
{
    public Guid Id { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionKey { get; set; }
    public int DefinitionVersion { get; set; }
    public string? BusinessKey { get; set; }
    public Guid? ParentInstanceId { get; set; }
    public int Status { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime? EndedAtUtc { get; set; }
    public string? StartedBy { get; set; }
    public int Version { get; set; }
    public required string State { get; set; }
}

public sealed class WfTask
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ElementId { get; set; }
    public string? Name { get; set; }
    public string? Assignee { get; set; }
    public string? Owner { get; set; }
    /// <summary>Comma-delimited with leading and trailing commas (",a,b,") so "contains ,a," is exact.</summary>
    public string? CandidateUsers { get; set; }
    public string? CandidateGroups { get; set; }
    public DateTime? DueAtUtc { get; set; }
    public DateTime? FollowUpAtUtc { get; set; }
    public int Priority { get; set; }
    public string? FormKey { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? DelegationState { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionKey { get; set; }
    public string? BusinessKey { get; set; }
}

/// <summary>
/// Who sees an open user task, one row per principal (<see cref="TaskPrincipal"/>, stored): the assignee and each
/// candidate user, and each candidate group. Written with the task, so "the tasks any of my principals may see" is one
/// indexed lookup on (Principal, TaskId) instead of a LIKE scan of every open task's candidate lists.
/// </summary>
public sealed class WfTaskAudience
{
    public required string Principal { get; set; }
    public Guid TaskId { get; set; }
    public Guid InstanceId { get; set; }

    /// <summary>The stored principals of a task.</summary>
    public static IEnumerable<string> Of(string? assignee, IEnumerable<string> candidateUsers, IEnumerable<string> candidateGroups) =>
        (assignee is null ? [] : new[] { TaskPrincipal.User(assignee) })
            .Concat(candidateUsers.Select(TaskPrincipal.User))
            .Concat(candidateGroups.Select(TaskPrincipal.Group))
            .Select(p => p.Stored)
            .Distinct(StringComparer.Ordinal);
}

public sealed class WfTimer
{
    public required string Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ElementId { get; set; }
    public DateTime DueAtUtc { get; set; }
}

public sealed class WfSubscription
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string MessageName { get; set; }
    public required string ElementId { get; set; }
    public string? BusinessKey { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

public sealed class WfExternalTask
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ElementId { get; set; }
    public required string Topic { get; set; }
    public long Priority { get; set; }
    public string? WorkerId { get; set; }
    public DateTime? LockExpiresAtUtc { get; set; }
    public int? Retries { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTime? NotBeforeUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionKey { get; set; }
    public string? BusinessKey { get; set; }
}

public sealed class WfIncident
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public Guid ActivityInstanceId { get; set; }
    public required string ElementId { get; set; }
    public required string Type { get; set; }
    public required string Message { get; set; }
    public Guid? ExternalTaskId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string DefinitionId { get; set; }
}

public sealed class WfJournal
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public Guid? ActivityInstanceId { get; set; }
    public string? ElementId { get; set; }
    public string? ElementKind { get; set; }
    public int Event { get; set; }
    public DateTime AtUtc { get; set; }
    public string? Actor { get; set; }
    public string? Detail { get; set; }
}

/// <summary>The Hangfire job that wakes a timer, so the timer's end can delete it.</summary>
public sealed class WfTimerJob
{
    public required string TimerId { get; set; }
    public required string JobId { get; set; }
}

/// <summary>A pending timer start event of a process key (see Workflow.Engine.Ports.StartTimer).</summary>
public sealed class WfStartTimer
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionKey { get; set; }
    public required string ElementId { get; set; }
    public DateTime DueAtUtc { get; set; }
    public int Occurrence { get; set; }
    public bool IsCycle { get; set; }
    public int? RemainingRepetitions { get; set; }
    public double? PeriodSeconds { get; set; }
}

/// <summary>
/// The open tasks of some instances changed (created, claimed, completed, cancelled): these are the principals of their
/// audiences, before and after. Raised by the store with every write, dispatched after the commit.
/// </summary>
public sealed record TaskAudiencesChanged(IReadOnlyCollection<string> Principals) : IDomainEvent;
