using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Workflow.Web.Identity;

namespace Workflow.Web.EngineRest;

/// <summary>
/// HTTP Basic against the Identity users, for Camunda Modeler and external-task clients (Camunda's REST API uses the
/// same scheme). Failed passwords count towards lockout, exactly as on the login page.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    UserManager<AppUser> users, SignInManager<AppUser> signIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, SchemeName, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return AuthenticateResult.NoResult();
        }

        string userName, password;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return AuthenticateResult.Fail("Thông tin đăng nhập Basic không hợp lệ.");
            }

            (userName, password) = (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("Thông tin đăng nhập Basic không hợp lệ.");
        }

        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return AuthenticateResult.Fail("Tên đăng nhập hoặc mật khẩu không đúng.");
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            return AuthenticateResult.Fail(result.IsLockedOut ? "Tài khoản tạm bị khóa." : "Tên đăng nhập hoặc mật khẩu không đúng.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(principal.Identities.First()), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"engine-rest\", charset=\"UTF-8\"";
        return Response.WriteAsJsonAsync(new { type = "AuthenticationException", message = "Cần đăng nhập (HTTP Basic hoặc phiên đăng nhập)." }, RestJson.Options);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Response.WriteAsJsonAsync(new { type = "AuthorizationException", message = "Bạn không có quyền thực hiện thao tác này." }, RestJson.Options);
    }
}
