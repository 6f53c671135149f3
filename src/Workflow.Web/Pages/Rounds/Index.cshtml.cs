using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Ratings;

namespace Workflow.Web.Pages.Rounds;

/// <summary>The rounds the user can see (their subtree's and those above it), newest first.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<(RatingRound Round, string Unit)> Rounds { get; private set; } = [];

    public bool CanOpen => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.StandingCommittee);

    public async Task OnGetAsync()
    {
        var rounds = await db.Rounds.AsNoTracking().Include(r => r.RuleSet).OrderByDescending(r => r.Year).ThenByDescending(r => r.CreatedAtUtc).Take(200).ToListAsync();
        var unitIds = rounds.Select(r => r.DecidingUnitId).Distinct().ToList();
        var names = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name);
        Rounds = rounds.Select(r => (r, names.GetValueOrDefault(r.DecidingUnitId, ""))).ToList();
    }
}
