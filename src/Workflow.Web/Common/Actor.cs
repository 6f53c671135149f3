using System.Security.Claims;

namespace Workflow.Web.Common;

/// <summary>
/// The current user, read one way everywhere: user name (the engine's user id), display name, unit, member record,
/// roles, and the principals they hold tasks by (their user name and their groups: each role, bare and qualified by
/// their unit, "OrganizationBoard" and "OrganizationBoard:&lt;unit id&gt;", which is how workflows name candidate groups).
/// </summary>
public sealed record Actor(string UserName, string DisplayName, Guid? UnitId, ClaimsPrincipal Principal)
{
    public static Actor From(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? RequestContext.SystemActor,
        user.FindFirstValue(AppClaims.FullName) ?? user.Identity?.Name ?? RequestContext.SystemActor,
        AppClaims.UnitIdOf(user), user);

    public Guid? MemberId => AppClaims.MemberIdOf(Principal);

    public bool IsAdmin => Principal.IsInRole(Roles.Admin);

    public bool IsInRole(string role) => Principal.IsInRole(role);

    /// <summary>Holds <paramref name="role"/> in exactly <paramref name="unitId"/>.</summary>
    public bool Is(string role, Guid unitId) => Principal.IsInRole(role) && UnitId == unitId;

    /// <summary>The groups a task may be offered to this user through.</summary>
    public IReadOnlyList<string> Groups => Roles.All.Where(Principal.IsInRole)
        .SelectMany(r => UnitId is { } u ? new[] { r, $"{r}:{u}" } : [r])
        .ToList();

    /// <summary>Everything a task's audience may name this user by.</summary>
    public IReadOnlyList<TaskPrincipal> Principals => [TaskPrincipal.User(UserName), .. Groups.Select(TaskPrincipal.Group)];
}
