using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Web.Localization;
using Workflow.Web.Ratings;

namespace Workflow.Web.Pages.Rounds;

/// <summary>The standing committee's board for one peer group: levels, caps, the live quota meter, and the finalize step.</summary>
public sealed class BoardModel(ReadBoard board, FinalizeGroup finalize, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid RoundId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid DecidingUnitId { get; set; }
    [BindProperty(SupportsGet = true)] public SubjectType Type { get; set; }
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public DateOnly? DecidedOn { get; set; }
    [BindProperty] public string? SignerName { get; set; }
    [BindProperty] public string? SignerTitle { get; set; }
    [BindProperty] public string? OverQuotaReason { get; set; }

    public Board Board { get; private set; } = null!;
    public bool CanDecide => Actor.From(User).Is(Roles.StandingCommittee, DecidingUnitId);
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public Dictionary<Guid, (string? Level, string? Reason, bool Publish)> Posted { get; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Board = await board.RunAsync(RoundId, DecidingUnitId, Type, ct);
        }
        catch (DomainException ex) when (ex.Status == 404)
        {
            return NotFound();
        }

        DecidedOn ??= Localization.VietnamTime.Today(clock);
        SignerName ??= User.FindFirst(AppClaims.FullName)?.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var choices = new List<DecisionChoice>();
        foreach (var key in Request.Form.Keys.Where(k => k.StartsWith("level-", StringComparison.Ordinal)))
        {
            if (Guid.TryParse(key["level-".Length..], out var fileId))
            {
                string? reason = Request.Form["reason-" + fileId];
                string? level = Request.Form[key];
                var publish = Request.Form["publish-" + fileId] == "true";
                choices.Add(new DecisionChoice(fileId, level, reason, publish));
                Posted[fileId] = (level, reason, publish);
            }
        }

        try
        {
            var decision = await finalize.RunAsync(new FinalizeRequest(RoundId, DecidingUnitId, Type, Number, DecidedOn, SignerName, SignerTitle,
                AcceptProposals: false, choices, OverQuotaReason), Actor.From(User), ct);
            this.Flash($"Đã ban hành Quyết định số {decision.Number}.");
            return Redirect($"/Decisions/{decision.Id}");
        }
        catch (DomainException ex)
        {
            Message = this.Say(ex.Text);
            Errors = ex.Errors;
            Board = await board.RunAsync(RoundId, DecidingUnitId, Type, ct);
            Response.StatusCode = ex.Status == 403 ? 403 : 400;
            return Page();
        }
    }
}
