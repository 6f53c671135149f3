using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Web.Designer;
using Workflow.Web.Localization;

namespace Workflow.Web.Pages.Admin.Processes;

/// <summary>Every process: latest published version, draft, running instances, incidents; start a new one or import a file.</summary>
public sealed class IndexModel(ProcessDesigner designer) : PageModel
{
    public List<ProcessRow> Rows { get; private set; } = [];

    [BindProperty] public string? NewKey { get; set; }
    [BindProperty] public string? NewName { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Rows = await designer.ListAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        try
        {
            var key = await designer.CreateAsync(NewKey, NewName, User.Identity?.Name ?? "", ct);
            return RedirectToPage("Edit", new { key });
        }
        catch (DomainException e)
        {
            Error = this.Say(e.Text);
            Rows = await designer.ListAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        try
        {
            if (file is null || file.Length == 0)
            {
                throw DomainException.Invalid("Chưa chọn tệp .bpmn để nhập.");
            }

            if (file.Length > ProcessDesigner.MaxBytes)
            {
                throw DomainException.Invalid($"Tệp quá lớn (giới hạn {ProcessDesigner.MaxBytes / 1024 / 1024} MB).");
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var (key, _) = await designer.ImportAsync(buffer.ToArray(), User.Identity?.Name ?? "", ct);
            return RedirectToPage("Edit", new { key });
        }
        catch (DomainException e)
        {
            Error = this.Say(e.Text);
            Rows = await designer.ListAsync(ct);
            return Page();
        }
    }
}
