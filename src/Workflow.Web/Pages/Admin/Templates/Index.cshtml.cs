using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Scriban.Runtime;
using Workflow.Web.Localization;
using Workflow.Web.Mail;
using Workflow.Web.Ratings;
using Workflow.Web.Templates;

namespace Workflow.Web.Pages.Admin.Templates;

/// <summary>
/// The text templates (the Decision document, the reminder and digest emails): edit with a live preview on sample data;
/// a template that does not render (a syntax error, an endless loop, an include, output too long) is refused with its
/// errors and nothing is saved. The certificate has its own editor (layout and text).
/// </summary>
public sealed class IndexModel(DocumentRenderer renderer) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = DefaultTemplates.Decision;
    [BindProperty] public string? Text { get; set; }
    public string PreviewHtml { get; private set; } = "";
    public string? PreviewSubject { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public bool IsMail => !DefaultTemplates.IsDocument(Key);

    public string Variables => Key switch
    {
        DefaultTemplates.MailReminder => "recipient_name, task_name, subject_name, due, days_left, status, overdue, escalation, link, inbox_link",
        DefaultTemplates.MailDigest => "recipient_name, count, overdue_count, date, daily, inbox_link, items (task_name, subject_name, due, status, overdue, escalation, link)",
        DefaultTemplates.YearReport => Workflow.Web.Reports.ReportDocuments.Variables,
        DefaultTemplates.AwardDecision => "issuer, issuer_parent, number, date_line, year, proposer, sentence, proposal, last_article, signer_title, signer_name, groups (order, name, counts, individuals, items (order, name, unit, reason))",
        _ => "issuer, issuer_parent, number, date_line, year, subject_plural, rule_set, sentence, amends, signer_title, signer_name, items (order, name, level_code, level_name, reason)",
    };

    private ScriptObject Sample() => Key switch
    {
        DefaultTemplates.MailReminder => MailTemplates.SampleReminder(),
        DefaultTemplates.MailDigest => MailTemplates.SampleDigest(),
        DefaultTemplates.AwardDecision => Workflow.Web.Awards.AwardDecisionDocuments.SampleModel(),
        DefaultTemplates.YearReport => Workflow.Web.Reports.ReportDocuments.SampleModel(),
        _ => DecisionDocuments.SampleModel(),
    };

    private NotFoundResult? UnknownKey() => DefaultTemplates.Keys.Contains(Key) ? null : NotFound();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (UnknownKey() is { } missing)
        {
            return missing;
        }

        Text = await renderer.TemplateTextAsync(Key, ct);
        Preview();
        return Page();
    }

    private void Preview()
    {
        try
        {
            if (IsMail)
            {
                var mail = MailTemplates.Compile(Text ?? "").Render(Sample());
                PreviewSubject = mail.Subject;
                PreviewHtml = $"<p class=\"small text-secondary mb-2\">Tiêu đề: <strong>{MailTemplates.Encode(mail.Subject)}</strong></p>"
                    + MailTemplates.BodyFragment(mail.Text);
            }
            else
            {
                PreviewHtml = DocumentMarkup.ToHtml(DocumentMarkup.Parse(DocumentRenderer.Render(Text ?? "", Sample())));
            }

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
        if (UnknownKey() is { } missing)
        {
            return missing;
        }

        Preview();
        return Problems.Count > 0
            ? new ContentResult { StatusCode = 400, ContentType = "text/plain; charset=utf-8", Content = string.Join("\n", Problems) }
            : Content(PreviewHtml, "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (UnknownKey() is { } missing)
        {
            return missing;
        }

        try
        {
            if (IsMail)
            {
                _ = MailTemplates.Split(DocumentRenderer.Render(Text ?? "", Sample())); // a mail template needs its subject line
            }

            var saved = await renderer.SaveAsync(Key, Text ?? "", Sample(), User.Identity?.Name ?? "", ct);
            this.Flash($"Đã lưu mẫu \"{DefaultTemplates.Title(Key)}\", phiên bản {saved.Version}.");
            return Redirect($"/Admin/Templates?key={Uri.EscapeDataString(Key)}");
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
        if (UnknownKey() is { } missing)
        {
            return missing;
        }

        Text = DefaultTemplates.For(Key);
        Preview();
        return Page();
    }
}
