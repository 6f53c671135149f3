using System.Security.Cryptography;

namespace Workflow.Web.Setup;

/// <summary>
/// The browser-side protections every response carries: a Content-Security-Policy (scripts only from this site or
/// with the request's nonce, no inline handlers, no framing, no plugins, forms and base URL only to this site),
/// nosniff, a same-origin referrer, and frame denial for older browsers. A response that sets its own policy (an
/// evidence download is sandboxed) keeps it; the Hangfire dashboard, whose pages carry inline scripts, gets the same
/// policy without the script restriction.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    /// <summary>This request's script nonce, for the few inline scripts a page needs.</summary>
    public static string Nonce(HttpContext http)
    {
        if (http.Items[NonceKey] is not string nonce)
        {
            nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            http.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    public static void UseSecurityHeaders(this WebApplication app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            var scripts = http.Request.Path.StartsWithSegments("/hangfire")
                ? "script-src 'self' 'unsafe-inline'"
                : $"script-src 'self' 'nonce-{Nonce(http)}'";
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = $"default-src 'self'; {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                    + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            }

            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(http);
    });
}
