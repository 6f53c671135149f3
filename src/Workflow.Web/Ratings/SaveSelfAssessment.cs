using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Localization;

namespace Workflow.Web.Ratings;

/// <summary>The self-assessment as the branch typed it, and the file's version the branch saw.</summary>
public sealed record SaveRequest(SelfAssessment? Content, int Version);

/// <summary>
/// What happens when a branch (its secretary, or a member for a draft) saves or submits a self-assessment: the answers
/// are cleaned and bounded, the level is suggested from them, and a submission must be complete and within the cap
/// (and the band, when the rule set makes bands limits); submitting completes the self-assessment task, so the file
/// moves on to review, in the same transaction.
/// </summary>
public sealed class SaveSelfAssessment(AppDbContext db, WorkflowEngine engine, FileSteps steps)
{
    /// <summary>Saves (or submits) the self-assessment; with checkOnly, only checks it (the page asks before its "Nộp hồ sơ?" confirmation) and saves nothing.</summary>
    public async Task<RatingFile> RunAsync(Guid fileId, SelfAssessment content, bool submit, int version, Actor actor, CancellationToken ct, bool checkOnly = false)
    {
        var (file, task, rules) = await steps.AtTaskAsync(fileId, RatingWorkflow.SelfAssessment, version, actor,
            "Chỉ bí thư (hoặc người được giao) của đơn vị đang tự đánh giá mới được nhập và nộp hồ sơ.", ct);
        var form = rules.FormFor(file.SubjectType, file.MemberKind) ?? throw DomainException.Invalid("Bộ quy tắc không có biểu mẫu cho loại đối tượng này.");
        var (cleaned, textErrors) = SelfAssessmentRules.Clean(content);
        if (textErrors.Count > 0)
        {
            throw DomainException.Invalid($"Hồ sơ có {textErrors.Count} trường không hợp lệ.", textErrors);
        }

        content = cleaned;
        if (!submit && SelfAssessmentRules.IsEmpty(content) && SelfAssessmentRules.Parse(file.Content) is { } saved && !SelfAssessmentRules.IsEmpty(saved))
        {
            // A blank form over saved answers is an accident (a page shown without its values): keep what was saved.
            throw DomainException.Invalid("Biểu mẫu đang trống nên bản nháp đã lưu không bị ghi đè. Tải lại trang để thấy nội dung đã lưu.",
                [new("content", "Biểu mẫu trống.")]);
        }

        var (suggested, points, errors) = LevelSuggestion.Suggest(rules, form, content.ToAnswers());
        var unknown = content.Criteria.Keys.Except(form.Criteria.Select(c => c.Code)).ToList();
        if (unknown.Count > 0)
        {
            throw DomainException.Invalid("Biểu mẫu có tiêu chí không thuộc bộ quy tắc.", unknown.Select(u => new FieldError("criteria." + u, $"Tiêu chí \"{u}\" không có trong {form.FormCode}.")).ToList());
        }

        var proposed = RatingText.ParseLevel(content.ProposedLevel);
        if (content.ProposedLevel is { Length: > 0 } && proposed is null)
        {
            errors.Add(new("proposedLevel", $"Mức \"{content.ProposedLevel}\" không hợp lệ (HTXSNV, HTTNV, HTNV hoặc KHTNV)."));
        }

        if (submit && file.SubjectType == SubjectType.Member && !actor.IsAdmin && !actor.Principal.IsInRole(Roles.BranchSecretary))
        {
            throw DomainException.Forbidden("Đảng viên lưu bản tự đánh giá; bí thư chi bộ nộp hồ sơ sau khi chi bộ nhận xét và biểu quyết.");
        }

        if (submit)
        {
            var today = DateOnly.FromDateTime(VietnamTime.ToLocal(steps.Now));
            errors.AddRange(SelfAssessmentRules.SubmissionErrors(file, content, proposed, rules.BandsLimit ? suggested : null, today));
            if (errors.Count > 0)
            {
                throw DomainException.Invalid($"Hồ sơ chưa đủ để nộp: {errors.Count} lỗi cần sửa.", errors);
            }
        }
        else if (errors.Any(e => !e.Missing))
        {
            // A draft may be incomplete, but what is entered must be valid.
            throw DomainException.Invalid("Bản nháp có giá trị không hợp lệ.", errors.Where(e => !e.Missing).ToList());
        }

        if (checkOnly)
        {
            return file;
        }

        var json = SelfAssessmentRules.ToJson(content);
        if (!submit && json == file.Content)
        {
            return file; // the same draft again (an upload saving what was typed, twice): nothing to record
        }

        file.Content = json;
        file.SuggestedLevel = suggested;
        file.Points = points;
        file.SelfLevel = proposed;
        file.Version++;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (submit)
        {
            file.Status = FileStatus.Submitted;
            file.SubmittedAtUtc = steps.Now;
            steps.AddEvent(file, actor, FileEventKind.Submitted, proposed, content.Achievements is { Length: > 200 } a ? a[..200] + "…" : content.Achievements, json);
            await db.SaveChangesAsync(ct);
            await engine.CompleteTaskAsync(task.Id, new Dictionary<string, TypedValue>
            {
                ["selfLevel"] = TypedValue.String(RatingText.Code(proposed!.Value)),
                ["suggestedLevel"] = TypedValue.String(suggested is { } s ? RatingText.Code(s) : null),
            }, actor.UserName, ct);
            await steps.RefreshStatusAsync(file, ct);
        }
        else
        {
            file.Status = file.Status == FileStatus.Returned ? FileStatus.Returned : FileStatus.Draft;
            steps.AddEvent(file, actor, FileEventKind.DraftSaved, proposed, null, null);
        }

        await steps.SaveAndCommitAsync(tx, ct);
        return file;
    }
}
