namespace Workflow.Web.Processes;

/// <summary>
/// Who may see and act on which user task: the one rule for /engine-rest, the inbox, the rating pages and the task
/// forms. Admin, like Camunda's camunda-admin group, sees every task; anyone else sees the tasks whose audience
/// (assignee, candidate users, candidate groups: <see cref="WfTaskAudience"/>) names one of their principals.
/// </summary>
public static class TaskAccess
{
    /// <summary>
    /// Filters a task query to what the actor may see: one indexed lookup of their principals in the task audience, so
    /// the cost follows the actor's own tasks.
    /// </summary>
    public static IQueryable<WfTask> Visible(IQueryable<WfTask> tasks, IQueryable<WfTaskAudience> audience, Actor actor)
    {
        if (actor.IsAdmin)
        {
            return tasks;
        }

        var principals = actor.Principals.Select(p => p.Stored).ToList();
        var ids = audience.Where(a => principals.Contains(a.Principal)).Select(a => a.TaskId);
        return tasks.Where(t => ids.Contains(t.Id));
    }

    public static bool CanSee(WfTask task, Actor actor) =>
        actor.IsAdmin || task.Assignee == actor.UserName
        || (task.CandidateUsers?.Contains("," + actor.UserName + ",", StringComparison.Ordinal) ?? false)
        || actor.Groups.Any(g => task.CandidateGroups?.Contains("," + g + ",", StringComparison.Ordinal) ?? false);

    /// <summary>
    /// May act on the task: sees it, and it is unassigned (a candidate may act) or assigned to the actor; Admin may act
    /// on any task.
    /// </summary>
    public static bool CanAct(WfTask task, Actor actor) =>
        CanSee(task, actor) && (task.Assignee is null || task.Assignee == actor.UserName || actor.IsAdmin);
}
