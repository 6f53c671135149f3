using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Engine;
using Workflow.Web.Localization;
using Workflow.Web.Ratings;

namespace Workflow.Web.Pages.Files;

/// <summary>
/// One subject's file: its levels and caps, the forms of the steps the user may act on (self-assessment, review,
/// inspection, any added step, complaint, re-verification, re-decision), and the timeline of everything done.
/// </summary>
[RequestSizeLimit(11 * 1024 * 1024)]
public sealed class IndexModel(ReadFile read, EvidenceStore evidenceStore) : PageModel
{
    public FileView View { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public IReadOnlyList<Evidence> EvidenceFiles { get; private set; } = [];

    [BindProperty] public Dictionary<string, string> Criteria { get; set; } = [];
    [BindProperty] public decimal? OnTimePercent { get; set; }
    [BindProperty] public decimal? ExceedingPercent { get; set; }
    [BindProperty] public string? Achievements { get; set; }
    [BindProperty] public string? Shortcomings { get; set; }
    [BindProperty] public string? BranchComment { get; set; }
    [BindProperty] public DateOnly? MeetingDate { get; set; }
    [BindProperty] public int? MembersTotal { get; set; }
    [BindProperty] public int? MembersPresent { get; set; }
    [BindProperty] public int? VotesFor { get; set; }
    [BindProperty] public string? ProposedLevel { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Level { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? ReviewAction { get; set; }
    [BindProperty] public string? Opinion { get; set; }
    [BindProperty] public bool Degradation { get; set; }
    [BindProperty] public Guid? DisciplineMemberId { get; set; }
    [BindProperty] public DisciplineForm? DisciplineForm { get; set; }
    [BindProperty] public DateOnly? DisciplineDate { get; set; }
    [BindProperty] public bool DisciplineSelfRemedied { get; set; }
    [BindProperty] public string? DisciplineNote { get; set; }
    [BindProperty] public Guid? TaskId { get; set; }
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public DateOnly? DecidedOn { get; set; }
    [BindProperty] public string? SignerName { get; set; }
    [BindProperty] public string? SignerTitle { get; set; }
    [BindProperty] public string? OverQuotaReason { get; set; }

    public bool HasTask(string elementId) => View.MyTasks.Any(t => t.ElementId == elementId);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await LoadAsync(id, fill: true, ct);
            return Page();
        }
        catch (DomainException ex) when (ex.Status == 404)
        {
            return NotFound();
        }
    }

    private async Task LoadAsync(Guid id, bool fill, CancellationToken ct)
    {
        View = await read.RunAsync(id, Actor.From(User), ct);
        EvidenceFiles = await evidenceStore.ListAsync(id, ct);
        Version = View.File.Version;
        // A redisplayed form would otherwise render the posted version (model state wins over the property), and the
        // next save would be refused as stale although nobody else changed the file (a draft saved on the way, say).
        ModelState.Remove(nameof(Version));
        if (fill && View.Content is { } c)
        {
            Criteria = new Dictionary<string, string>(c.Criteria);
            OnTimePercent = c.OnTimePercent;
            ExceedingPercent = c.ExceedingPercent;
            Achievements = c.Achievements;
            Shortcomings = c.Shortcomings;
            BranchComment = c.BranchComment;
            MeetingDate = c.Meeting?.Date;
            MembersTotal = c.Meeting?.MembersTotal;
            MembersPresent = c.Meeting?.MembersPresent;
            VotesFor = c.Meeting?.VotesFor;
            ProposedLevel = c.ProposedLevel;
        }
    }

    private SelfAssessment Content() => new()
    {
        Criteria = Criteria.Where(c => !string.IsNullOrWhiteSpace(c.Value)).ToDictionary(c => c.Key, c => c.Value.Trim()),
        OnTimePercent = OnTimePercent,
        ExceedingPercent = ExceedingPercent,
        Achievements = Achievements,
        Shortcomings = Shortcomings,
        BranchComment = BranchComment,
        Meeting = new MeetingRecord(MeetingDate, MembersTotal, MembersPresent, VotesFor),
        ProposedLevel = ProposedLevel,
    };

    /// <summary>
    /// Adds an evidence file (PDF, image, DOCX by content, size-limited). The upload comes with the self-assessment form,
    /// so what was typed is saved as a draft first; a refused file shows the form exactly as it was typed.
    /// </summary>
    public async Task<IActionResult> OnPostEvidenceAsync(Guid id, IFormFile? upload, [FromServices] SaveSelfAssessment save, CancellationToken ct)
    {
        var saved = false;
        try
        {
            if (upload is null)
            {
                throw DomainException.Invalid("Chưa chọn tệp minh chứng.", [new("file", "Chưa chọn tệp.")]);
            }

            saved = await SaveTypedDraftAsync(id, save, ct);
            await using var stream = upload.OpenReadStream();
            var added = await evidenceStore.AddAsync(id, upload.FileName, stream, upload.Length, Actor.From(User), ct);
            this.Flash(saved ? (Message)$"Đã lưu nháp và thêm minh chứng {added.FileName}." : $"Đã thêm minh chứng {added.FileName}.");
            return Redirect($"/Files/{id}");
        }
        catch (DomainException ex)
        {
            return await ShowErrorAsync(id, (saved ? this.Say("Đã lưu nháp những gì bạn nhập.") + " " : "") + this.Say(ex.Text), ex.Errors, ex.Status, ct);
        }
    }

    /// <summary>Removes one of the user's evidence files (kept in the timeline); what was typed is saved as a draft first.</summary>
    public async Task<IActionResult> OnPostRemoveEvidenceAsync(Guid id, Guid evidenceId, [FromServices] SaveSelfAssessment save, CancellationToken ct)
    {
        try
        {
            var saved = await SaveTypedDraftAsync(id, save, ct);
            await evidenceStore.RemoveAsync(id, evidenceId, Actor.From(User), ct);
            this.Flash(saved ? (Message)"Đã lưu nháp và gỡ tệp minh chứng." : "Đã gỡ tệp minh chứng.");
            return Redirect($"/Files/{id}");
        }
        catch (DomainException ex)
        {
            return await ShowErrorAsync(id, this.Say(ex.Text), ex.Errors, ex.Status, ct);
        }
    }

    /// <summary>Saves the posted answers as a draft when something was typed (true), so an upload never loses them.</summary>
    private async Task<bool> SaveTypedDraftAsync(Guid id, SaveSelfAssessment save, CancellationToken ct)
    {
        var content = Content();
        if (SelfAssessmentRules.IsEmpty(content))
        {
            return false;
        }

        await save.RunAsync(id, content, submit: false, Version, Actor.From(User), ct);
        Version++;
        return true;
    }

    /// <summary>Downloads an evidence file; images open in the browser, everything else is an attachment, never sniffed.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(Guid id, Guid evidenceId, CancellationToken ct)
    {
        if (await evidenceStore.OpenAsync(id, evidenceId, ct) is not { } found)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'";
        var inline = found.Evidence.ContentType.StartsWith("image/", StringComparison.Ordinal);
        return inline
            ? File(found.Content, found.Evidence.ContentType)
            : File(found.Content, found.Evidence.ContentType, found.Evidence.FileName);
    }

    public Task<IActionResult> OnPostSaveAsync(Guid id, [FromServices] SaveSelfAssessment save, CancellationToken ct) =>
        RunAsync(id, "Đã lưu bản nháp.", () => save.RunAsync(id, Content(), submit: false, Version, Actor.From(User), ct), ct);

    public Task<IActionResult> OnPostSubmitAsync(Guid id, [FromServices] SaveSelfAssessment save, CancellationToken ct) =>
        RunAsync(id, "Đã nộp hồ sơ tự đánh giá.", () => save.RunAsync(id, Content(), submit: true, Version, Actor.From(User), ct), ct);

    /// <summary>The submission's checks without submitting, for the page to show before it asks "Nộp hồ sơ?" (JSON).</summary>
    public async Task<IActionResult> OnPostCheckAsync(Guid id, [FromServices] SaveSelfAssessment save, CancellationToken ct)
    {
        try
        {
            await save.RunAsync(id, Content(), submit: true, Version, Actor.From(User), ct, checkOnly: true);
            return new JsonResult(new { ok = true });
        }
        catch (DomainException ex)
        {
            return new JsonResult(new { ok = false, message = this.Say(ex.Text), errors = ex.Errors.Select(e => new { e.Field, Message = this.Say(e.Message) }) }) { StatusCode = ex.Status };
        }
    }

    public Task<IActionResult> OnPostReviewAsync(Guid id, [FromServices] ReviewFile review, CancellationToken ct) =>
        RunAsync(id, ReviewAction == "return" ? "Đã trả lại hồ sơ." : "Đã gửi đề xuất mức xếp loại.",
            () => review.RunAsync(id, new ReviewRequest(ReviewAction, Level, Reason, Version), Actor.From(User), ct), ct);

    public Task<IActionResult> OnPostInspectAsync(Guid id, [FromServices] GiveInspectionOpinion inspect, CancellationToken ct)
    {
        List<DisciplineInput> disciplines = DisciplineForm is { } form && DisciplineDate is { } date
            ? [new DisciplineInput(DisciplineMemberId, DisciplineMemberId is null ? View?.File.SubjectUnitId : null, form, date, DisciplineSelfRemedied, DisciplineNote)]
            : [];
        return RunAsync(id, "Đã gửi ý kiến của Ủy ban Kiểm tra.",
            () => inspect.RunAsync(id, new InspectionRequest(Opinion, Degradation, disciplines, Version), Actor.From(User), ct), ct);
    }

    public Task<IActionResult> OnPostStepAsync(Guid id, [FromServices] CompleteWorkflowStep step, CancellationToken ct) =>
        RunAsync(id, "Đã xử lý bước.", () => step.RunAsync(id, TaskId ?? Guid.Empty, new GenericTaskRequest(ReviewAction, Reason, Version), Actor.From(User), ct), ct);

    public Task<IActionResult> OnPostComplainAsync(Guid id, [FromServices] FileComplaint complaint, CancellationToken ct) =>
        RunAsync(id, "Đã gửi khiếu nại.", () => complaint.RunAsync(id, Reason, Version, Actor.From(User), ct), ct);

    public Task<IActionResult> OnPostReverifyAsync(Guid id, [FromServices] ReverifyFile reverify, CancellationToken ct) =>
        RunAsync(id, "Đã gửi kết quả thẩm định lại.", () => reverify.RunAsync(id, new ReviewRequest("propose", Level, Reason, Version), Actor.From(User), ct), ct);

    public async Task<IActionResult> OnPostRedecideAsync(Guid id, [FromServices] Redecide redecide, CancellationToken ct) =>
        await RunAsync(id, "Đã ban hành quyết định sửa đổi.", async () =>
        {
            await redecide.RunAsync(id, new RedecideRequest(Level, Reason, Number, DecidedOn, SignerName, SignerTitle, Version, OverQuotaReason), Actor.From(User), ct);
            return null!;
        }, ct);

    private async Task<IActionResult> RunAsync(Guid id, string done, Func<Task<RatingFile>> command, CancellationToken ct)
    {
        try
        {
            await command();
            this.Flash(done);
            return Redirect($"/Files/{id}");
        }
        catch (DomainException ex)
        {
            return await ShowErrorAsync(id, this.Say(ex.Text), ex.Errors, ex.Status, ct);
        }
        catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException or Engine.Ports.ConcurrencyException
            or Engine.Runtime.EngineNotFoundException)
        {
            return await ShowErrorAsync(id, "Hồ sơ vừa được người khác cập nhật hoặc xử lý. Đã tải lại tình trạng mới; kiểm tra rồi thao tác lại.", [], 409, ct);
        }
        catch (Engine.Runtime.EngineStateException ex)
        {
            return await ShowErrorAsync(id, this.Say(ex.Text), [], 400, ct);
        }
    }

    private async Task<IActionResult> ShowErrorAsync(Guid id, string message, IReadOnlyList<FieldError> errors, int status, CancellationToken ct)
    {
        ModelState.AddModelError("", message);
        Errors = errors;
        // The form keeps what was typed, even after someone else's change (409): the page shows the new state above it.
        await LoadAsync(id, fill: status == 409 && SelfAssessmentRules.IsEmpty(Content()), ct);
        Response.StatusCode = status;
        return Page();
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field) is { } e ? this.Say(e.Message) : null;
}
