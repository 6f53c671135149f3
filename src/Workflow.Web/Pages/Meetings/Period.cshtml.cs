using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Meetings;
using Workflow.Web.Pages.Shared;

namespace Workflow.Web.Pages.Meetings;

/// <summary>One period: the branches of the caller's part of the tree with their scores, paged; confirmers confirm in bulk.</summary>
public sealed class PeriodModel(AppDbContext db, ConfirmMeetingScores confirm) : PageModel
{
    public const int PageSize = 50;

    public MeetingPeriod Period { get; private set; } = null!;
    public IReadOnlyList<MeetingScore> Rows { get; private set; } = [];
    public PageInfo Paging { get; private set; } = new(1, PageSize, 0);
    [BindProperty(SupportsGet = true)] public MeetingScoreStatus? Status { get; set; }
    [BindProperty] public List<Guid> Selected { get; set; } = [];

    public Actor Actor => Actor.From(User);

    public bool CanConfirmAny => Rows.Any(r => r.Status == MeetingScoreStatus.Submitted && MeetingAccess.CanConfirm(Actor, r.ConfirmerUnitId));

    public async Task<IActionResult> OnGetAsync(Guid id, int? p, CancellationToken ct)
    {
        var period = await db.MeetingPeriods.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (period is null)
        {
            return NotFound();
        }

        Period = period;
        var query = db.MeetingScores.AsNoTracking().Where(s => s.PeriodId == id);
        query = Status is { } status ? query.Where(s => s.Status == status) : query;
        Paging = PageInfo.For(p, PageSize, await query.CountAsync(ct));
        Rows = await query.OrderBy(s => s.UnitPath).Skip(Paging.Skip).Take(PageSize).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var (confirmed, refused) = await confirm.RunAsync(Selected, Actor, ct);
            this.Flash(refused.Count == 0
                ? (Message)$"Đã xác nhận {confirmed:N0} chi bộ."
                : $"Đã xác nhận {confirmed:N0} chi bộ; {refused.Count:N0} phiếu chưa xác nhận được: {string.Join("; ", refused.Select(r => r.Reason).Distinct())}");
        }
        catch (DomainException ex)
        {
            this.Flash(ex.Text);
        }

        return Redirect($"/Meetings/Period/{id}" + (Status is { } s ? $"?status={s}" : ""));
    }
}
