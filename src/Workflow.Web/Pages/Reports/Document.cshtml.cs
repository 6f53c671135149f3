using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Web.Localization;
using Workflow.Web.Reports;
using Workflow.Web.Templates;

namespace Workflow.Web.Pages.Reports;

/// <summary>The year-end report's text, from the admin-editable "year-report" template, as a printable A4 page (and its .docx).</summary>
public sealed class DocumentModel(YearReports reports, ReportDocuments documents) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int Year { get; set; }

    public YearReport? Report { get; private set; }
    public string BodyHtml { get; private set; } = "";
    public string? TemplateError { get; private set; }
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Report = await reports.BuildAsync(Unit, Year, Actor.From(User), ct);
            BodyHtml = DocumentMarkup.ToHtml(await documents.RenderAsync(Report, ct));
        }
        catch (DomainException ex) when (ex.Status == 404)
        {
            return NotFound();
        }
        catch (DomainException ex)
        {
            Refusal = this.Say(ex.Text);
            Response.StatusCode = ex.Status;
        }
        catch (TemplateException ex)
        {
            TemplateError = ex.Message + " " + string.Join("; ", ex.Problems);
        }

        return Page();
    }
}
