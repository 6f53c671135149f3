using System.Security.Claims;
using Workflow.Web.Identity;
using Workflow.Web.Processes;

namespace Workflow.Web.EngineRest;

/// <summary>
/// Who may see and act on which user task over /engine-rest. Admin, like Camunda's camunda-admin group, sees every
/// task; anyone else sees the tasks assigned to them or offered to them as a candidate user or through one of their
/// groups. A user's groups are their roles, bare and qualified by their unit ("OrganizationBoard" and
/// "OrganizationBoard:&lt;unit id&gt;"), which is how the shipped workflows name candidate groups.
/// </summary>
public static class RestAccess
{
    public static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    public static string Name(ClaimsPrincipal user) => user.Identity?.Name ?? "";

    public static IReadOnlyList<string> Groups(ClaimsPrincipal user)
    {
        var unit = AppClaims.UnitIdOf(user);
        return Roles.All.Where(user.IsInRole)
            .SelectMany(r => unit is { } u ? new[] { r, $"{r}:{u}" } : [r])
            .ToList();
    }

    /// <summary>The caller's principals as written in <see cref="WfTaskAudience"/>: their user name and their groups.</summary>
    public static IReadOnlyList<string> Principals(ClaimsPrincipal user) =>
        [WfTaskAudience.UserPrefix + Name(user), .. Groups(user).Select(g => WfTaskAudience.GroupPrefix + g)];

    /// <summary>
    /// Filters a task query to what the caller may see: one indexed lookup of the caller's principals in the task
    /// audience (assignee, candidate users, candidate groups), so the cost follows the caller's own tasks.
    /// </summary>
    public static IQueryable<WfTask> Visible(IQueryable<WfTask> tasks, IQueryable<WfTaskAudience> audience, ClaimsPrincipal user)
    {
        if (IsAdmin(user))
        {
            return tasks;
        }

        var principals = Principals(user);
        var ids = audience.Where(a => principals.Contains(a.Principal)).Select(a => a.TaskId);
        return tasks.Where(t => ids.Contains(t.Id));
    }

    public static bool CanSee(WfTask task, ClaimsPrincipal user) =>
        IsAdmin(user) || task.Assignee == Name(user)
        || (task.CandidateUsers?.Contains("," + Name(user) + ",", StringComparison.Ordinal) ?? false)
        || Groups(user).Any(g => task.CandidateGroups?.Contains("," + g + ",", StringComparison.Ordinal) ?? false);

    /// <summary>
    /// May act on the task: sees it, and it is unassigned (a candidate may act) or assigned to the caller; Admin may act
    /// on any task. The one rule for /engine-rest, the inbox and the rating pages.
    /// </summary>
    public static bool CanAct(WfTask task, ClaimsPrincipal user) =>
        CanSee(task, user) && (task.Assignee is null || task.Assignee == Name(user) || IsAdmin(user));
}
