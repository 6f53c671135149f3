using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Designer;
using Workflow.Web.Processes;

namespace Workflow.Web.Pages.Admin.Processes;

/// <summary>The modeler for one process key (the draft, else the latest version); the script does the rest over /api/admin.</summary>
public sealed class EditModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";

    public string? Name { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var draft = await db.ProcessDrafts.AsNoTracking().Where(d => d.Key == Key).Select(d => new { d.Name }).FirstOrDefaultAsync(ct);
        var latest = await db.WfDefinitions.AsNoTracking().Where(d => d.Key == Key).OrderByDescending(d => d.Version).Select(d => new { d.Name }).FirstOrDefaultAsync(ct);
        if (draft is null && latest is null)
        {
            return NotFound();
        }

        Name = draft?.Name ?? latest?.Name;
        return Page();
    }
}
