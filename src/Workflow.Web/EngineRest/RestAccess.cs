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

    /// <summary>"Offered to any of these groups" as one OR expression (translates on SQLite and PostgreSQL alike).</summary>
    public static System.Linq.Expressions.Expression<Func<WfTask, bool>> OfferedToAny(IEnumerable<string> groups) =>
        groups.Select(g => "," + g + ",")
            .Select(marker => (System.Linq.Expressions.Expression<Func<WfTask, bool>>)(t => t.CandidateGroups != null && t.CandidateGroups.Contains(marker)))
            .Aggregate((System.Linq.Expressions.Expression<Func<WfTask, bool>>)(t => false), Or);

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

    private static System.Linq.Expressions.Expression<Func<WfTask, bool>> Or(
        System.Linq.Expressions.Expression<Func<WfTask, bool>> left, System.Linq.Expressions.Expression<Func<WfTask, bool>> right)
    {
        var parameter = left.Parameters[0];
        var body = System.Linq.Expressions.Expression.OrElse(left.Body,
            new Replace(right.Parameters[0], parameter).Visit(right.Body)!);
        return System.Linq.Expressions.Expression.Lambda<Func<WfTask, bool>>(body, parameter);
    }

    private sealed class Replace(System.Linq.Expressions.ParameterExpression from, System.Linq.Expressions.ParameterExpression to)
        : System.Linq.Expressions.ExpressionVisitor
    {
        protected override System.Linq.Expressions.Expression VisitParameter(System.Linq.Expressions.ParameterExpression node) =>
            node == from ? to : base.VisitParameter(node);
    }
}
