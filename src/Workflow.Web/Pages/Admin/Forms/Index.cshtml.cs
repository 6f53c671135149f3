using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Web.Designer;

namespace Workflow.Web.Pages.Admin.Forms;

/// <summary>The task forms designed with form-js: latest version of each key; a new one starts in the editor.</summary>
public sealed class IndexModel(FormLibrary forms) : PageModel
{
    public List<FormDefinition> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await forms.LatestAsync(ct);
}
