using Workflow.Engine.Runtime;
using Workflow.Web.Data;

namespace Workflow.Web.Ratings;

/// <summary>The organization board's review (propose or return) or the superior board's re-verification (level and conclusion).</summary>
public sealed record ReviewRequest(string? Action, string? Level, string? Reason, int Version);

/// <summary>
/// The organization board proposes a level (with a reason when it differs from the suggested one, never above the cap
/// or the band) or returns the file with a reason; either completes its review task in the file's transaction.
/// </summary>
public sealed class ReviewFile(AppDbContext db, WorkflowEngine engine, FileSteps steps)
{
    public async Task<RatingFile> RunAsync(Guid fileId, ReviewRequest request, Actor actor, CancellationToken ct)
    {
        var (file, task, rules) = await steps.AtTaskAsync(fileId, RatingWorkflow.BoardReview, request.Version, actor,
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
            steps.AddEvent(file, actor, FileEventKind.Returned, null, reason, null);
        }
        else if (string.Equals(request.Action, "propose", StringComparison.OrdinalIgnoreCase))
        {
            var level = LevelRules.Check(file, request.Level, reason, file.SuggestedLevel, "mức gợi ý", bandLimit: LevelRules.BandLimit(rules, file));
            variables["boardAction"] = TypedValue.String("propose");
            variables["proposedLevel"] = TypedValue.String(RatingText.Code(level));
            file.ProposedLevel = level;
            file.ProposalReason = reason;
            steps.AddEvent(file, actor, FileEventKind.Proposed, level, reason, null);
        }
        else
        {
            throw DomainException.Invalid("Hành động phải là \"propose\" (đề xuất mức) hoặc \"return\" (trả lại).", [new("action", "Hành động không hợp lệ.")]);
        }

        file.Version++;
        await db.SaveChangesAsync(ct);
        await engine.CompleteTaskAsync(task.Id, variables, actor.UserName, ct);
        await steps.RefreshStatusAsync(file, ct);
        await steps.SaveAndCommitAsync(tx, ct);
        return file;
    }
}
