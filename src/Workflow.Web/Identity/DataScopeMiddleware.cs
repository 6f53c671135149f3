using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Identity;

/// <summary>
/// Resolves the caller's data scope once per request from the unit they are bound to. The unit's path is read from the
/// database, not from the cookie, so a unit moved in the tree takes effect on the next request.
/// </summary>
public sealed class DataScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, RequestContext request, AppDbContext db)
    {
        request.Scope = DataScope.Nothing;
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            request.ActorId = AppClaims.UserIdOf(user);
            request.ActorName = user.Identity.Name ?? "?";
            var unitId = AppClaims.UnitIdOf(user);
            if (unitId is { } id)
            {
                var path = await db.Units.IgnoreQueryFilters().Where(u => u.Id == id)
                    .Select(u => u.Path).FirstOrDefaultAsync(http.RequestAborted);
                if (path is not null)
                {
                    var onlyMember = user.IsInRole(Roles.Member) && !IsReviewerOrAbove(user)
                        ? AppClaims.MemberIdOf(user) ?? Guid.Empty
                        : (Guid?)null;
                    request.Scope = DataScope.Subtree(path, onlyMember);
                }
            }
        }

        await next(http);
    }

    private static bool IsReviewerOrAbove(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.StandingCommittee) || user.IsInRole(Roles.OrganizationBoard)
        || user.IsInRole(Roles.InspectionCommittee) || user.IsInRole(Roles.BranchSecretary);
}
