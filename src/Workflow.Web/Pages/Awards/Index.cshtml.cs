using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Awards;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Org;

namespace Workflow.Web.Pages.Awards;

/// <summary>The award rounds and the proposals to the province the caller can see, and opening a round for their committee.</summary>
public sealed class IndexModel(AppDbContext db, OpenAwardRound open, TitleRounds titles, TimeProvider clock) : PageModel
{
    public IReadOnlyList<AwardRound> Rounds { get; private set; } = [];
    public IReadOnlyList<AwardProposal> Proposals { get; private set; } = [];
    public IReadOnlyList<TitleRound> TitleLists { get; private set; } = [];
    /// <summary>The unit whose emulation council the caller sits on (every unit for an Admin is chosen on the form).</summary>
    public Unit? CouncilUnit { get; private set; }
    /// <summary>The committees the caller may open a round for (their own; every committee for an Admin).</summary>
    public IReadOnlyList<Unit> Committees { get; private set; } = [];
    [BindProperty] public Guid IssuerUnitId { get; set; }
    [BindProperty] public int Year { get; set; }
    public string? Message { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year = VietnamTime.Today(clock).Year;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var round = await open.RunAsync(new OpenAwardRoundRequest(IssuerUnitId, Year), Actor.From(User), ct);
            this.Flash($"Đã mở đợt khen thưởng năm {round.Year} của {round.IssuerName}.");
            return Redirect($"/Awards/{round.Id}");
        }
        catch (DomainException ex)
        {
            Message = this.Say(ex.Text);
            Errors = ex.Errors;
            Response.StatusCode = ex.Status;
            await LoadAsync(ct);
            return Page();
        }
    }

    /// <summary>The council opens its yearly list of emulation titles, built from the year's ratings.</summary>
    public async Task<IActionResult> OnPostTitlesAsync(CancellationToken ct)
    {
        try
        {
            var round = await titles.OpenAsync(IssuerUnitId, Year, Actor.From(User), ct);
            this.Flash($"Đã lập danh sách danh hiệu thi đua năm {round.Year} của {round.UnitName}.");
            return Redirect($"/Awards/Titles/{round.Id}");
        }
        catch (DomainException ex)
        {
            Message = this.Say(ex.Text);
            Errors = ex.Errors;
            Response.StatusCode = ex.Status;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        TitleLists = await db.TitleRounds.AsNoTracking().OrderByDescending(r => r.Year).ThenBy(r => r.UnitName).Take(200).ToListAsync(ct);
        Rounds = await db.AwardRounds.AsNoTracking().OrderByDescending(r => r.Year).ThenBy(r => r.IssuerName).Take(200).ToListAsync(ct);
        Proposals = await db.AwardProposals.AsNoTracking().OrderByDescending(p => p.CreatedAtUtc).Take(200).ToListAsync(ct);
        var actor = Actor.From(User);
        CouncilUnit = (actor.IsInRole(Roles.EmulationCouncil) || actor.IsInRole(Roles.EmulationCouncilHead)) && actor.UnitId is { } council
            ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == council, ct)
            : null;
        Committees = actor.IsAdmin
            ? await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Province || u.Kind == UnitKind.DirectCommittee || u.Kind == UnitKind.GrassrootsCommittee)
                .Where(u => u.ValidTo == null).OrderBy(u => u.Depth).ThenBy(u => u.SortOrder).Take(500).ToListAsync(ct)
            : (actor.IsInRole(Roles.StandingCommittee) || actor.IsInRole(Roles.OrganizationBoard)) && actor.UnitId is { } unit
                ? await db.Units.AsNoTracking().Where(u => u.Id == unit).ToListAsync(ct)
                : [];
    }
}
