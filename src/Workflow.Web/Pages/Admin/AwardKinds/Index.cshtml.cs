using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Awards;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Ratings;

namespace Workflow.Web.Pages.Admin.AwardKinds;

/// <summary>
/// Award kinds (Admin): the kinds in force with their rules, one kind's versions, and a form that saves a new kind or a
/// new version of one (the previous version stays for what was granted under it).
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(AppDbContext db, SaveAwardKind save) : Shared.CommandPage
{
    public IReadOnlyList<AwardRule> Kinds { get; private set; } = [];
    public IReadOnlyList<AwardRule> Versions { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Edit { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? SerialKind { get; set; } = "GK";
    [BindProperty] public AwardIssuer Issuer { get; set; }
    [BindProperty] public AwardEligibility Eligibility { get; set; } = AwardEligibility.Nomination;
    [BindProperty] public string? Level { get; set; } = "HTXSNV";
    [BindProperty] public int? Years { get; set; }
    [BindProperty] public string? HeldCode { get; set; }
    [BindProperty] public EmulationTitle? HeldTitle { get; set; }
    [BindProperty] public List<SubjectType> SubjectTypes { get; set; } = [.. Enum.GetValues<SubjectType>()];
    [BindProperty] public int? LimitCount { get; set; }
    [BindProperty] public decimal? LimitPercent { get; set; }
    [BindProperty] public bool WithRatingDecision { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public bool Active { get; set; } = true;
    [BindProperty] public int SortOrder { get; set; } = 100;

    public string? ErrorOf(string field) => Errors.FirstOrDefault(e => e.Field == field) is { } e ? this.Say(e.Message) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Edit is not null)
        {
            var kind = Kinds.FirstOrDefault(k => k.Code == Edit);
            if (kind is null)
            {
                return NotFound();
            }

            (Code, Name, Title, SerialKind, Issuer, Eligibility, Level, Years, HeldCode) =
                (kind.Code, kind.Name, kind.Title, kind.SerialKind, kind.Issuer, kind.Eligibility, RatingText.Code(kind.Level), kind.Years, kind.HeldCode);
            (SubjectTypes, LimitCount, LimitPercent, WithRatingDecision, Reason, Active, SortOrder, HeldTitle) =
                ([.. kind.Types], kind.LimitCount, kind.LimitPercent, kind.WithRatingDecision, kind.Reason, kind.Active, kind.SortOrder, kind.HeldTitle);
        }

        return Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => RunAsync(async actor =>
    {
        var kind = await save.RunAsync(Edit, new AwardKindRequest(Code, Name, Title, SerialKind, Issuer, Eligibility, Level, Years, HeldCode, SubjectTypes,
            LimitCount, LimitPercent, WithRatingDecision, Reason, Active, SortOrder, HeldTitle), actor, ct);
        return $"Đã lưu {kind.Name} (phiên bản {kind.Version}).";
    }, () => "/Admin/AwardKinds", LoadAsync, ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Kinds = await db.AwardRules.AsNoTracking().Where(k => k.IsCurrent).OrderBy(k => k.SortOrder).ThenBy(k => k.Code).ToListAsync(ct);
        Versions = Edit is null ? [] : await db.AwardRules.AsNoTracking().Where(k => k.Code == Edit).OrderByDescending(k => k.Version).ToListAsync(ct);
    }
}
