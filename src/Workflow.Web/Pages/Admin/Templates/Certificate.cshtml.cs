using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Web.Awards;

namespace Workflow.Web.Pages.Admin.Templates;

/// <summary>
/// The certificate template's editor: text blocks (Scriban) and layout (border, emblem, QR code), with a live preview
/// drawn by the same code as the PDFs. The page script talks to /api/admin/certificate-template.
/// </summary>
public sealed class CertificateModel(CertificateTemplates templates) : PageModel
{
    public int Version { get; private set; }
    public string LayoutJson { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Version = await templates.LatestVersionAsync(ct);
        LayoutJson = (await templates.LayoutAsync(Version, ct)).ToJson();
    }
}
