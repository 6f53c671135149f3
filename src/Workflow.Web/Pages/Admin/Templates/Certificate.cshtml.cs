using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Awards;
using Workflow.Web.Data;

namespace Workflow.Web.Pages.Admin.Templates;

/// <summary>
/// The certificate template's editor: text blocks (Scriban) and layout (border, emblem, QR code), with a live preview
/// drawn by the same code as the PDFs. The page script talks to /api/admin/certificate-template. With ?kind=CODE it
/// edits that award kind's own template, starting from the shared one until it is saved once.
/// </summary>
public sealed class CertificateModel(CertificateTemplates templates, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    public string? KindName { get; private set; }
    public int Version { get; private set; }
    public string LayoutJson { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Kind))
        {
            Kind = Kind.Trim().ToUpperInvariant();
            KindName = await db.AwardRules.AsNoTracking().Where(k => k.Code == Kind && k.IsCurrent).Select(k => k.Name).FirstOrDefaultAsync(ct);
            if (KindName is null)
            {
                return NotFound();
            }

            var key = CertificateTemplates.KeyOf(Kind);
            Version = await templates.LatestVersionAsync(key, ct);
            LayoutJson = (Version > 0 ? await templates.LayoutAsync(key, Version, ct) : await templates.LayoutAsync(await templates.LatestVersionAsync(ct), ct)).ToJson();
            return Page();
        }

        Kind = null;
        Version = await templates.LatestVersionAsync(ct);
        LayoutJson = (await templates.LayoutAsync(Version, ct)).ToJson();
        return Page();
    }
}
