using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.Awards;

/// <summary>The upper board's examination: "forward" to its standing committee, or "return" to the proposing committee with a reason.</summary>
public sealed record ExamineProposalRequest(int Version, string? Action, string? Reason);

/// <summary>The province's organization board examines a proposal from below (its step of workflows/award-proposal.bpmn).</summary>
public sealed class ExamineProposal(AppDbContext db, WorkflowEngine engine)
{
    public async Task<AwardProposal> RunAsync(Guid proposalId, ExamineProposalRequest request, Actor actor, CancellationToken ct)
    {
        var proposal = await ProposalStep.LoadAsync(db, proposalId, request.Version, ct);
        var task = await ProposalStep.TaskAsync(db, proposal, AwardWorkflow.ExamineStep, actor, $"Chỉ Ban Tổ chức {proposal.ToUnitName} được thẩm định đề nghị này.", ct);
        var returning = string.Equals(request.Action, "return", StringComparison.OrdinalIgnoreCase);
        var errors = new List<FieldError>();
        var reason = TextRules.Collect(errors, request.Reason, TextRules.ReasonLength, "reason", "Lý do trả lại", multiline: true, required: returning);
        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Trả lại cấp dưới cần nêu lý do.", errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        proposal.Status = returning ? AwardProposalStatus.Returned : AwardProposalStatus.Deciding;
        proposal.ReturnReason = returning ? reason : null;
        proposal.Version++;
        await db.SaveChangesAsync(ct);
        await engine.CompleteTaskAsync(task.Id, new Dictionary<string, TypedValue>
        {
            ["reviewAction"] = TypedValue.String(returning ? "return" : "forward"),
            ["reviewReason"] = TypedValue.String(reason),
        }, actor.UserName, ct);
        await tx.CommitAsync(ct);
        return proposal;
    }
}

/// <summary>Loading a proposal for a command: the version the actor saw, its open task at a step, and who may act.</summary>
internal static class ProposalStep
{
    public static async Task<AwardProposal> LoadAsync(AppDbContext db, Guid proposalId, int version, CancellationToken ct)
    {
        var proposal = await db.AwardProposals.FirstOrDefaultAsync(p => p.Id == proposalId, ct) ?? throw DomainException.NotFound("đề nghị khen thưởng");
        if (proposal.Version != version)
        {
            throw DomainException.Conflict("Đề nghị vừa được người khác cập nhật. Tải lại trang để xem tình trạng mới rồi thao tác lại.");
        }

        return proposal;
    }

    public static async Task<WfTask> TaskAsync(AppDbContext db, AwardProposal proposal, string step, Actor actor, Message forbidden, CancellationToken ct)
    {
        var task = await db.WfTasks.AsNoTracking().FirstOrDefaultAsync(t => t.InstanceId == proposal.InstanceId && t.ElementId == step, ct)
            ?? throw DomainException.Conflict("Đề nghị không ở bước này (có thể vừa được người khác xử lý). Tải lại trang để xem tình trạng mới.");
        return TaskAccess.CanAct(task, actor) ? task : throw DomainException.Forbidden(forbidden);
    }
}
