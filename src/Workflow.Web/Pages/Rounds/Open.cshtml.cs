using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Org;
using Workflow.Web.Ratings;

namespace Workflow.Web.Pages.Rounds;

/// <summary>Opening a round: year, rule set, deciding unit, subject types and calendar (Việt Nam time).</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.StandingCommittee)]
public sealed class OpenModel(AppDbContext db, OpenRound open, TimeProvider clock) : PageModel
{
    [BindProperty] public int Year { get; set; }
    [BindProperty] public Guid RuleSetId { get; set; }
    [BindProperty] public Guid DecidingUnitId { get; set; }
    [BindProperty] public List<SubjectType> SubjectTypes { get; set; } = [SubjectType.GrassrootsOrganization];
    [BindProperty] public DateTime? SelfAssessmentDue { get; set; }
    [BindProperty] public DateTime? ReviewDue { get; set; }
    [BindProperty] public DateTime? DecisionDue { get; set; }
    [BindProperty] public int ComplaintDays { get; set; } = 15;
    [BindProperty] public string? Name { get; set; }

    public IReadOnlyList<RuleSet> RuleSets { get; private set; } = [];
    public IReadOnlyList<Shared.UnitChoice> Units { get; private set; } = [];

    public async Task OnGetAsync()
    {
        // December under a deadline: the year being rated is the current one, the calendar defaults follow DOMAIN.md.
        var today = Localization.VietnamTime.Today(clock);
        Year = today.Month >= 10 ? today.Year : today.Year - 1;
        SelfAssessmentDue = new DateTime(Year, 12, 10, 17, 0, 0);
        ReviewDue = new DateTime(Year, 12, 20, 17, 0, 0);
        DecisionDue = new DateTime(Year, 12, 28, 17, 0, 0);
        DecidingUnitId = AppClaims.UnitIdOf(User) ?? Guid.Empty;
        await LoadAsync();
        RuleSetId = RuleSets.Where(r => r.AppliesTo(Year)).OrderByDescending(r => r.Version).Select(r => r.Id).FirstOrDefault();
        if (!Units.Any(u => u.Selected) && Units.Count > 0)
        {
            DecidingUnitId = Units[0].Id;
            Units = [Units[0] with { Selected = true }, .. Units.Skip(1)];
        }
    }

    private async Task LoadAsync()
    {
        RuleSets = await db.RuleSets.AsNoTracking().OrderBy(r => r.FromYear).ThenBy(r => r.Version).ToListAsync();
        Units = await Shared.UnitOptions.LoadAsync(db, DecidingUnitId == Guid.Empty ? null : DecidingUnitId,
            filter: q => q.Where(u => u.Kind == UnitKind.Province || u.Kind == UnitKind.DirectCommittee || u.Kind == UnitKind.GrassrootsCommittee));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var round = await open.RunAsync(new OpenRoundRequest(Name, Year, RuleSetId, DecidingUnitId, SubjectTypes, SelfAssessmentDue, ReviewDue, DecisionDue, ComplaintDays),
                Actor.From(User), ct);
            return Redirect($"/Rounds/Details/{round.Id}");
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError("", this.Say(ex.Text));
            foreach (var e in ex.Errors)
            {
                ModelState.AddModelError(char.ToUpperInvariant(e.Field[0]) + e.Field[1..], this.Say(e.Message));
            }

            await LoadAsync();
            return Page();
        }
    }
}
