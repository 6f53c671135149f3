using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Workflow.Web.Identity;

namespace Workflow.Web.EngineRest;

/// <summary>
/// HTTP Basic against the Identity users, for Camunda Modeler and external-task clients (Camunda's REST API uses the
/// same scheme). Failed passwords count towards lockout, exactly as on the login page. A verified credential is
/// remembered for one minute (keyed by a hash of the header): password hashing is deliberately slow (tens of
/// milliseconds), and a worker polling and completing tasks would otherwise pay it on every request. Each use of a
/// remembered credential still reads the user's security stamp and lockout (one indexed lookup): a changed password
/// or a locked account drops it at once, on every node. An unknown user name costs a password check too.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    UserManager<AppUser> users, SignInManager<AppUser> signIn, IMemoryCache cache, Identity.SignInTiming timing)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(1);

    public const string SchemeName = "Basic";

    private sealed record Remembered(Guid UserId, string? SecurityStamp, ClaimsPrincipal Principal);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, SchemeName, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return AuthenticateResult.NoResult();
        }

        var cacheKey = "basic:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(header.Parameter)));
        if (cache.TryGetValue(cacheKey, out Remembered? known) && known is not null)
        {
            var current = await users.FindByIdAsync(known.UserId.ToString());
            if (current is not null && current.SecurityStamp == known.SecurityStamp && !await users.IsLockedOutAsync(current))
            {
                return AuthenticateResult.Success(new AuthenticationTicket(known.Principal, SchemeName));
            }

            cache.Remove(cacheKey); // password changed, account locked or removed: check the credential again
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

        var user = userName.Length <= 256 ? await users.FindByNameAsync(userName) : null;
        if (user is null)
        {
            timing.SpendPasswordCheck(password);
            return AuthenticateResult.Fail("Tên đăng nhập hoặc mật khẩu không đúng.");
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            return AuthenticateResult.Fail(result.IsLockedOut ? "Tài khoản tạm bị khóa." : "Tên đăng nhập hoặc mật khẩu không đúng.");
        }

        var principal = new ClaimsPrincipal((await signIn.CreateUserPrincipalAsync(user)).Identities.First());
        cache.Set(cacheKey, new Remembered(user.Id, user.SecurityStamp, principal), Remember);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
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
