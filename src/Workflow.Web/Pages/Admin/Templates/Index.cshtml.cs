using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Web.Ratings;
using Workflow.Web.Templates;

namespace Workflow.Web.Pages.Admin.Templates;

/// <summary>The Decision template: edit with a live preview on sample data; a broken template is refused with its errors.</summary>
public sealed class IndexModel(DocumentRenderer renderer) : PageModel
{
    [BindProperty] public string? Text { get; set; }
    public string PreviewHtml { get; private set; } = "";
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Text = await renderer.TemplateTextAsync(DefaultTemplates.Decision, ct);
        Preview();
    }

    private void Preview()
    {
        try
        {
            PreviewHtml = DocumentMarkup.ToHtml(DocumentMarkup.Parse(DocumentRenderer.Render(Text ?? "", DecisionDocuments.SampleModel())));
            Problems = [];
        }
        catch (TemplateException ex)
        {
            Problems = [ex.Message, .. ex.Problems];
        }
    }

    /// <summary>The live preview: the rendered sample as an HTML fragment, or the errors.</summary>
    public IActionResult OnPostPreview()
    {
        Preview();
        return Problems.Count > 0
            ? new ContentResult { StatusCode = 400, ContentType = "text/plain; charset=utf-8", Content = string.Join("\n", Problems) }
            : Content(PreviewHtml, "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        try
        {
            var saved = await renderer.SaveAsync(DefaultTemplates.Decision, Text ?? "", DecisionDocuments.SampleModel(), User.Identity?.Name ?? "", ct);
            TempData["Message"] = $"Đã lưu mẫu quyết định, phiên bản {saved.Version}.";
            return Redirect("/Admin/Templates");
        }
        catch (TemplateException ex)
        {
            Problems = [ex.Message, .. ex.Problems];
            Response.StatusCode = 400;
            return Page();
        }
    }

    public IActionResult OnPostReset()
    {
        Text = DefaultTemplates.DecisionText;
        Preview();
        return Page();
    }
}
