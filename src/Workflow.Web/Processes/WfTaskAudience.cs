namespace Workflow.Web.Processes;

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
