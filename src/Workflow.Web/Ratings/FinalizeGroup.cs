using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Engine.Runtime;
using Workflow.Web.Audit;
using Workflow.Web.Data;

namespace Workflow.Web.Ratings;

/// <summary>
/// The level the standing committee chooses for one file (a reason when it differs from the proposal). The reason stays in
/// the file's record; it is printed in the Decision for every branch to read only when <paramref name="PublishReason"/>.
/// </summary>
public sealed record DecisionChoice(Guid FileId, string? Level, string? Reason, bool PublishReason = false);

/// <summary>A peer group's decision: its document, the choices (or "accept the proposals") and a reason when over the quota.</summary>
public sealed record FinalizeRequest(
    Guid RoundId, Guid DecidingUnitId, SubjectType SubjectType, string? Number, DateOnly? DecidedOn, string? SignerName, string? SignerTitle,
    bool AcceptProposals, List<DecisionChoice>? Choices, string? OverQuotaReason);

/// <summary>
/// The standing committee decides a whole peer group in one transaction: it checks the actor, that every subject is
/// reviewed, every level (cap, band, reason when it differs from the proposal), the quota and the order rules; then
/// records the Decision, its items, the files and the timeline set-based, moves every workflow instance on with one
/// engine command, and raises <see cref="DecisionPublished"/> (the awards follow once it commits).
/// </summary>
public sealed class FinalizeGroup(AppDbContext db, WorkflowEngine engine, DecisionOrder order, DomainEvents events, TimeProvider clock)
{
    private sealed record Decided(RatingFile File, RatingLevel Level, string? Reason, bool Publish);

    public async Task<Decision> RunAsync(FinalizeRequest request, Actor actor, CancellationToken ct)
    {
        if (!actor.Is(Roles.StandingCommittee, request.DecidingUnitId))
        {
            throw DomainException.Forbidden("Chỉ thành viên Ban Thường vụ của đơn vị quyết định mới được quyết định xếp loại.");
        }

        var round = await db.Rounds.Include(r => r.RuleSet).FirstOrDefaultAsync(r => r.Id == request.RoundId, ct) ?? throw DomainException.NotFound("đợt đánh giá");
        var rules = round.RuleSet!.Parse();
        var errors = new List<FieldError>();
        var document = DecisionDocument.Read(request.Number, request.DecidedOn, request.SignerName, request.SignerTitle, errors);
        var overQuotaReason = TextRules.Collect(errors, request.OverQuotaReason, TextRules.ReasonLength, "overQuotaReason", "Lý do vượt tỷ lệ", multiline: true);
        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Chưa đủ thông tin của quyết định.", errors);
        }

        var group = await GroupAsync(request, round, ct);
        var decided = Choose(group, request, rules);
        var (max, recordedOverQuota) = QuotaRules.Check(rules, decided.Select(d => d.Level).ToList(), overQuotaReason);
        var warnings = await order.WarningsAsync(round, group, ct);
        if (warnings.Count > 0 && rules.OrderRulesBlock)
        {
            throw DomainException.Invalid($"Chưa đúng thứ tự xếp loại: {string.Join(" ", warnings)}");
        }

        if (await db.Decisions.IgnoreQueryFilters().AnyAsync(d => d.DecidingUnitId == request.DecidingUnitId && d.Number == document.Number, ct))
        {
            throw DomainException.Invalid($"Số quyết định \"{document.Number}\" đã được dùng.", [new("number", "Số quyết định đã tồn tại.")]);
        }

        var decision = new Decision
        {
            RoundId = round.Id,
            DecidingUnitId = request.DecidingUnitId,
            SubjectType = request.SubjectType,
            Number = document.Number,
            DecidedOn = document.DecidedOn,
            SignerName = document.SignerName,
            SignerTitle = document.SignerTitle,
            OverQuotaReason = recordedOverQuota,
            MaxExcellent = max,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = actor.UserName,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await WriteAsync(decision, decided, actor, ct);
        await engine.DeliverMessagesAsync(RatingWorkflow.DecidedMessage, decided.Select(d => (d.File.InstanceId!.Value, (IReadOnlyDictionary<string, TypedValue>?)new Dictionary<string, TypedValue>
        {
            ["decidedLevel"] = TypedValue.String(RatingText.Code(d.Level)),
            ["decisionNumber"] = TypedValue.String(decision.Number),
            ["complaintDeadline"] = TypedValue.String(DecisionDocument.ComplaintDeadline(decision.DecidedOn, round.ComplaintDays)),
        })).ToList(), actor.UserName, ct);
        events.Raise(new DecisionPublished(decision.Id, decision.Number, actor.UserName));
        await tx.CommitAsync(ct);
        return decision;
    }

    /// <summary>The peer group, undecided and fully reviewed.</summary>
    private async Task<List<RatingFile>> GroupAsync(FinalizeRequest request, RatingRound round, CancellationToken ct)
    {
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

        return group;
    }

    /// <summary>Every file's level: the committee's choice or (when accepting) the proposal, each checked; all errors at once.</summary>
    private static List<Decided> Choose(List<RatingFile> group, FinalizeRequest request, RuleSetDefinition rules)
    {
        var choices = (request.Choices ?? []).GroupBy(c => c.FileId).ToDictionary(g => g.Key, g => g.Last());
        var unknown = choices.Keys.Except(group.Select(f => f.Id)).ToList();
        if (unknown.Count > 0)
        {
            throw DomainException.Invalid($"{unknown.Count} lựa chọn không thuộc nhóm này.");
        }

        var decided = new List<Decided>(group.Count);
        var errors = new List<FieldError>();
        foreach (var file in group)
        {
            var choice = choices.GetValueOrDefault(file.Id);
            if ((choice is null && !request.AcceptProposals) || (choice is not null && string.IsNullOrWhiteSpace(choice.Level)))
            {
                errors.Add(new($"choices.{file.Id}", $"{file.SubjectName}: chưa chọn mức."));
                continue;
            }

            try
            {
                var reason = TextRules.Text(choice?.Reason, TextRules.ReasonLength, $"choices.{file.Id}", $"{file.SubjectName}: lý do");
                // Accepting a proposal is checked too: a discipline recorded after the proposal caps it.
                var level = LevelRules.Check(file, choice?.Level ?? RatingText.Code(file.ProposedLevel!.Value), reason, file.ProposedLevel,
                    "mức Ban Tổ chức đề xuất", $"choices.{file.Id}", LevelRules.BandLimit(rules, file));
                decided.Add(new(file, level, reason, reason is not null && choice?.PublishReason == true));
            }
            catch (DomainException ex)
            {
                errors.Add(new($"choices.{file.Id}", ex.Message));
            }
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid($"{errors.Count} mức chưa hợp lệ.", errors);
        }

        return decided;
    }

    /// <summary>
    /// Set-based: one audit row for the whole decision instead of one per item, the items and the timeline entries with
    /// one prepared statement each, the files with one UPDATE per (level, reason) — guarded, so a file someone changed
    /// meanwhile rolls the whole decision back.
    /// </summary>
    private async Task WriteAsync(Decision decision, List<Decided> decided, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Decisions.Add(decision);
        using var unaudited = db.WithoutAudit();
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = now, ActorName = actor.UserName, Action = AuditAction.Create, EntityType = nameof(Decision), EntityId = decision.Id.ToString(),
            Label = $"Quyết định {decision.Number}: {decided.Count} {RatingText.Plural(decision.SubjectType)}",
        });
        await db.SaveChangesAsync(ct);

        var ordered = decided.OrderBy(d => d.Level).ThenBy(d => d.File.SubjectName, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false)).ToList();
        await new BulkInsert(db, "DecisionItems", "Id", "DecisionId", "FileId", "Order", "Level", "Reason", "ReasonPublished")
            .WriteAsync(ordered.Select((d, i) => new object?[] { Uuid7.New(), decision.Id, d.File.Id, i + 1, d.Level, d.Reason, d.Publish }), ct);
        await new BulkInsert(db, "FileEvents", "Id", "FileId", "AtUtc", "Actor", "ActorName", "Kind", "Level", "Text", "Snapshot")
            .WriteAsync(ordered.Select(d => new object?[]
            {
                Uuid7.New(), d.File.Id, now, actor.UserName, actor.DisplayName, FileEventKind.Decided, d.Level,
                $"Quyết định số {decision.Number}" + (d.Reason is { Length: > 0 } ? ": " + d.Reason : ""), null,
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
    }
}
