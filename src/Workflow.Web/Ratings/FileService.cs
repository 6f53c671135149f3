using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.EngineRest;
using Workflow.Web.Identity;
using Workflow.Web.Processes;

namespace Workflow.Web.Ratings;

public sealed record ReviewRequest(string? Action, string? Level, string? Reason, int Version);

public sealed record DisciplineInput(Guid? MemberId, Guid? UnitId, DisciplineForm Form, DateOnly DecidedOn, bool SelfRemedied, string? Note);

public sealed record InspectionRequest(string? Opinion, bool Degradation, List<DisciplineInput>? Disciplines, int Version);

public sealed record GenericTaskRequest(string? Action, string? Comment, int Version);

/// <summary>A file as its reader sees it: the file, its round and form, its timeline, and the tasks open on it.</summary>
public sealed record FileView(RatingFile File, RatingRound Round, RuleSetDefinition Rules, SubjectForm? Form, SelfAssessment? Content,
    IReadOnlyList<FileEvent> Timeline, IReadOnlyList<WfTask> OpenTasks, IReadOnlyList<WfTask> MyTasks, IReadOnlyList<string> CapReasons);

/// <summary>
/// What branches and reviewers do to a file: save and submit the self-assessment, propose or return, give the
/// inspection committee's opinion and disciplines, complain, re-verify and re-decide. Each command changes the file
/// and moves its workflow instance in one transaction, and only through a task the actor may act on.
/// </summary>
public sealed class FileService(AppDbContext db, WorkflowEngine engine, TimeProvider clock, DomainEvents events, YearCaps yearCaps)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<FileView> GetAsync(Guid fileId, Actor actor, CancellationToken ct)
    {
        var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct) ?? throw DomainException.NotFound("hồ sơ");
        var round = await db.Rounds.AsNoTracking().IgnoreQueryFilters().Include(r => r.RuleSet).FirstAsync(r => r.Id == file.RoundId, ct);
        var rules = round.RuleSet!.Parse();
        var events = await db.FileEvents.AsNoTracking().Where(e => e.FileId == fileId).OrderBy(e => e.AtUtc).ToListAsync(ct);
        var tasks = file.InstanceId is { } instanceId
            ? await db.WfTasks.AsNoTracking().Where(t => t.InstanceId == instanceId).OrderBy(t => t.CreatedAtUtc).ToListAsync(ct)
            : [];
        var mine = tasks.Where(t => TaskAccess.CanAct(t, actor)).ToList();
        return new FileView(file, round, rules, rules.FormFor(file.SubjectType, file.MemberKind), Parse(file.Content), events, tasks, mine,
            rules.Cap(file.SubjectType, file.Facts).Reasons);
    }

    public static SelfAssessment? Parse(string? content) =>
        string.IsNullOrEmpty(content) ? null : JsonSerializer.Deserialize<SelfAssessment>(content, Json);


    /// <summary>Saves the self-assessment as a draft, or submits it (complete, validated) and moves the file to review.</summary>
    public async Task<RatingFile> SaveAsync(Guid fileId, SelfAssessment content, bool submit, int version, Actor actor, CancellationToken ct)
    {
        var (file, task, rules) = await LoadForTaskAsync(fileId, RatingWorkflow.SelfAssessment, version, actor,
            "Chỉ bí thư (hoặc người được giao) của đơn vị đang tự đánh giá mới được nhập và nộp hồ sơ.", ct);
        var form = rules.FormFor(file.SubjectType, file.MemberKind) ?? throw DomainException.Invalid("Bộ quy tắc không có biểu mẫu cho loại đối tượng này.");
        var (cleaned, textErrors) = SelfAssessmentRules.Clean(content);
        if (textErrors.Count > 0)
        {
            throw DomainException.Invalid($"Hồ sơ có {textErrors.Count} trường không hợp lệ.", textErrors);
        }

        content = cleaned;
        if (!submit && SelfAssessmentRules.IsEmpty(content) && Parse(file.Content) is { } saved && !SelfAssessmentRules.IsEmpty(saved))
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
            errors.AddRange(SubmissionErrors(file, content, proposed, rules.BandsLimit ? suggested : null));
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

        var json = JsonSerializer.Serialize(content, Json);
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
            file.SubmittedAtUtc = Now;
            AddEvent(file, actor, FileEventKind.Submitted, proposed, content.Achievements is { Length: > 200 } a ? a[..200] + "…" : content.Achievements, json);
            await db.SaveChangesAsync(ct);
            await engine.CompleteTaskAsync(task!.Id, new Dictionary<string, TypedValue>
            {
                ["selfLevel"] = TypedValue.String(RatingText.Code(proposed!.Value)),
                ["suggestedLevel"] = TypedValue.String(suggested is { } s ? RatingText.Code(s) : null),
            }, actor.UserName, ct);
            await RefreshStatusAsync(file, ct);
        }
        else
        {
            file.Status = file.Status == FileStatus.Returned ? FileStatus.Returned : FileStatus.Draft;
            AddEvent(file, actor, FileEventKind.DraftSaved, proposed, null, null);
        }

        await SaveAndCommitAsync(tx, ct);
        return file;
    }

    private List<FieldError> SubmissionErrors(RatingFile file, SelfAssessment content, RatingLevel? proposed, RatingLevel? bandLimit)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(content.Achievements))
        {
            errors.Add(new("achievements", "Chưa nêu kết quả, ưu điểm nổi bật."));
        }

        if (string.IsNullOrWhiteSpace(content.Shortcomings))
        {
            errors.Add(new("shortcomings", "Chưa nêu hạn chế, khuyết điểm (ghi \"Không có\" nếu không có)."));
        }

        if (proposed is null)
        {
            errors.Add(new("proposedLevel", "Chưa chọn mức tự xếp loại."));
        }
        else if (file.CapLevel is { } cap && proposed < cap)
        {
            errors.Add(new("proposedLevel", $"Mức {RatingText.Code(proposed.Value)} không được phép: tối đa {RatingText.Code(cap)} theo quy định."));
        }
        else if (bandLimit is { } band && proposed < band)
        {
            errors.Add(new("proposedLevel", $"Mức {RatingText.Code(proposed.Value)} cao hơn ngưỡng theo điểm tự đánh giá (tối đa {RatingText.Code(band)})."));
        }

        if (file.SubjectType == SubjectType.Member && string.IsNullOrWhiteSpace(content.BranchComment))
        {
            errors.Add(new("branchComment", "Chưa nhập nhận xét của chi bộ về đảng viên."));
        }

        {
            var meeting = content.Meeting;
            if (meeting?.Date is null)
            {
                errors.Add(new("meeting.date", "Chưa nhập ngày họp chi bộ (hội nghị) kiểm điểm."));
            }
            else if (meeting.Date > DateOnly.FromDateTime(Localization.VietnamTime.ToLocal(Now)))
            {
                errors.Add(new("meeting.date", "Ngày họp không được ở tương lai."));
            }

            if (meeting?.MembersTotal is not > 0)
            {
                errors.Add(new("meeting.membersTotal", "Chưa nhập tổng số đảng viên (thành viên)."));
            }

            if (meeting?.MembersPresent is not { } present || present < 0)
            {
                errors.Add(new("meeting.membersPresent", "Chưa nhập số có mặt."));
            }
            else if (present > meeting.MembersTotal)
            {
                errors.Add(new("meeting.membersPresent", "Số có mặt không được lớn hơn tổng số."));
            }

            if (meeting?.VotesFor is not { } votes || votes < 0)
            {
                errors.Add(new("meeting.votesFor", "Chưa nhập số phiếu tán thành mức đề xuất."));
            }
            else if (votes > meeting.MembersPresent)
            {
                errors.Add(new("meeting.votesFor", "Số phiếu tán thành không được lớn hơn số có mặt."));
            }
        }

        return errors;
    }

    /// <summary>The organization board proposes a level (a reason when it differs from the suggested one) or returns the file.</summary>
    public async Task<RatingFile> ReviewAsync(Guid fileId, ReviewRequest request, Actor actor, CancellationToken ct)
    {
        var (file, task, rules) = await LoadForTaskAsync(fileId, RatingWorkflow.BoardReview, request.Version, actor,
            "Chỉ Ban Tổ chức của đơn vị quyết định mới được thẩm định hồ sơ này.", ct);
        var variables = new Dictionary<string, TypedValue>();
        var reason = TextRules.Text(request.Reason, TextRules.ReasonLength, "reason", "Lý do");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (string.Equals(request.Action, "return", StringComparison.OrdinalIgnoreCase))
        {
            if (reason is null)
            {
                throw DomainException.Invalid("Trả lại hồ sơ cần nêu lý do.", [new("reason", "Chưa nêu lý do trả lại.")]);
            }

            variables["boardAction"] = TypedValue.String("return");
            variables["returnReason"] = TypedValue.String(reason);
            file.ProposedLevel = null;
            file.ProposalReason = reason;
            AddEvent(file, actor, FileEventKind.Returned, null, reason, null);
        }
        else if (string.Equals(request.Action, "propose", StringComparison.OrdinalIgnoreCase))
        {
            var level = CheckLevel(file, request.Level, reason, file.SuggestedLevel, "mức gợi ý", bandLimit: BandLimit(rules, file));
            variables["boardAction"] = TypedValue.String("propose");
            variables["proposedLevel"] = TypedValue.String(RatingText.Code(level));
            file.ProposedLevel = level;
            file.ProposalReason = reason;
            AddEvent(file, actor, FileEventKind.Proposed, level, reason, null);
        }
        else
        {
            throw DomainException.Invalid("Hành động phải là \"propose\" (đề xuất mức) hoặc \"return\" (trả lại).", [new("action", "Hành động không hợp lệ.")]);
        }

        file.Version++;
        await db.SaveChangesAsync(ct);
        await engine.CompleteTaskAsync(task!.Id, variables, actor.UserName, ct);
        await RefreshStatusAsync(file, ct);
        await SaveAndCommitAsync(tx, ct);
        return file;
    }

    /// <summary>
    /// Checks a level chosen by a reviewer or the committee: a known code, not above the subject's cap, and with a
    /// reason when it differs from <paramref name="reference"/>.
    /// </summary>
    internal static RatingLevel CheckLevel(RatingFile file, string? code, string? reason, RatingLevel? reference, string referenceName, string field = "level",
        RatingLevel? bandLimit = null)
    {
        var level = RatingText.ParseLevel(code)
            ?? throw DomainException.Invalid($"Mức \"{code}\" không hợp lệ (HTXSNV, HTTNV, HTNV hoặc KHTNV).", [new(field, "Chưa chọn mức hợp lệ.")]);
        if (file.CapLevel is { } cap && level < cap)
        {
            throw DomainException.Invalid($"{file.SubjectName}: mức {RatingText.Code(level)} không được phép theo bộ quy tắc (tối đa {RatingText.Code(cap)}).",
                [new(field, $"Tối đa {RatingText.Code(cap)}.")]);
        }

        if (bandLimit is { } band && level < band)
        {
            var points = file.Points is { } p ? $"{p.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"))} điểm" : "kết quả tự đánh giá";
            throw DomainException.Invalid(
                $"{file.SubjectName}: mức {RatingText.Code(level)} vượt ngưỡng của {points} (tối đa {RatingText.Code(band)}); theo bộ quy tắc, ngưỡng điểm và điều kiện hoàn thành xuất sắc là giới hạn, lý do không thay được.",
                [new(field, $"Tối đa {RatingText.Code(band)} theo ngưỡng điểm.")]);
        }

        if (reference is { } r && r != level && string.IsNullOrWhiteSpace(reason))
        {
            throw DomainException.Invalid($"{file.SubjectName}: mức {RatingText.Code(level)} khác {referenceName} ({RatingText.Code(r)}), cần nêu lý do.",
                [new("reason", "Cần nêu lý do khi chọn mức khác.")]);
        }

        return level;
    }

    /// <summary>The best level the answers' band allows, when the rule set makes bands limits (366-QĐ/TW).</summary>
    internal static RatingLevel? BandLimit(RuleSetDefinition rules, RatingFile file) => rules.BandsLimit ? file.SuggestedLevel : null;

    /// <summary>
    /// The inspection committee's opinion. Recorded disciplines and a conclusion of degradation are facts of the year:
    /// they re-cap every open file of that year they affect, in every round (<see cref="YearCaps"/>).
    /// </summary>
    public async Task<RatingFile> InspectAsync(Guid fileId, InspectionRequest request, Actor actor, CancellationToken ct)
    {
        var (file, task, _) = await LoadForTaskAsync(fileId, RatingWorkflow.InspectionOpinion, request.Version, actor,
            "Chỉ Ủy ban Kiểm tra của đơn vị quyết định mới được cho ý kiến về hồ sơ này.", ct);
        var opinion = TextRules.Text(request.Opinion, TextRules.LongText, "opinion", "Ý kiến của Ủy ban Kiểm tra", required: true);
        if ((request.Disciplines?.Count ?? 0) > 50)
        {
            throw DomainException.Invalid("Mỗi lần cho ý kiến ghi tối đa 50 kỷ luật.", [new("disciplines", "Quá nhiều kỷ luật.")]);
        }

        var round = await db.Rounds.IgnoreQueryFilters().AsNoTracking().FirstAsync(r => r.Id == file.RoundId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var touched = new List<YearCaps.Subject> { new(file.MemberId, file.SubjectUnitId, file.UnitPath) };
        foreach (var input in request.Disciplines ?? [])
        {
            var discipline = await AddDisciplineAsync(file, round.Year, input, actor, ct);
            touched.Add(new(discipline.MemberId, discipline.UnitId, discipline.UnitPath));
        }

        if (request.Degradation && !await db.DegradationConclusions.IgnoreQueryFilters().AnyAsync(c => c.Year == round.Year
                && (file.MemberId != null ? c.MemberId == file.MemberId : c.MemberId == null && c.UnitId == file.SubjectUnitId && c.SubjectType == file.SubjectType), ct))
        {
            db.DegradationConclusions.Add(new DegradationConclusion
            {
                Year = round.Year, SubjectType = file.SubjectType, UnitId = file.SubjectUnitId, MemberId = file.MemberId, UnitPath = file.UnitPath,
                FileId = file.Id, RecordedAtUtc = Now, RecordedBy = actor.UserName,
            });
        }

        file.InspectionOpinion = opinion;
        file.Version++;
        AddEvent(file, actor, FileEventKind.InspectionOpinion, null, file.InspectionOpinion + (request.Degradation ? " (có kết luận suy thoái)" : ""), null);
        await db.SaveChangesAsync(ct);
        await yearCaps.RecapAsync(round.Year, touched, file, ct);
        await engine.CompleteTaskAsync(task!.Id, new Dictionary<string, TypedValue>
        {
            ["inspectionOpinion"] = TypedValue.String(file.InspectionOpinion),
            ["degradation"] = TypedValue.Boolean(file.Degradation),
        }, actor.UserName, ct);
        await RefreshStatusAsync(file, ct);
        await SaveAndCommitAsync(tx, ct);
        return file;
    }

    private async Task<Discipline> AddDisciplineAsync(RatingFile file, int year, DisciplineInput input, Actor actor, CancellationToken ct)
    {
        Guid unitId;
        string path;
        var isLeader = false;
        if (input.MemberId is { } memberId)
        {
            var member = await db.Members.Include(m => m.Unit).FirstOrDefaultAsync(m => m.Id == memberId, ct)
                ?? throw DomainException.Invalid("Đảng viên bị kỷ luật không tồn tại hoặc ngoài phạm vi.", [new("disciplines.memberId", "Không tìm thấy đảng viên.")]);
            unitId = member.UnitId;
            path = member.Unit!.Path;
            isLeader = RoundOpeningJob.KindOf(member.Position, member.WorksInPoliticalSystem) == MemberKind.Leader;
        }
        else
        {
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == (input.UnitId ?? file.SubjectUnitId), ct)
                ?? throw DomainException.Invalid("Tổ chức bị kỷ luật không tồn tại hoặc ngoài phạm vi.", [new("disciplines.unitId", "Không tìm thấy tổ chức.")]);
            unitId = unit.Id;
            path = unit.Path;
        }

        if (input.DecidedOn.Year != year)
        {
            throw DomainException.Invalid($"Ngày thi hành kỷ luật phải trong năm {year}.", [new("disciplines.decidedOn", "Ngoài năm đánh giá.")]);
        }

        if (!Enum.IsDefined(input.Form))
        {
            throw DomainException.Invalid("Hình thức kỷ luật không hợp lệ.", [new("disciplines.form", "Không hợp lệ.")]);
        }

        var note = TextRules.Text(input.Note, 2000, "disciplines.note", "Ghi chú kỷ luật");
        var discipline = new Discipline
        {
            MemberId = input.MemberId,
            UnitId = unitId,
            UnitPath = path,
            Year = year,
            Form = input.Form,
            DecidedOn = input.DecidedOn,
            SelfRemedied = input.SelfRemedied,
            IsLeader = isLeader,
            Note = note,
            RecordedAtUtc = Now,
            RecordedBy = actor.UserName,
        };
        db.Disciplines.Add(discipline);
        AddEvent(file, actor, FileEventKind.DisciplineRecorded, null,
            $"Kỷ luật {DisciplineText(input.Form)} ngày {input.DecidedOn:dd/MM/yyyy}{(input.SelfRemedied ? " (tự phát hiện, đã khắc phục)" : "")}{(note is { Length: > 0 } n ? ": " + n : "")}", null);
        return discipline;
    }

    public static string DisciplineText(DisciplineForm form) => form switch
    {
        DisciplineForm.Reprimand => "khiển trách",
        DisciplineForm.Warning => "cảnh cáo",
        DisciplineForm.Dismissal => "cách chức",
        DisciplineForm.Expulsion => "khai trừ",
        _ => form.ToString(),
    };

    /// <summary>Any other user task of an edited workflow: approve (or return) with a comment.</summary>
    public async Task<RatingFile> CompleteStepAsync(Guid fileId, Guid taskId, GenericTaskRequest request, Actor actor, CancellationToken ct)
    {
        var file = await db.Files.FirstOrDefaultAsync(f => f.Id == fileId, ct) ?? throw DomainException.NotFound("hồ sơ");
        CheckVersion(file, request.Version);
        var task = await db.WfTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId && t.InstanceId == file.InstanceId, ct)
            ?? throw DomainException.Conflict("Bước này đã được xử lý hoặc không còn hiệu lực. Tải lại trang để xem tình trạng mới.");
        if (RatingWorkflow.KnownTasks.Contains(task.ElementId))
        {
            throw DomainException.Invalid("Bước này có biểu mẫu riêng; dùng biểu mẫu đó.");
        }

        if (RatingWorkflow.ReservedVariables.Contains(task.ElementId + "Action") || RatingWorkflow.ReservedVariables.Contains(task.ElementId + "Comment"))
        {
            throw DomainException.Invalid($"Mã bước \"{task.ElementId}\" làm trùng tên biến do hệ thống ghi; báo quản trị viên đổi mã bước trong quy trình.");
        }

        if (!TaskAccess.CanAct(task, actor))
        {
            throw DomainException.Forbidden("Bạn không được giao bước này.");
        }

        var action = string.Equals(request.Action, "return", StringComparison.OrdinalIgnoreCase) ? "return" : "approve";
        var comment = TextRules.Text(request.Comment, TextRules.ReasonLength, "comment", "Ý kiến");
        if (action == "return" && comment is null)
        {
            throw DomainException.Invalid("Trả lại cần nêu lý do.", [new("comment", "Chưa nêu lý do.")]);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        file.Version++;
        AddEvent(file, actor, action == "return" ? FileEventKind.Returned : FileEventKind.Comment, null,
            $"{task.Name ?? task.ElementId}: {(action == "return" ? "trả lại" : "đồng ý")}{(comment is { Length: > 0 } c ? " — " + c : "")}", null);
        await db.SaveChangesAsync(ct);
        await engine.CompleteTaskAsync(task.Id, new Dictionary<string, TypedValue>
        {
            [task.ElementId + "Action"] = TypedValue.String(action),
            [task.ElementId + "Comment"] = TypedValue.String(comment),
        }, actor.UserName, ct);
        await RefreshStatusAsync(file, ct);
        await SaveAndCommitAsync(tx, ct);
        return file;
    }

    // ---- complaints ---------------------------------------------------------------------------------------------

    public async Task<RatingFile> ComplainAsync(Guid fileId, string? reason, int version, Actor actor, CancellationToken ct)
    {
        var file = await db.Files.FirstOrDefaultAsync(f => f.Id == fileId, ct) ?? throw DomainException.NotFound("hồ sơ");
        CheckVersion(file, version);
        if (!actor.IsAdmin && !actor.Is(Roles.BranchSecretary, file.SubjectUnitId) && !(file.MemberId is { } m && AppClaims.MemberIdOf(actor.Principal) == m))
        {
            throw DomainException.Forbidden("Chỉ bí thư của đơn vị (hoặc đảng viên được xếp loại) mới được khiếu nại kết quả.");
        }

        reason = TextRules.Text(reason, TextRules.ReasonLength, "reason", "Lý do khiếu nại");
        if (reason is null)
        {
            throw DomainException.Invalid("Khiếu nại cần nêu lý do.", [new("reason", "Chưa nêu lý do khiếu nại.")]);
        }

        var waiting = file.InstanceId is { } id && await db.WfSubscriptions.AnyAsync(s => s.InstanceId == id && s.MessageName == RatingWorkflow.ComplaintMessage, ct);
        if (file.Status != FileStatus.Decided || !waiting)
        {
            throw DomainException.Invalid("Không thể khiếu nại: hồ sơ chưa có quyết định, đã có khiếu nại, hoặc đã hết thời hạn khiếu nại.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        file.Status = FileStatus.Complained;
        file.Version++;
        AddEvent(file, actor, FileEventKind.ComplaintFiled, file.DecidedLevel, reason, null);
        await db.SaveChangesAsync(ct);
        await engine.CorrelateMessageAsync(RatingWorkflow.ComplaintMessage, file.BusinessKey,
            variables: new Dictionary<string, TypedValue> { ["complaintReason"] = TypedValue.String(reason) }, actor: actor.UserName, ct: ct);
        await SaveAndCommitAsync(tx, ct);
        return file;
    }

    /// <summary>The superior's organization board re-verifies a complained file and proposes a level.</summary>
    public async Task<RatingFile> ReverifyAsync(Guid fileId, ReviewRequest request, Actor actor, CancellationToken ct)
    {
        var (file, task, rules) = await LoadForTaskAsync(fileId, RatingWorkflow.Reverify, request.Version, actor,
            "Chỉ Ban Tổ chức cấp trên mới được thẩm định lại hồ sơ khiếu nại.", ct);
        var reason = TextRules.Text(request.Reason, TextRules.ReasonLength, "reason", "Kết luận thẩm định lại");
        var level = CheckLevel(file, request.Level, reason, null, "", bandLimit: BandLimit(rules, file));
        if (reason is null)
        {
            throw DomainException.Invalid("Thẩm định lại cần nêu kết luận.", [new("reason", "Chưa nêu kết luận thẩm định lại.")]);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        file.ProposedLevel = level;
        file.ProposalReason = reason;
        file.Version++;
        AddEvent(file, actor, FileEventKind.Reverified, level, reason, null);
        await db.SaveChangesAsync(ct);
        await engine.CompleteTaskAsync(task!.Id, new Dictionary<string, TypedValue> { ["reverifiedLevel"] = TypedValue.String(RatingText.Code(level)) }, actor.UserName, ct);
        await SaveAndCommitAsync(tx, ct);
        return file;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    internal void AddEvent(RatingFile file, Actor actor, FileEventKind kind, RatingLevel? level, string? text, string? snapshot) =>
        db.FileEvents.Add(new FileEvent
        {
            FileId = file.Id,
            AtUtc = Now,
            Actor = actor.UserName,
            ActorName = actor.DisplayName,
            Kind = kind,
            Level = level,
            Text = text,
            Snapshot = snapshot,
        });

    internal static void CheckVersion(RatingFile file, int version)
    {
        if (version != file.Version)
        {
            throw DomainException.Stale();
        }
    }

    private async Task<(RatingFile File, WfTask? Task, RuleSetDefinition Rules)> LoadForTaskAsync(Guid fileId, string elementId, int version, Actor actor,
        string forbidden, CancellationToken ct)
    {
        var file = await db.Files.FirstOrDefaultAsync(f => f.Id == fileId, ct) ?? throw DomainException.NotFound("hồ sơ");
        CheckVersion(file, version);
        var task = await db.WfTasks.AsNoTracking().FirstOrDefaultAsync(t => t.InstanceId == file.InstanceId && t.ElementId == elementId, ct)
            ?? throw DomainException.Conflict("Hồ sơ không ở bước này (có thể vừa được người khác xử lý). Tải lại trang để xem tình trạng mới.");
        if (!TaskAccess.CanAct(task, actor))
        {
            throw DomainException.Forbidden(forbidden);
        }

        var ruleSetId = await db.Rounds.IgnoreQueryFilters().Where(r => r.Id == file.RoundId).Select(r => r.RuleSetId).FirstAsync(ct);
        var rules = (await db.RuleSets.AsNoTracking().FirstAsync(r => r.Id == ruleSetId, ct)).Parse();
        return (file, task, rules);
    }

    /// <summary>
    /// The file's status follows where its workflow waits: the self-assessment again (returned), the decision
    /// (proposed), or anything else in between (submitted, under review), so an edited workflow needs no code.
    /// </summary>
    internal async Task RefreshStatusAsync(RatingFile file, CancellationToken ct)
    {
        var id = file.InstanceId;
        if (await db.WfSubscriptions.AnyAsync(s => s.InstanceId == id && s.MessageName == RatingWorkflow.DecidedMessage, ct))
        {
            file.Status = FileStatus.Proposed;
        }
        else if (await db.WfTasks.AnyAsync(t => t.InstanceId == id && t.ElementId == RatingWorkflow.SelfAssessment, ct))
        {
            // Back at the self-assessment (the return waits for both reviews): tell whoever holds it now, once.
            if (file.Status != FileStatus.Returned)
            {
                file.Status = FileStatus.Returned;
                events.Raise(new FileReturned(file.Id, file.InstanceId!.Value, file.SubjectName, file.ProposalReason));
            }
        }
        else if (file.Status is not (FileStatus.Decided or FileStatus.Complained))
        {
            file.Status = FileStatus.Submitted;
        }
    }

    private async Task SaveAndCommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainException.Stale();
        }
    }
}
