using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.Ratings;

/// <summary>The amending decision after a complaint: the new level, its reason and document, and a reason when over the quota.</summary>
public sealed record RedecideRequest(string? Level, string? Reason, string? Number, DateOnly? DecidedOn, string? SignerName, string? SignerTitle, int Version,
    string? OverQuotaReason = null, bool PublishReason = false);

/// <summary>
/// After a complaint and its re-verification, the superior's standing committee re-decides: an amending Decision that
/// references the original, checked against the cap, the band and the quota exactly as the first decision was (the
/// group as decided now, with this file at its new level), and published like any decision.
/// </summary>
public sealed class Redecide(AppDbContext db, WorkflowEngine engine, FileSteps steps, DomainEvents events)
{
    public async Task<Decision> RunAsync(Guid fileId, RedecideRequest request, Actor actor, CancellationToken ct)
    {
        var file = await steps.LoadAsync(fileId, request.Version, ct);
        var task = await db.WfTasks.AsNoTracking().FirstOrDefaultAsync(t => t.InstanceId == file.InstanceId && t.ElementId == RatingWorkflow.Redecide, ct)
            ?? throw DomainException.Conflict("Hồ sơ không ở bước quyết định lại.");
        if (!TaskAccess.CanSee(task, actor) || actor.IsAdmin && !actor.Principal.IsInRole(Roles.StandingCommittee))
        {
            throw DomainException.Forbidden("Chỉ Ban Thường vụ cấp trên mới được quyết định lại.");
        }

        var errors = new List<FieldError>();
        var document = DecisionDocument.Read(request.Number, request.DecidedOn, request.SignerName, request.SignerTitle, errors);
        var reason = TextRules.Collect(errors, request.Reason, TextRules.ReasonLength, "reason", "Lý do", multiline: true);
        var overQuotaReason = TextRules.Collect(errors, request.OverQuotaReason, TextRules.ReasonLength, "overQuotaReason", "Lý do vượt tỷ lệ", multiline: true);
        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Chưa đủ thông tin của quyết định sửa đổi.", errors);
        }

        var original = await db.Decisions.FirstAsync(d => d.Id == file.DecisionId, ct);
        var rules = (await db.Rounds.IgnoreQueryFilters().AsNoTracking().Include(r => r.RuleSet).FirstAsync(r => r.Id == original.RoundId, ct)).RuleSet!.Parse();
        var level = LevelRules.Check(file, request.Level, reason, file.ProposedLevel, "mức thẩm định lại", bandLimit: LevelRules.BandLimit(rules, file));
        var group = await db.Files.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.RoundId == original.RoundId && f.DecidingUnitId == original.DecidingUnitId && f.SubjectType == original.SubjectType && f.DecidedLevel != null)
            .Select(f => new { f.Id, f.DecidedLevel }).ToListAsync(ct);
        var (maxAfter, recordedOverQuota) = QuotaRules.CheckChange(rules,
            group.Select(f => f.DecidedLevel!.Value).ToList(), group.Select(f => f.Id == file.Id ? level : f.DecidedLevel!.Value).ToList(), overQuotaReason);

        var superiorUnitId = await db.Units.IgnoreQueryFilters().Where(u => u.Id == original.DecidingUnitId).Select(u => u.ParentId ?? u.Id).FirstAsync(ct);
        if (await db.Decisions.IgnoreQueryFilters().AnyAsync(d => d.DecidingUnitId == superiorUnitId && d.Number == document.Number, ct))
        {
            throw DomainException.Invalid($"Số quyết định \"{document.Number}\" đã được dùng.", [new("number", "Số quyết định đã tồn tại.")]);
        }

        var amended = new Decision
        {
            RoundId = original.RoundId,
            DecidingUnitId = superiorUnitId,
            SubjectType = original.SubjectType,
            Number = document.Number,
            DecidedOn = document.DecidedOn,
            SignerName = document.SignerName,
            SignerTitle = document.SignerTitle,
            AmendsDecisionId = original.Id,
            OverQuotaReason = recordedOverQuota,
            MaxExcellent = maxAfter,
            CreatedAtUtc = steps.Now,
            CreatedBy = actor.UserName,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Decisions.Add(amended);
        db.DecisionItems.Add(new DecisionItem { DecisionId = amended.Id, FileId = file.Id, Order = 1, Level = level, Reason = reason, ReasonPublished = reason is not null && request.PublishReason });
        file.DecidedLevel = level;
        file.DecisionReason = reason;
        file.DecisionId = amended.Id;
        file.Status = FileStatus.Decided;
        file.DecidedAtUtc = steps.Now;
        file.Version++;
        steps.AddEvent(file, actor, FileEventKind.Redecided, level, $"Quyết định số {amended.Number} sửa đổi Quyết định số {original.Number}" + (reason is { Length: > 0 } r ? ": " + r : "")
            + (recordedOverQuota is { } q ? $" (vượt tỷ lệ: {q})" : ""), null);
        await db.SaveChangesAsync(ct);
        await engine.CompleteTaskAsync(task.Id, new Dictionary<string, TypedValue>
        {
            ["decidedLevel"] = TypedValue.String(RatingText.Code(level)),
            ["decisionNumber"] = TypedValue.String(amended.Number),
        }, actor.UserName, ct);
        // The amendment may take a certificate back or earn one: published like any decision.
        events.Raise(new DecisionPublished(amended.Id, amended.Number, actor.UserName));
        await tx.CommitAsync(ct);
        return amended;
    }
}
