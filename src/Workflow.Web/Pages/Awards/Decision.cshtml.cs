using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Awards;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Templates;

namespace Workflow.Web.Pages.Awards;

/// <summary>A Quyết định khen thưởng as a printable A4 page (from the admin-editable template) and a .docx, with its certificates.</summary>
public sealed class DecisionModel(AwardDecisionDocuments documents, AppDbContext db, CertificateRevocation revocation) : PageModel
{
    public const int PageSize = 50;

    public AwardDecision Decision { get; private set; } = null!;
    public string BodyHtml { get; private set; } = "";
    public string? TemplateError { get; private set; }
    public IReadOnlyList<Certificate> Certificates { get; private set; } = [];
    public Shared.PageInfo Paging { get; private set; } = new(1, PageSize, 0);
    public Guid? RoundId { get; private set; }

    public bool CanRevoke(Certificate certificate) =>
        User.IsInRole(Roles.Admin) || (User.IsInRole(Roles.StandingCommittee) && AppClaims.UnitIdOf(User) == certificate.IssuerUnitId);

    public async Task<IActionResult> OnGetAsync(Guid id, int? p, CancellationToken ct)
    {
        try
        {
            var (decision, blocks) = await documents.RenderAsync(id, ct);
            Decision = decision;
            BodyHtml = DocumentMarkup.ToHtml(blocks);
            RoundId = await db.AwardRounds.AnyAsync(r => r.Id == decision.RoundId, ct) ? decision.RoundId : null;
            var readable = CertificateQueries.ReadableLines(db);
            var mine = db.Certificates.AsNoTracking().Where(c => c.DecisionId == id && readable.Contains(c.FileId));
            Paging = Shared.PageInfo.For(p, PageSize, await mine.CountAsync(ct));
            Certificates = await mine.OrderBy(c => c.SerialKind).ThenBy(c => c.Serial).Skip(Paging.Skip).Take(PageSize).ToListAsync(ct);
            return Page();
        }
        catch (DomainException ex) when (ex.Status == 404)
        {
            return NotFound();
        }
        catch (TemplateException ex)
        {
            TemplateError = ex.Message + " " + string.Join("; ", ex.Problems);
            Decision = await db.AwardDecisions.AsNoTracking().FirstAsync(d => d.Id == id, ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnGetDocxAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var (decision, blocks) = await documents.RenderAsync(id, ct);
            return File(DocumentMarkup.ToDocx(blocks), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                FileNames.Safe($"Quyết định khen thưởng {decision.Number}") + ".docx");
        }
        catch (DomainException ex) when (ex.Status == 404)
        {
            return NotFound();
        }
    }

    /// <summary>Revokes one certificate with a reason (the issuer's standing committee or an Admin); the record and /verify say so at once.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid certificateId, string? reason, CancellationToken ct)
    {
        try
        {
            await revocation.RevokeAsync(certificateId, reason, Actor.From(User), ct);
            this.Flash("Đã thu hồi.");
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

        return Redirect($"/Awards/Decisions/{id}");
    }
}
