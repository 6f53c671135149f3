using Hangfire.Dashboard;

namespace Workflow.Web.Jobs;

/// <summary>
/// The Hangfire dashboard is for the Admin role only. The default filter allows local requests only, which both
/// lets any local user in and refuses every request under TestServer; a role check is what we mean.
/// </summary>
public sealed class AdminDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        // Anonymous callers never get here: the fallback policy sends them to the login page first.
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin);
    }
}
