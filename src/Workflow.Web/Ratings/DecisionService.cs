using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Localization;
using Workflow.Web.Org;
using Workflow.Web.Processes;

namespace Workflow.Web.Ratings;

public sealed record BoardItem(Guid FileId, string SubjectName, FileStatus Status, RatingLevel? SelfLevel, RatingLevel? SuggestedLevel,
    RatingLevel? ProposedLevel, string? ProposalReason, RatingLevel? CapLevel, IReadOnlyList<string> CapReasons, RatingLevel? DecidedLevel, int Version);

/// <summary>A peer group's decision board: every subject, and the quota as it stands with the proposals.</summary>
public sealed record Board(RatingRound Round, Unit DecidingUnit, SubjectType SubjectType, RuleSetDefinition Rules, IReadOnlyList<BoardItem> Items,
    int Unreviewed, int MaxExcellentWithProposals, Decision? Decision, IReadOnlyList<string> OrderWarnings);

public sealed record DecisionChoice(Guid FileId, string? Level, string? Reason);

public sealed record FinalizeRequest(
    Guid RoundId, Guid DecidingUnitId, SubjectType SubjectType, string? Number, DateOnly? DecidedOn, string? SignerName, string? SignerTitle,
    bool AcceptProposals, List<DecisionChoice>? Choices, string? OverQuotaReason);

public sealed record RedecideRequest(string? Level, string? Reason, string? Number, DateOnly? DecidedOn, string? SignerName, string? SignerTitle, int Version,
    string? OverQuotaReason = null);

/// <summary>Counts per level for one subject type, with percentages that sum to exactly 100.</summary>
public sealed record LevelStatistics(SubjectType SubjectType, int Total, IReadOnlyList<(RatingLevel Level, int Count, decimal Percent)> Levels)
{
    /// <summary>
    /// The report sentence, as the seeds phrase it: "có 7/38 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, đạt tỷ lệ
    /// 18,42%; ...". Levels nobody reached are left out.
    /// </summary>
    public string Sentence()
    {
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        var parts = Levels.Where(l => l.Count > 0)
            .Select(l => $"{l.Count}/{Total} {RatingText.Plural(SubjectType)} {RatingText.Phrase(l.Level)}, đạt tỷ lệ {l.Percent.ToString("0.00", vi)}%").ToList();
        return parts.Count == 0 ? $"chưa có {RatingText.Plural(SubjectType)} nào được xếp loại." : "có " + string.Join("; ", parts) + ".";
    }

    /// <summary>The sentence starting a paragraph.</summary>
    public string SentenceCapitalized()
    {
        var sentence = Sentence();
        return char.ToUpperInvariant(sentence[0]) + sentence[1..];
    }
}

/// <summary>
/// The standing committee's decision for a peer group: the board with the live quota, the atomic finalize (Decision,
/// items, files and every workflow instance in one transaction), amendments after complaints, and the statistics.
/// </summary>
public sealed class DecisionService(AppDbContext db, WorkflowEngine engine, FileService files, DomainEvents events, TimeProvider clock)
{
    public async Task<Board> GetBoardAsync(Guid roundId, Guid decidingUnitId, SubjectType type, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.RuleSet).FirstOrDefaultAsync(r => r.Id == roundId, ct) ?? throw DomainException.NotFound("đợt đánh giá");
        var unit = await db.Units.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(u => u.Id == decidingUnitId, ct) ?? throw DomainException.NotFound("đơn vị quyết định");
        var rules = round.RuleSet!.Parse();
        var rows = await db.Files.AsNoTracking().Where(f => f.RoundId == roundId && f.DecidingUnitId == decidingUnitId && f.SubjectType == type)
            .OrderBy(f => f.Id).ToListAsync(ct);
        var items = rows.Select(f => new BoardItem(f.Id, f.SubjectName, f.Status, f.SelfLevel, f.SuggestedLevel, f.ProposedLevel, f.ProposalReason, f.CapLevel,
            rules.Cap(f.SubjectType, f.Facts).Reasons, f.DecidedLevel, f.Version)).ToList();
        var excellent = rows.Count(f => f.ProposedLevel == RatingLevel.Excellent);
        var good = rows.Count(f => f.ProposedLevel == RatingLevel.Good);
        var decision = await db.Decisions.AsNoTracking().Where(d => d.RoundId == roundId && d.DecidingUnitId == decidingUnitId && d.SubjectType == type && d.AmendsDecisionId == null)
            .FirstOrDefaultAsync(ct);
        var warnings = decision is null && rows.Count > 0 ? await OrderWarningsAsync(round, rows, ct) : [];
        return new Board(round, unit, type, rules, items, rows.Count(f => f.Status != FileStatus.Proposed && f.DecidedLevel is null),
            rules.MaxExcellent(excellent, good), decision, warnings);
    }

    /// <summary>
    /// Decides a whole peer group in one transaction: checks the actor, that every subject is reviewed, every level
    /// (cap, reason when it differs from the proposal) and the quota; then records the Decision and moves every
    /// workflow instance on with one engine command.
    /// </summary>
    public async Task<Decision> FinalizeAsync(FinalizeRequest request, Actor actor, CancellationToken ct)
    {
        if (!actor.Is(Roles.StandingCommittee, request.DecidingUnitId))
        {
            throw DomainException.Forbidden("Chỉ thành viên Ban Thường vụ của đơn vị quyết định mới được quyết định xếp loại.");
        }

        var round = await db.Rounds.Include(r => r.RuleSet).FirstOrDefaultAsync(r => r.Id == request.RoundId, ct) ?? throw DomainException.NotFound("đợt đánh giá");
        var rules = round.RuleSet!.Parse();
        var (document, errors) = Document(request.Number, request.DecidedOn, request.SignerName, request.SignerTitle);
        var overQuotaReason = TextRules.Collect(errors, request.OverQuotaReason, TextRules.ReasonLength, "overQuotaReason", "Lý do vượt tỷ lệ", multiline: true);
        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Chưa đủ thông tin của quyết định.", errors);
        }

        var group = await db.Files.AsNoTracking().Where(f => f.RoundId == round.Id && f.DecidingUnitId == request.DecidingUnitId && f.SubjectType == request.SubjectType)
            .OrderBy(f => f.Id).ToListAsync(ct);
        if (group.Count == 0)
        {
            throw DomainException.NotFound("nhóm đối tượng");
        }

        if (group.Any(f => f.DecidedLevel is not null))
        {
            throw DomainException.Conflict("Nhóm này đã có quyết định.");
        }

        var unreviewed = group.Where(f => f.Status != FileStatus.Proposed).ToList();
        if (unreviewed.Count > 0)
        {
            throw DomainException.Invalid($"Còn {unreviewed.Count} hồ sơ chưa thẩm định xong (ví dụ: {string.Join(", ", unreviewed.Take(3).Select(f => f.SubjectName))}); chưa thể quyết định.");
        }

        var choices = (request.Choices ?? []).GroupBy(c => c.FileId).ToDictionary(g => g.Key, g => g.Last());
        var unknown = choices.Keys.Except(group.Select(f => f.Id)).ToList();
        if (unknown.Count > 0)
        {
            throw DomainException.Invalid($"{unknown.Count} lựa chọn không thuộc nhóm này.");
        }

        var decided = new List<(RatingFile File, RatingLevel Level, string? Reason)>(group.Count);
        var levelErrors = new List<FieldError>();
        foreach (var file in group)
        {
            var choice = choices.GetValueOrDefault(file.Id);
            if (choice is null && !request.AcceptProposals)
            {
                levelErrors.Add(new($"choices.{file.Id}", $"{file.SubjectName}: chưa chọn mức."));
                continue;
            }

            try
            {
                var reason = TextRules.Text(choice?.Reason, TextRules.ReasonLength, $"choices.{file.Id}", $"{file.SubjectName}: lý do");
                // Accepting a proposal is checked too: a discipline recorded after the proposal caps it.
                var level = FileService.CheckLevel(file, choice?.Level ?? RatingText.Code(file.ProposedLevel!.Value), reason, file.ProposedLevel,
                    "mức Ban Tổ chức đề xuất", $"choices.{file.Id}", FileService.BandLimit(rules, file));
                decided.Add((file, level, reason));
            }
            catch (DomainException ex)
            {
                levelErrors.Add(new($"choices.{file.Id}", ex.Message));
            }
        }

        if (levelErrors.Count > 0)
        {
            throw DomainException.Invalid($"{levelErrors.Count} mức chưa hợp lệ.", levelErrors);
        }

        var excellent = decided.Count(d => d.Level == RatingLevel.Excellent);
        var max = rules.MaxExcellent(excellent, decided.Count(d => d.Level == RatingLevel.Good));
        if (excellent > max)
        {
            var message = $"Vượt tỷ lệ: chọn {excellent} hoàn thành xuất sắc nhiệm vụ, tối đa {max} ({rules.Quota.Percent.ToString("0.##", CultureInfo.GetCultureInfo("vi-VN"))}% số hoàn thành tốt nhiệm vụ trở lên).";
            if (rules.Quota.OverQuota == OverQuotaPolicy.Refuse)
            {
                throw DomainException.Invalid(message, [new("quota", message)]);
            }

            if (overQuotaReason is null)
            {
                throw DomainException.Invalid(message + " Cần ghi rõ lý do vượt tỷ lệ.", [new("overQuotaReason", "Cần nêu lý do vượt tỷ lệ.")]);
            }
        }

        var warnings = await OrderWarningsAsync(round, group, ct);
        if (warnings.Count > 0 && rules.OrderRulesBlock)
        {
            throw DomainException.Invalid("Chưa đúng thứ tự xếp loại: " + string.Join(" ", warnings));
        }

        var number = document.Number;
        if (await db.Decisions.IgnoreQueryFilters().AnyAsync(d => d.DecidingUnitId == request.DecidingUnitId && d.Number == number, ct))
        {
            throw DomainException.Invalid($"Số quyết định \"{number}\" đã được dùng.", [new("number", "Số quyết định đã tồn tại.")]);
        }

        var decision = new Decision
        {
            RoundId = round.Id,
            DecidingUnitId = request.DecidingUnitId,
            SubjectType = request.SubjectType,
            Number = number,
            DecidedOn = document.DecidedOn,
            SignerName = document.SignerName,
            SignerTitle = document.SignerTitle,
            OverQuotaReason = excellent > max ? overQuotaReason : null,
            MaxExcellent = max,
            CreatedAtUtc = Now,
            CreatedBy = actor.UserName,
        };
        var deadline = ComplaintDeadline(decision.DecidedOn, round.ComplaintDays);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Decisions.Add(decision);
        // One audit row for the whole decision (written here) instead of one per item; back on however this ends.
        using var unaudited = db.WithoutAudit();
        db.AuditEntries.Add(new Audit.AuditEntry
        {
            AtUtc = Now, ActorName = actor.UserName, Action = Audit.AuditAction.Create, EntityType = nameof(Decision), EntityId = decision.Id.ToString(),
            Label = $"Quyết định {number}: {decided.Count} {RatingText.Plural(request.SubjectType)}",
        });
        await db.SaveChangesAsync(ct);

        // Set-based: the items and the timeline entries with one prepared statement each, the files with one UPDATE
        // per level (guarded, so a file someone changed meanwhile makes the whole decision roll back).
        var now = Now;
        var ordered = decided.OrderBy(d => d.Level).ThenBy(d => d.File.SubjectName, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false)).ToList();
        await new BulkInsert(db, "DecisionItems", "Id", "DecisionId", "FileId", "Order", "Level", "Reason")
            .WriteAsync(ordered.Select((d, i) => new object?[] { Guid.CreateVersion7(), decision.Id, d.File.Id, i + 1, d.Level, d.Reason }), ct);
        await new BulkInsert(db, "FileEvents", "Id", "FileId", "AtUtc", "Actor", "ActorName", "Kind", "Level", "Text", "Snapshot")
            .WriteAsync(ordered.Select(d => new object?[]
            {
                Guid.CreateVersion7(), d.File.Id, now, actor.UserName, actor.DisplayName, FileEventKind.Decided, d.Level,
                $"Quyết định số {number}" + (d.Reason is { Length: > 0 } ? ": " + d.Reason : ""), null,
            }), ct);
        foreach (var byLevel in ordered.GroupBy(d => (d.Level, d.Reason)))
        {
            foreach (var chunk in byLevel.Select(d => d.File.Id).Chunk(500))
            {
                var (level, reason) = byLevel.Key;
                var updated = await db.Files.Where(f => chunk.Contains(f.Id) && f.DecidedLevel == null && f.Status == FileStatus.Proposed)
                    .ExecuteUpdateAsync(u => u.SetProperty(f => f.DecidedLevel, level).SetProperty(f => f.DecisionReason, reason)
                        .SetProperty(f => f.DecisionId, decision.Id).SetProperty(f => f.DecidedAtUtc, now).SetProperty(f => f.Status, FileStatus.Decided)
                        .SetProperty(f => f.Version, f => f.Version + 1), ct);
                if (updated != chunk.Length)
                {
                    throw DomainException.Conflict("Một số hồ sơ của nhóm vừa được người khác thay đổi; quyết định chưa được ban hành. Tải lại bảng rồi thử lại.");
                }
            }
        }

        var deadlineValue = TypedValue.String(deadline);
        await engine.DeliverMessagesAsync(RatingWorkflow.DecidedMessage, decided.Select(d => (d.File.InstanceId!.Value, (IReadOnlyDictionary<string, TypedValue>?)new Dictionary<string, TypedValue>
        {
            ["decidedLevel"] = TypedValue.String(RatingText.Code(d.Level)),
            ["decisionNumber"] = TypedValue.String(number),
            ["complaintDeadline"] = deadlineValue,
        })).ToList(), actor.UserName, ct);
        // Published: once this commits, the awards issue what the decision earns (certificates, in the background).
        events.Raise(new DecisionPublished(decision.Id, decision.Number, actor.UserName));
        await tx.CommitAsync(ct);
        return decision;
    }

    /// <summary>The complaint period ends at 17:00 Việt Nam time, <paramref name="days"/> days after the decision.</summary>
    private static string ComplaintDeadline(DateOnly decidedOn, int days) =>
        decidedOn.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T17:00:00+07:00";

    /// <summary>The decision's number, date and signer, cleaned and checked (lengths, characters, a plausible date).</summary>
    private static ((string Number, DateOnly DecidedOn, string SignerName, string SignerTitle) Document, List<FieldError> Errors) Document(
        string? number, DateOnly? decidedOn, string? signerName, string? signerTitle)
    {
        var errors = new List<FieldError>();
        var n = TextRules.Collect(errors, number, 100, "number", "Số quyết định", required: true);
        var name = TextRules.Collect(errors, signerName, 200, "signerName", "Người ký", required: true);
        var title = TextRules.Collect(errors, signerTitle, 200, "signerTitle", "Chức vụ người ký", required: true);
        if (decidedOn is null)
        {
            errors.Add(new("decidedOn", "Chưa nhập ngày quyết định."));
        }
        else if (decidedOn.Value.Year is < 2000 or > 2200)
        {
            errors.Add(new("decidedOn", "Ngày quyết định không hợp lệ."));
        }

        return ((n ?? "", decidedOn ?? default, name ?? "", title ?? ""), errors);
    }

    /// <summary>
    /// DOMAIN.md's order rules: lower levels before higher (the members of a grassroots organization are decided
    /// before the organization is), and collectives before their individual members.
    /// </summary>
    private async Task<List<string>> OrderWarningsAsync(RatingRound round, List<RatingFile> group, CancellationToken ct)
    {
        var warnings = new List<string>();
        var type = group[0].SubjectType;
        if (type == SubjectType.GrassrootsOrganization)
        {
            var unitIds = group.Select(f => f.SubjectUnitId).ToList();
            var pendingMembers = await db.Files.IgnoreQueryFilters().CountAsync(f => f.Round!.Year == round.Year && f.SubjectType == SubjectType.Member
                && unitIds.Contains(f.DecidingUnitId) && f.DecidedLevel == null, ct);
            if (pendingMembers > 0)
            {
                warnings.Add($"Còn {pendingMembers} đảng viên của các tổ chức này chưa được cấp dưới xếp loại.");
            }
        }

        if (type == SubjectType.Member)
        {
            var unitId = group[0].DecidingUnitId;
            var collectivePending = await db.Files.IgnoreQueryFilters().AnyAsync(f => f.Round!.Year == round.Year && f.SubjectType == SubjectType.CommitteeCollective
                && f.SubjectUnitId == unitId && f.DecidedLevel == null, ct);
            if (collectivePending)
            {
                warnings.Add("Tập thể cấp ủy chưa được xếp loại: xếp loại tập thể trước cá nhân.");
            }
        }

        return warnings;
    }

    /// <summary>After a complaint: the superior's standing committee re-decides; an amended Decision references the original.</summary>
    public async Task<Decision> RedecideAsync(Guid fileId, RedecideRequest request, Actor actor, CancellationToken ct)
    {
        var file = await db.Files.FirstOrDefaultAsync(f => f.Id == fileId, ct) ?? throw DomainException.NotFound("hồ sơ");
        FileService.CheckVersion(file, request.Version);

        var task = await db.WfTasks.AsNoTracking().FirstOrDefaultAsync(t => t.InstanceId == file.InstanceId && t.ElementId == RatingWorkflow.Redecide, ct)
            ?? throw DomainException.Conflict("Hồ sơ không ở bước quyết định lại.");
        if (!Processes.TaskAccess.CanSee(task, actor) || actor.IsAdmin && !actor.Principal.IsInRole(Roles.StandingCommittee))
        {
            throw DomainException.Forbidden("Chỉ Ban Thường vụ cấp trên mới được quyết định lại.");
        }

        var (document, errors) = Document(request.Number, request.DecidedOn, request.SignerName, request.SignerTitle);
        var reason = TextRules.Collect(errors, request.Reason, TextRules.ReasonLength, "reason", "Lý do", multiline: true);
        var overQuotaReason = TextRules.Collect(errors, request.OverQuotaReason, TextRules.ReasonLength, "overQuotaReason", "Lý do vượt tỷ lệ", multiline: true);
        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Chưa đủ thông tin của quyết định sửa đổi.", errors);
        }

        var original = await db.Decisions.FirstAsync(d => d.Id == file.DecisionId, ct);
        var rules = (await db.Rounds.IgnoreQueryFilters().AsNoTracking().Include(r => r.RuleSet).FirstAsync(r => r.Id == original.RoundId, ct)).RuleSet!.Parse();
        var level = FileService.CheckLevel(file, request.Level, reason, file.ProposedLevel, "mức thẩm định lại", bandLimit: FileService.BandLimit(rules, file));

        // The quota and caps hold for a re-decision exactly as for the first one: the peer group as decided now, with
        // this file at its new level, is checked against the rule set (refused, or allowed with a recorded reason).
        var group = await db.Files.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.RoundId == original.RoundId && f.DecidingUnitId == original.DecidingUnitId && f.SubjectType == original.SubjectType && f.DecidedLevel != null)
            .Select(f => new { f.Id, f.DecidedLevel }).ToListAsync(ct);
        var before = group.Select(f => f.DecidedLevel!.Value).ToList();
        var after = group.Select(f => f.Id == file.Id ? level : f.DecidedLevel!.Value).ToList();
        var (overBefore, _) = Over(rules, before);
        var (overAfter, maxAfter) = Over(rules, after);
        string? recordedOverQuota = null;
        if (overAfter > 0 && overAfter > overBefore)
        {
            var excellentAfter = after.Count(l => l == RatingLevel.Excellent);
            var message = $"Vượt tỷ lệ: sau quyết định lại, nhóm có {excellentAfter} hoàn thành xuất sắc nhiệm vụ, tối đa {maxAfter} "
                + $"({rules.Quota.Percent.ToString("0.##", CultureInfo.GetCultureInfo("vi-VN"))}% số hoàn thành tốt nhiệm vụ trở lên).";
            if (rules.Quota.OverQuota == OverQuotaPolicy.Refuse)
            {
                throw DomainException.Invalid(message, [new("quota", message)]);
            }

            recordedOverQuota = overQuotaReason
                ?? throw DomainException.Invalid(message + " Cần ghi rõ lý do vượt tỷ lệ.", [new("overQuotaReason", "Cần nêu lý do vượt tỷ lệ.")]);
        }

        var superiorUnitId = await db.Units.IgnoreQueryFilters().Where(u => u.Id == original.DecidingUnitId).Select(u => u.ParentId ?? u.Id).FirstAsync(ct);
        var number = document.Number;
        if (await db.Decisions.IgnoreQueryFilters().AnyAsync(d => d.DecidingUnitId == superiorUnitId && d.Number == number, ct))
        {
            throw DomainException.Invalid($"Số quyết định \"{number}\" đã được dùng.", [new("number", "Số quyết định đã tồn tại.")]);
        }

        var amended = new Decision
        {
            RoundId = original.RoundId,
            DecidingUnitId = superiorUnitId,
            SubjectType = original.SubjectType,
            Number = number,
            DecidedOn = document.DecidedOn,
            SignerName = document.SignerName,
            SignerTitle = document.SignerTitle,
            AmendsDecisionId = original.Id,
            OverQuotaReason = recordedOverQuota,
            MaxExcellent = maxAfter,
            CreatedAtUtc = Now,
            CreatedBy = actor.UserName,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Decisions.Add(amended);
        db.DecisionItems.Add(new DecisionItem { DecisionId = amended.Id, FileId = file.Id, Order = 1, Level = level, Reason = reason });
        file.DecidedLevel = level;
        file.DecisionReason = reason;
        file.DecisionId = amended.Id;
        file.Status = FileStatus.Decided;
        file.DecidedAtUtc = Now;
        file.Version++;
        files.AddEvent(file, actor, FileEventKind.Redecided, level, $"Quyết định số {number} sửa đổi Quyết định số {original.Number}" + (reason is { Length: > 0 } r ? ": " + r : "")
            + (recordedOverQuota is { } q ? $" (vượt tỷ lệ: {q})" : ""), null);
        await db.SaveChangesAsync(ct);
        await engine.CompleteTaskAsync(task.Id, new Dictionary<string, TypedValue>
        {
            ["decidedLevel"] = TypedValue.String(RatingText.Code(level)),
            ["decisionNumber"] = TypedValue.String(number),
        }, actor.UserName, ct);
        // The amendment may take a certificate back or earn one: published like any decision.
        events.Raise(new DecisionPublished(amended.Id, amended.Number, actor.UserName));
        await tx.CommitAsync(ct);
        return amended;
    }

    /// <summary>How far a group's levels exceed the quota (excellent beyond the maximum; 0 or less when within), and the maximum.</summary>
    private static (int Over, int Max) Over(RuleSetDefinition rules, IReadOnlyCollection<RatingLevel> levels)
    {
        var excellent = levels.Count(l => l == RatingLevel.Excellent);
        var max = rules.MaxExcellent(excellent, levels.Count(l => l == RatingLevel.Good));
        return (excellent - max, max);
    }

    /// <summary>Statistics of decided files per subject type (optionally one deciding unit), in level order.</summary>
    public async Task<IReadOnlyList<LevelStatistics>> StatisticsAsync(Guid roundId, Guid? decidingUnitId, CancellationToken ct)
    {
        var query = db.Files.AsNoTracking().Where(f => f.RoundId == roundId && f.DecidedLevel != null);
        if (decidingUnitId is { } unit)
        {
            query = query.Where(f => f.DecidingUnitId == unit);
        }

        var counts = await query.GroupBy(f => new { f.SubjectType, f.DecidedLevel }).Select(g => new { g.Key.SubjectType, g.Key.DecidedLevel, Count = g.Count() }).ToListAsync(ct);
        return counts.GroupBy(c => c.SubjectType).OrderBy(g => g.Key).Select(g =>
        {
            var total = g.Sum(c => c.Count);
            var byLevel = RatingText.Levels.Select(l => g.Where(c => c.DecidedLevel == l).Sum(c => c.Count)).ToArray();
            var percents = Percentages.Of(byLevel, total);
            return new LevelStatistics(g.Key, total, RatingText.Levels.Select((l, i) => (l, byLevel[i], percents[i])).ToList());
        }).ToList();
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    internal static string DateLine(string place, DateOnly day) =>
        $"{place}, ngày {day.Day:00} tháng {day.Month:00} năm {day.Year}";

    internal static string Format(DateTime utc) => VietnamTime.Format(utc);
}
