using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.Ratings;

/// <summary>An approval (or a return, with a reason) of a step an admin added to the rating workflow.</summary>
public sealed record GenericTaskRequest(string? Action, string? Comment, int Version);

/// <summary>
/// Any other user task of an edited rating workflow: approve (or return) with a comment. The task's own variables
/// (<c>{step}Action</c>, <c>{step}Comment</c>) are written here only, never over a variable the product reserves.
/// </summary>
public sealed class CompleteWorkflowStep(AppDbContext db, WorkflowEngine engine, FileSteps steps)
{
    public async Task<RatingFile> RunAsync(Guid fileId, Guid taskId, GenericTaskRequest request, Actor actor, CancellationToken ct)
    {
        var file = await steps.LoadAsync(fileId, request.Version, ct);
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
        steps.AddEvent(file, actor, action == "return" ? FileEventKind.Returned : FileEventKind.Comment, null,
            $"{task.Name ?? task.ElementId}: {(action == "return" ? "trả lại" : "đồng ý")}{(comment is { Length: > 0 } c ? " — " + c : "")}", null);
        await db.SaveChangesAsync(ct);
        await engine.CompleteTaskAsync(task.Id, new Dictionary<string, TypedValue>
        {
            [task.ElementId + "Action"] = TypedValue.String(action),
            [task.ElementId + "Comment"] = TypedValue.String(comment),
        }, actor.UserName, ct);
        await steps.RefreshStatusAsync(file, ct);
        await steps.SaveAndCommitAsync(tx, ct);
        return file;
    }
}
