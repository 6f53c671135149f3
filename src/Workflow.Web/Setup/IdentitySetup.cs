using Microsoft.AspNetCore.Identity;
using Workflow.Web.Data;
using Workflow.Web.Identity;

namespace Workflow.Web.Setup;

public static class IdentitySetup
{
    public const string AdminPolicy = "Admin";
    public const string ReviewerPolicy = "Reviewer";

    /// <summary>
    /// ASP.NET Core Identity with EF Core stores and a cookie. Every endpoint requires a signed-in user unless it says
    /// otherwise (fallback policy), so a forgotten attribute fails closed. Data visibility is not decided here but by
    /// <see cref="DataScope"/>, applied once in the DbContext.
    /// </summary>
    public static void AddIdentityAndAccess(this WebApplicationBuilder builder)
    {
        var lockout = builder.Configuration.GetSection("Identity:Lockout");
        builder.Services
            .AddIdentity<AppUser, AppRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = lockout.GetValue("MaxFailedAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(lockout.GetValue("Minutes", 15));
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddErrorDescriber<VietnameseIdentityErrors>();

        builder.Services.AddSingleton<SignInTiming>();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "wf.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the site is served over HTTPS (behind a proxy, once forwarded headers say so).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Honest status codes: a forbidden page is a 403 (rendered by the status-code page), and API callers get
            // 401/403 instead of a redirect to an HTML login form.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return ctx.Request.Path.StartsWithSegments("/api")
                    ? ApiErrors.WriteAsync(ctx.HttpContext, StatusCodes.Status403Forbidden, "Bạn không có quyền thực hiện thao tác này.")
                    : Task.CompletedTask;
            };
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (IsApi(ctx.Request))
                {
                    ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return ctx.Request.Path.StartsWithSegments("/api")
                        ? ApiErrors.WriteAsync(ctx.HttpContext, StatusCodes.Status401Unauthorized, "Cần đăng nhập.")
                        : Task.CompletedTask;
                }

                ctx.Response.Redirect(ctx.RedirectUri);
                return Task.CompletedTask;
            };
        });

        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(ReviewerPolicy, p => p.RequireRole(
                Roles.Admin, Roles.StandingCommittee, Roles.OrganizationBoard, Roles.InspectionCommittee,
                Roles.BranchSecretary));
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/engine-rest") || request.Path.StartsWithSegments("/hubs");
}
