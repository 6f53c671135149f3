using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Awards;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Org;
using Workflow.Web.Processes;

namespace Workflow.Web.Pages.Awards;

/// <summary>
/// An award round: the groups with their limits, the candidates of one kind and group page by page, nominations, the
/// board's proposal and the standing committee's selection with a live meter, the decision and the proposal up.
/// </summary>
public sealed class RoundModel(
    AppDbContext db, AwardRoundQueries queries, NominateCandidate nominate, ProposeAwards propose, SaveAwardSelection saveSelection, SelectAwards select,
    TimeProvider clock) : Shared.CommandPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Group { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public DateOnly? DecidedOn { get; set; }
    [BindProperty] public string? SignerName { get; set; }
    [BindProperty] public string? SignerTitle { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? NominationKind { get; set; }
    [BindProperty] public Guid? NominationUnit { get; set; }
    [BindProperty] public Guid? NominationMember { get; set; }
    [BindProperty] public string? Achievement { get; set; }

    public AwardRoundView View { get; private set; } = null!;
    public AwardGroup? Current { get; private set; }
    /// <summary>The groups listed: those with candidates, and the movements while nominations are open.</summary>
    public IReadOnlyList<AwardGroup> Shown { get; private set; } = [];
    public IReadOnlyList<AwardCandidate> Candidates { get; private set; } = [];
    public Shared.PageInfo Paging { get; private set; } = new(1, PageSize, 0);
    /// <summary>Selected candidates of the current group that are not on this page (the meter adds this page's ticks to them).</summary>
    public int SelectedElsewhere { get; private set; }
    public IReadOnlyList<AwardRule> NominationKinds { get; private set; } = [];
    public IReadOnlyList<Unit> NominableUnits { get; private set; } = [];
    public IReadOnlyList<PartyMember> NominableMembers { get; private set; } = [];

    public bool CanPropose { get; private set; }
    public bool CanSelect { get; private set; }
    public bool CanNominate { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            await LoadAsync(ct);
        }
        catch (DomainException ex) when (ex.Status == 404)
        {
            return NotFound();
        }

        DecidedOn ??= VietnamTime.Today(clock);
        SignerName ??= User.FindFirst(AppClaims.FullName)?.Value;
        return Page();
    }

    public Task<IActionResult> OnPostNominateAsync(CancellationToken ct) => RunAsync(async actor =>
    {
        var candidate = await nominate.RunAsync(Id, new NominationRequest(NominationKind, NominationMember is null ? NominationUnit : null, NominationMember, Achievement), actor, ct);
        return $"Đã đề cử {candidate.SubjectName}.";
    }, RoundUrl, LoadAsync, ct);

    public Task<IActionResult> OnPostProposeAsync(bool submit, CancellationToken ct) => RunAsync(async actor =>
    {
        var choices = new List<ProposalChoice>();
        foreach (var key in Request.Form.Keys.Where(k => k.StartsWith("row-", StringComparison.Ordinal)))
        {
            if (Guid.TryParse(key["row-".Length..], out var candidateId))
            {
                choices.Add(new ProposalChoice(candidateId, Request.Form["proposed-" + candidateId] == "true", Request.Form["reason-" + candidateId]));
            }
        }

        await propose.RunAsync(Id, new ProposeAwardsRequest(Version, choices, submit), actor, ct);
        return submit ? "Đã gửi đề xuất khen thưởng lên Ban Thường vụ." : "Đã lưu đề xuất.";
    }, RoundUrl, LoadAsync, ct);

    public Task<IActionResult> OnPostSelectAsync(string? action, CancellationToken ct) => RunAsync(async actor =>
    {
        var changes = Request.Form.Keys.Where(k => k.StartsWith("row-", StringComparison.Ordinal))
            .Select(k => Guid.TryParse(k["row-".Length..], out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)
            .Select(id => new SelectionChange(id, Request.Form["selected-" + id] == "true")).ToList();
        var round = await saveSelection.RunAsync(Id, Version, changes, actor, ct);
        if (action == "decide")
        {
            round = await select.RunAsync(Id, new SelectAwardsRequest(round.Version, "decide", null, Number, DecidedOn, SignerName, SignerTitle, null), actor, ct);
            return $"Đã ban hành Quyết định khen thưởng số {Number}; giấy khen đang được cấp.";
        }

        return "Đã lưu lựa chọn.";
    }, RoundUrl, LoadAsync, ct);

    public Task<IActionResult> OnPostReturnAsync(CancellationToken ct) => RunAsync(async actor =>
    {
        await select.RunAsync(Id, new SelectAwardsRequest(Version, "return", Reason, null, null, null, null, null), actor, ct);
        return "Đã trả lại Ban Tổ chức.";
    }, RoundUrl, LoadAsync, ct);

    private string RoundUrl() => $"/Awards/{Id}?kind={Uri.EscapeDataString(Kind ?? "")}&group={Group}&p={PageNumber ?? 1}";

    private async Task LoadAsync(CancellationToken ct)
    {
        View = await queries.ViewAsync(Id, ct);
        var actor = Actor.From(User);
        var task = View.OpenTaskId is { } taskId ? await db.WfTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct) : null;
        CanPropose = task is not null && View.OpenStep == AwardWorkflow.ProposalStep && TaskAccess.CanAct(task, actor);
        CanSelect = task is not null && View.OpenStep == AwardWorkflow.SelectionStep && TaskAccess.CanAct(task, actor)
            && (actor.IsAdmin || actor.Is(Roles.StandingCommittee, View.Round.IssuerUnitId));
        CanNominate = View.Round.Status == AwardRoundStatus.Proposing
            && (actor.IsAdmin || actor.IsInRole(Roles.BranchSecretary) || actor.Is(Roles.OrganizationBoard, View.Round.IssuerUnitId));
        Version = View.Round.Version;

        // Movements stay listed while nominations are open; afterwards only groups with someone in them.
        var visible = View.Groups.Where(g => g.Candidates > 0 || (g.Kind.Eligibility == AwardEligibility.Nomination && View.Round.Status == AwardRoundStatus.Proposing)).ToList();
        Shown = visible;
        Current = visible.FirstOrDefault(g => string.Equals(g.Kind.Code, Kind, StringComparison.OrdinalIgnoreCase) && g.Individuals == (Group == "individuals"))
            ?? visible.FirstOrDefault(g => g.Candidates > 0) ?? visible.FirstOrDefault();
        if (Current is { } current)
        {
            Kind = current.Kind.Code;
            Group = current.Individuals ? "individuals" : "collectives";
            var total = await queries.CandidateCountAsync(Id, current.Kind.Id, current.Individuals, ct);
            Paging = Shared.PageInfo.For(PageNumber, PageSize, total);
            Candidates = await queries.CandidatesAsync(Id, current.Kind.Id, current.Individuals, Paging.Skip, PageSize, ct);
            SelectedElsewhere = current.Selected - Candidates.Count(c => c.Selected);
        }

        if (CanNominate)
        {
            NominationKinds = View.Groups.Select(g => g.Kind).Where(k => k.Eligibility == AwardEligibility.Nomination && k.IsCurrent).DistinctBy(k => k.Id).ToList();
            var path = View.Round.IssuerPath;
            NominableUnits = await db.Units.AsNoTracking()
                .Where(u => u.Path.StartsWith(path) && u.Id != View.Round.IssuerUnitId && u.ValidTo == null && (actor.IsAdmin || actor.IsInRole(Roles.OrganizationBoard) || u.Id == actor.UnitId))
                .OrderBy(u => u.Path).Take(500).ToListAsync(ct);
            NominableMembers = actor.IsInRole(Roles.BranchSecretary) && actor.UnitId is { } own
                ? await db.Members.AsNoTracking().Where(m => m.UnitId == own && m.LeftOn == null).OrderBy(m => m.FullName).Take(500).ToListAsync(ct)
                : [];
        }
    }
}
