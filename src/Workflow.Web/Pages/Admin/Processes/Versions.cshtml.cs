using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Web.Designer;

namespace Workflow.Web.Pages.Admin.Processes;

/// <summary>Every published version of a process, one shown read-only, or two compared side by side (bpmn-js-differ).</summary>
public sealed class VersionsModel(ProcessDesigner designer) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "v")] public int? Version { get; set; }
    [BindProperty(SupportsGet = true)] public int? Compare { get; set; }

    public List<VersionRow> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Versions = await designer.VersionsAsync(Key, ct);
        if (Versions.Count == 0)
        {
            return NotFound();
        }

        if (Version is null || Versions.All(v => v.Version != Version))
        {
            Version = Versions[0].Version;
        }

        if (Compare == Version || (Compare is { } c && Versions.All(v => v.Version != c)))
        {
            Compare = null;
        }

        return Page();
    }
}
