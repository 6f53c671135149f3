using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Web.Awards;
using Workflow.Web.Localization;
using Workflow.Web.Ratings;
using Workflow.Web.Templates;

namespace Workflow.Web.Pages.Decisions;

/// <summary>A Decision as a printable A4 page (from the admin-editable template) and as a .docx download.</summary>
public sealed class IndexModel(DecisionDocuments documents, Data.AppDbContext db, Workflow.Web.Awards.CertificateRevocation certificates) : PageModel
{
    /// <summary>The issuer's standing committee (or an Admin) revokes its certificates and annuls a revocation.</summary>
    public bool CanRevoke(Workflow.Web.Awards.Certificate certificate) =>
        User.IsInRole(Roles.Admin)
        || (User.IsInRole(Roles.StandingCommittee) && AppClaims.UnitIdOf(User) == certificate.IssuerUnitId);

    /// <summary>Revokes one certificate with a reason; the verification page says so at once.</summary>
    public Task<IActionResult> OnPostRevokeAsync(Guid id, Guid certificateId, string? reason, CancellationToken ct) =>
        ChangeAsync(id, () => certificates.RevokeAsync(certificateId, reason, Actor.From(User), ct), "Đã thu hồi giấy khen.");

    /// <summary>Annuls a revocation found wrong, with a reason; the register keeps both.</summary>
    public Task<IActionResult> OnPostAnnulAsync(Guid id, Guid certificateId, string? reason, CancellationToken ct) =>
        ChangeAsync(id, () => certificates.AnnulRevocationAsync(certificateId, reason, Actor.From(User), ct), "Đã hủy việc thu hồi; giấy khen có hiệu lực trở lại.");

    private async Task<IActionResult> ChangeAsync(Guid id, Func<Task> change, string done)
    {
        try
        {
            await change();
            this.Flash(done);
        }
        catch (DomainException ex) when (ex.Status == 404)
        {
            return NotFound();
        }
        catch (DomainException ex) when (ex.Status == 403)
        {
            return Forbid();
        }
        catch (DomainException ex)
        {
            this.Flash(ex.Text);
        }

        return RedirectToPage(new { id });
    }

    /// <summary>The certificates this decision earned, of the subjects the caller may read (issued in the background).</summary>
    public IReadOnlyList<Workflow.Web.Awards.Certificate> Certificates { get; private set; } = [];

    public Decision Decision { get; private set; } = null!;
    public string BodyHtml { get; private set; } = "";
    public string? TemplateError { get; private set; }

    public const int PageSize = 50;

    public Pages.Shared.PageInfo Paging { get; private set; } = new(1, PageSize, 0);

    public async Task<IActionResult> OnGetAsync(Guid id, int? p, CancellationToken ct)
    {
        try
        {
            var (decision, blocks) = await documents.RenderAsync(id, ct);
            Decision = decision;
            BodyHtml = DocumentMarkup.ToHtml(blocks);
            var readable = db.Files.Select(f => f.Id);
            var mine = db.Certificates.Where(c => c.DecisionId == id && readable.Contains(c.FileId));
            Paging = Pages.Shared.PageInfo.For(p, PageSize, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(mine, ct));
            Certificates = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                mine.OrderBy(c => c.Serial).Skip(Paging.Skip).Take(PageSize), ct);
            return Page();
        }
        catch (DomainException ex) when (ex.Status == 404)
        {
            return NotFound();
        }
        catch (TemplateException ex)
        {
            TemplateError = ex.Message + " " + string.Join("; ", ex.Problems);
            return Page();
        }
    }

    public async Task<IActionResult> OnGetDocxAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var (decision, blocks) = await documents.RenderAsync(id, ct);
            var name = FileNames.Safe($"Quyết định {decision.Number}") + ".docx";
            return File(DocumentMarkup.ToDocx(blocks), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
        }
        catch (DomainException ex) when (ex.Status == 404)
        {
            return NotFound();
        }
    }
}
