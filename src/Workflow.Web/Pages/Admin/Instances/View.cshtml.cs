using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Designer;
using Workflow.Web.Processes;

namespace Workflow.Web.Pages.Admin.Instances;

/// <summary>One instance: the diagram with its path, the activity tree, variables, journal, incidents; retry, cancel, edit a variable.</summary>
public sealed class ViewModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public string Key { get; private set; } = "";
    public int Version { get; private set; }
    public string State { get; private set; } = "";
    public string? BusinessKey { get; private set; }
    public string DefinitionId { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var row = await db.WfInstances.AsNoTracking().Where(i => i.Id == Id)
            .Select(i => new { i.DefinitionKey, i.DefinitionVersion, i.Status, i.BusinessKey, i.DefinitionId }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return NotFound();
        }

        (Key, Version, State, BusinessKey, DefinitionId) = (row.DefinitionKey, row.DefinitionVersion, ProcessOperations.StateName(row.Status), row.BusinessKey, row.DefinitionId);
        return Page();
    }
}
