using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.Ratings;

/// <summary>A complaint about a decided level, with its reason.</summary>
public sealed record ComplaintRequest(string? Reason, int Version);

/// <summary>
/// The unit's secretary (or the member rated) complains about a decided level within the complaint period: the file
/// becomes "complained" and its workflow receives the complaint message (on to the superior's re-verification).
/// </summary>
public sealed class FileComplaint(AppDbContext db, WorkflowEngine engine, FileSteps steps)
{
    public async Task<RatingFile> RunAsync(Guid fileId, string? reason, int version, Actor actor, CancellationToken ct)
    {
        var file = await steps.LoadAsync(fileId, version, ct);
        if (!actor.IsAdmin && !actor.Is(Roles.BranchSecretary, file.SubjectUnitId) && !(file.MemberId is { } m && actor.MemberId == m))
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
        steps.AddEvent(file, actor, FileEventKind.ComplaintFiled, file.DecidedLevel, reason, null);
        await db.SaveChangesAsync(ct);
        await engine.CorrelateMessageAsync(RatingWorkflow.ComplaintMessage, file.BusinessKey,
            variables: new Dictionary<string, TypedValue> { ["complaintReason"] = TypedValue.String(reason) }, actor: actor.UserName, ct: ct);
        await steps.SaveAndCommitAsync(tx, ct);
        return file;
    }
}
