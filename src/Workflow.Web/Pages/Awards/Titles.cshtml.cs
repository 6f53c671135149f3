using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Awards;
using Workflow.Web.Data;
using Workflow.Web.Localization;

namespace Workflow.Web.Pages.Awards;

/// <summary>
/// A unit's yearly emulation titles: the counts, the rules' problems named with their numbers, the lists per title page
/// by page (the council raises a Lao động tiên tiến to Chiến sĩ thi đua cơ sở, a Tập thể lao động tiên tiến to
/// Tập thể lao động xuất sắc, or takes a title off), and the head's decision.
/// </summary>
public sealed class TitlesModel(AppDbContext db, TitleRounds titles, TimeProvider clock) : Shared.CommandPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public EmulationTitle Title { get; set; } = EmulationTitle.AdvancedCollective;
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public DateOnly? DecidedOn { get; set; }
    [BindProperty] public string? SignerName { get; set; }
    [BindProperty] public string? SignerTitle { get; set; }

    public TitleRoundView View { get; private set; } = null!;
    public IReadOnlyList<TitleLine> Lines { get; private set; } = [];
    /// <summary>For the lines shown: who also holds the higher title (CSTĐCS over LĐTT, TTLĐXS over TTLĐTT).</summary>
    public IReadOnlySet<Guid> Raised { get; private set; } = new HashSet<Guid>();
    public Shared.PageInfo Paging { get; private set; } = new(1, PageSize, 0);
    public bool CanChange { get; private set; }
    public bool CanDecide { get; private set; }

    public static EmulationTitle? Higher(EmulationTitle title) => title switch
    {
        EmulationTitle.AdvancedWorker => EmulationTitle.EmulationFighter,
        EmulationTitle.AdvancedCollective => EmulationTitle.ExcellentCollective,
        _ => null,
    };

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

    /// <summary>The page's rows as posted: each subject keeps its title unless unticked; the higher title follows its box.</summary>
    public Task<IActionResult> OnPostChangeAsync(CancellationToken ct) => RunAsync(async actor =>
    {
        var changes = new List<TitleChange>();
        foreach (var key in Request.Form.Keys.Where(k => k.StartsWith("row-", StringComparison.Ordinal)))
        {
            if (!Guid.TryParse(key["row-".Length..], out var subject))
            {
                continue;
            }

            changes.Add(new TitleChange(Title, subject, Request.Form["keep-" + subject] == "true"));
            if (Higher(Title) is { } higher)
            {
                changes.Add(new TitleChange(higher, subject, Request.Form["raise-" + subject] == "true"));
            }
        }

        await titles.ChangeAsync(Id, Version, changes, actor, ct);
        return "Đã lưu danh sách.";
    }, () => $"/Awards/Titles/{Id}?title={Title}&p={PageNumber ?? 1}", LoadAsync, ct);

    public Task<IActionResult> OnPostDecideAsync(CancellationToken ct) => RunAsync(async actor =>
    {
        var round = await titles.DecideAsync(Id, new DecideTitlesRequest(Version, Number, DecidedOn, SignerName, SignerTitle), actor, ct);
        return $"Đã ban hành Quyết định công nhận danh hiệu thi đua số {round.Number}.";
    }, () => $"/Awards/Titles/{Id}?title={Title}&p={PageNumber ?? 1}", LoadAsync, ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        View = await titles.ViewAsync(Id, ct);
        var actor = Actor.From(User);
        CanChange = !View.Round.Decided && TitleRounds.IsCouncil(actor, View.Round.UnitId);
        CanDecide = !View.Round.Decided && (actor.IsAdmin || actor.Is(Roles.EmulationCouncilHead, View.Round.UnitId));
        Version = View.Round.Version;
        if (Title is EmulationTitle.EmulationFighter or EmulationTitle.ExcellentCollective)
        {
            Title = Title == EmulationTitle.EmulationFighter ? EmulationTitle.AdvancedWorker : EmulationTitle.AdvancedCollective;
        }

        var query = db.TitleLines.AsNoTracking().Where(l => l.RoundId == Id && l.Title == Title);
        Paging = Shared.PageInfo.For(PageNumber, PageSize, await query.CountAsync(ct));
        Lines = await query.OrderBy(l => l.UnitPath).ThenBy(l => l.SubjectName).Skip(Paging.Skip).Take(PageSize).ToListAsync(ct);
        var ids = Lines.Select(l => l.SubjectId).ToList();
        var higher = Higher(Title);
        Raised = (await db.TitleLines.AsNoTracking().Where(l => l.RoundId == Id && l.Title == higher && ids.Contains(l.SubjectId)).Select(l => l.SubjectId).ToListAsync(ct)).ToHashSet();
    }
}
