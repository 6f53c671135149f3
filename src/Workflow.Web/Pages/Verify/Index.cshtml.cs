using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Web.Awards;

namespace Workflow.Web.Pages.Verify;

/// <summary>
/// The public check behind a certificate's QR code: genuine or not, valid or revoked, and only what the certificate
/// itself shows (recipient, unit, award, decision, issuer). No sign-in.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(CertificateQueries certificates) : PageModel
{
    public Certificate? Certificate { get; private set; }
    public string? Code { get; private set; }

    public async Task OnGetAsync(string? code, CancellationToken ct)
    {
        Code = code;
        Certificate = await certificates.FindByCodeAsync(code, ct);
        Response.Headers["X-Robots-Tag"] = "noindex";
    }
}
