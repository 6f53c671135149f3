using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Meetings;

namespace Workflow.Web.Pages.Meetings;

/// <summary>Branch-meeting quality: the roll-up of a year per quarter, the periods, and (admins) opening one by hand.</summary>
public sealed class IndexModel(AppDbContext db, MeetingStatisticsReport report, OpenMeetingPeriod open, TimeProvider clock) : PageModel
{
    public sealed record PeriodRow(MeetingPeriod Period, int Total, int Submitted, int Confirmed);

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public int? OpenYear { get; set; }
    [BindProperty] public int? OpenMonth { get; set; }
    [BindProperty] public int? OpenMonths { get; set; }

    public IReadOnlyList<MeetingStatistics> Quarters { get; private set; } = [];
    public MeetingStatistics? WholeYear { get; private set; }
    public IReadOnlyList<PeriodRow> Periods { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public bool CanOpen => User.IsInRole(Roles.Admin);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime));
        Year ??= today.Year;
        OpenYear ??= today.Year;
        OpenMonth ??= today.Month;
        OpenMonths ??= 1;
        var quarters = new List<MeetingStatistics>();
        for (var q = 1; q <= 4; q++)
        {
            quarters.Add(await report.RunAsync(Year.Value, q, ct));
        }

        Quarters = quarters;
        WholeYear = await report.RunAsync(Year.Value, null, ct);
        Years = (await db.MeetingPeriods.AsNoTracking().Select(p => p.Year).Distinct().ToListAsync(ct)).Append(today.Year).Distinct().OrderDescending().ToList();
        var periods = await db.MeetingPeriods.AsNoTracking().OrderByDescending(p => p.Year).ThenByDescending(p => p.Month).Take(24).ToListAsync(ct);
        var ids = periods.Select(p => p.Id).ToList();
        var counts = await db.MeetingScores.AsNoTracking().Where(s => ids.Contains(s.PeriodId))
            .GroupBy(s => new { s.PeriodId, s.Status }).Select(g => new { g.Key.PeriodId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        Periods = periods.Select(p => new PeriodRow(p,
            counts.Where(c => c.PeriodId == p.Id).Sum(c => c.Count),
            counts.Where(c => c.PeriodId == p.Id && c.Status == MeetingScoreStatus.Submitted).Sum(c => c.Count),
            counts.Where(c => c.PeriodId == p.Id && c.Status == MeetingScoreStatus.Confirmed).Sum(c => c.Count))).ToList();
    }

    public async Task<IActionResult> OnPostOpenAsync(CancellationToken ct)
    {
        if (!CanOpen)
        {
            return Forbid();
        }

        try
        {
            var period = await open.RunAsync(OpenYear ?? 0, OpenMonth ?? 0, OpenMonths ?? 1, User.Identity?.Name ?? "", ct);
            this.Flash($"Đã mở kỳ {period.Label} cho {period.BranchCount:N0} chi bộ.");
            return Redirect($"/Meetings/Period/{period.Id}");
        }
        catch (DomainException ex)
        {
            TempData["Message"] = string.Join(" ", [this.Say(ex.Text), .. ex.Errors.Select(e => this.Say(e.Message))]);
            return RedirectToPage();
        }
    }
}
