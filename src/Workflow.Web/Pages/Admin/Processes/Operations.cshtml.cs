using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.Pages.Admin.Processes;

/// <summary>One process version in operation: counts on the diagram and the heatmap of time spent per element.</summary>
public sealed class OperationsModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";

    public string Key { get; private set; } = "";
    public int Version { get; private set; }
    public string? Name { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var definition = await db.WfDefinitions.AsNoTracking().Where(d => d.Id == Id).Select(d => new { d.Key, d.Version, d.Name }).FirstOrDefaultAsync(ct);
        if (definition is null)
        {
            return NotFound();
        }

        (Key, Version, Name) = (definition.Key, definition.Version, definition.Name);
        return Page();
    }
}
