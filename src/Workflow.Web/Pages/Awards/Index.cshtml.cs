using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Awards;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Org;

namespace Workflow.Web.Pages.Awards;

/// <summary>The award rounds and the proposals to the province the caller can see, and opening a round for their committee.</summary>
public sealed class IndexModel(AppDbContext db, OpenAwardRound open, TitleRounds titles, TimeProvider clock) : Shared.CommandPage
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

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year = VietnamTime.Today(clock).Year;
        await LoadAsync(ct);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var target = "/Awards";
        return RunAsync(async actor =>
        {
            var round = await open.RunAsync(new OpenAwardRoundRequest(IssuerUnitId, Year), actor, ct);
            target = $"/Awards/{round.Id}";
            return $"Đã mở đợt khen thưởng năm {round.Year} của {round.IssuerName}.";
        }, () => target, LoadAsync, ct);
    }

    /// <summary>The council opens its yearly list of emulation titles, built from the year's ratings.</summary>
    public Task<IActionResult> OnPostTitlesAsync(CancellationToken ct)
    {
        var target = "/Awards";
        return RunAsync(async actor =>
        {
            var round = await titles.OpenAsync(IssuerUnitId, Year, actor, ct);
            target = $"/Awards/Titles/{round.Id}";
            return $"Đã lập danh sách danh hiệu thi đua năm {round.Year} của {round.UnitName}.";
        }, () => target, LoadAsync, ct);
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
