using Workflow.Engine.Runtime;
using Workflow.Web.Data;

namespace Workflow.Web.Ratings;

/// <summary>
/// After a complaint, the superior's organization board re-verifies the file: a level (within the cap and the band)
/// and its conclusion, which the superior's standing committee then re-decides (<see cref="Redecide"/>).
/// </summary>
public sealed class ReverifyFile(AppDbContext db, WorkflowEngine engine, FileSteps steps)
{
    public async Task<RatingFile> RunAsync(Guid fileId, ReviewRequest request, Actor actor, CancellationToken ct)
    {
        var (file, task, rules) = await steps.AtTaskAsync(fileId, RatingWorkflow.Reverify, request.Version, actor,
            "Chỉ Ban Tổ chức cấp trên mới được thẩm định lại hồ sơ khiếu nại.", ct);
        var reason = TextRules.Text(request.Reason, TextRules.ReasonLength, "reason", "Kết luận thẩm định lại");
        var level = LevelRules.Check(file, request.Level, reason, null, "", bandLimit: LevelRules.BandLimit(rules, file));
        if (reason is null)
        {
            throw DomainException.Invalid("Thẩm định lại cần nêu kết luận.", [new("reason", "Chưa nêu kết luận thẩm định lại.")]);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        file.ProposedLevel = level;
        file.ProposalReason = reason;
        file.Version++;
        steps.AddEvent(file, actor, FileEventKind.Reverified, level, reason, null);
        await db.SaveChangesAsync(ct);
        await engine.CompleteTaskAsync(task.Id, new Dictionary<string, TypedValue> { ["reverifiedLevel"] = TypedValue.String(RatingText.Code(level)) }, actor.UserName, ct);
        await steps.SaveAndCommitAsync(tx, ct);
        return file;
    }
}
