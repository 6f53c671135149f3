using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Meetings;

namespace Workflow.Web.Pages.Meetings;

/// <summary>One branch's score sheet: the secretary enters the points, the committee above confirms or returns it.</summary>
public sealed class ScoreModel(AppDbContext db, MeetingSheets sheets) : PageModel
{
    public MeetingScore Score { get; private set; } = null!;
    public MeetingPeriod Period { get; private set; } = null!;
    public MeetingSheetDefinition Sheet { get; private set; } = MeetingSheetDefinition.Default;
    public Dictionary<string, int> Given { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? Problem { get; private set; }

    [BindProperty] public Dictionary<string, int?> Points { get; set; } = [];
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Actor Actor => Actor.From(User);
    public bool CanScore => MeetingAccess.CanScore(Actor, Score);
    public bool CanConfirm => Score.Status == MeetingScoreStatus.Submitted && MeetingAccess.CanConfirm(Actor, Score.ConfirmerUnitId);

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var score = await db.MeetingScores.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (score is null)
        {
            return false;
        }

        Score = score;
        Period = await db.MeetingPeriods.AsNoTracking().FirstAsync(p => p.Id == score.PeriodId, ct);
        Sheet = await sheets.SheetAsync(Period.SheetVersion, ct);
        Given = score.Points is { } json ? JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [] : [];
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Version = Score.Version;
        Note = Score.Note;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, [FromServices] ScoreMeeting score, CancellationToken ct) =>
        await ActAsync(id, () => score.RunAsync(id, new SaveMeetingScore(Points, Note, Version), Actor, ct), "Đã gửi kết quả chấm điểm lên cấp ủy cấp trên.", ct);

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, [FromServices] ConfirmMeetingScores confirm, CancellationToken ct) =>
        await ActAsync(id, async () =>
        {
            var (confirmed, refused) = await confirm.RunAsync([id], Actor, ct);
            if (confirmed == 0)
            {
                throw DomainException.Conflict(refused.Count > 0 ? refused[0].Reason : "Chưa xác nhận được.");
            }
        }, "Đã xác nhận kết quả.", ct);

    public async Task<IActionResult> OnPostReturnAsync(Guid id, [FromServices] ReturnMeetingScore back, CancellationToken ct) =>
        await ActAsync(id, () => back.RunAsync(id, Reason, Actor, ct), "Đã trả lại phiếu chấm cho chi bộ.", ct);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task> action, string done, CancellationToken ct)
    {
        try
        {
            await action();
            this.Flash(done);
            return Redirect($"/Meetings/Score/{id}");
        }
        catch (DomainException ex) when (ex.Status is 400 or 409)
        {
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }

            Problem = this.Say(ex.Text);
            Errors = ex.Errors;
            Response.StatusCode = ex.Status;
            return Page();
        }
        catch (DomainException ex) when (ex.Status == 404)
        {
            return NotFound();
        }
        catch (DomainException)
        {
            return Forbid();
        }
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field) is { } e ? this.Say(e.Message) : null;
}
