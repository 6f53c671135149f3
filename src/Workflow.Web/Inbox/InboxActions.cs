using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Notifications;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;
namespace Workflow.Web.Inbox;

/// <summary>The outcome of one action on one task, as the inbox shows it (a bulk action returns one per task).</summary>
/// <remarks><see cref="Missing"/>: the task does not exist for the caller (gone, or never theirs to see): 404, as every record.</remarks>
public sealed record TaskActionResult(Guid TaskId, bool Ok, string Message, string? Subject = null, bool Missing = false);

public sealed record PersonOption(string UserName, string FullName);

/// <summary>
/// What a reviewer does to tasks from the inbox besides the step's own form: claim, unclaim, reassign to a colleague
/// who may see the task, delegate with a note (the colleague works on it and hands it back), hand back, comment, and
/// bulk claim or accept. Every action re-checks the rights on the task as it is now; a task someone else took or
/// finished in the meantime is a clear Vietnamese message, never an error page.
/// </summary>
public sealed class InboxActions(
    AppDbContext db, WorkflowEngine engine, ReviewFile review, UserManager<AppUser> users, IUserClaimsPrincipalFactory<AppUser> principals,
    Notifier notifier, RequestContext request, IServiceScopeFactory scopes, TimeProvider clock)
{
    public const int MaxBulk = 100;

    public Task<TaskActionResult> ClaimAsync(Guid taskId, ClaimsPrincipal user, CancellationToken ct) =>
        RunAsync(taskId, user, "Đã nhận việc.", task => engine.ClaimTaskAsync(task.Id, Actor.From(user).UserName, ct), ct);

    public Task<TaskActionResult> UnclaimAsync(Guid taskId, ClaimsPrincipal user, CancellationToken ct) =>
        RunAsync(taskId, user, "Đã trả việc về nhóm.", async task =>
        {
            if (task.Assignee is null)
            {
                throw new InboxRefusedException("Việc này chưa ai nhận.");
            }

            await engine.UnclaimTaskAsync(task.Id, Actor.From(user).UserName, ct);
        }, ct);

    /// <summary>Gives the task to a colleague who is among its candidates (the same group, so the same unit).</summary>
    public Task<TaskActionResult> ReassignAsync(Guid taskId, string? toUser, ClaimsPrincipal user, CancellationToken ct) =>
        RunAsync(taskId, user, $"Đã giao việc cho {toUser}.", async task =>
        {
            var target = await EligibleTargetAsync(task, toUser, user, ct);
            await engine.SetAssigneeAsync(task.Id, target.UserName, Actor.From(user).UserName, ct);
            notifier.Add(target.UserName!, NotificationKind.Assigned, $"{DisplayName(user)} giao cho bạn việc \"{task.Name}\" ({await SubjectAsync(task, ct)}).", Link(task));
            await db.SaveChangesAsync(ct);
        }, ct);

    /// <summary>Camunda's delegation: the colleague works on the task and hands it back; the note goes to them and the timeline.</summary>
    public Task<TaskActionResult> DelegateAsync(Guid taskId, string? toUser, string? note, ClaimsPrincipal user, CancellationToken ct) =>
        RunAsync(taskId, user, $"Đã ủy quyền cho {toUser}.", async task =>
        {
            if (task.DelegationState == "PENDING")
            {
                throw new InboxRefusedException("Việc đang được ủy quyền; chờ người được ủy quyền hoàn tất rồi mới ủy quyền tiếp.");
            }

            var target = await EligibleTargetAsync(task, toUser, user, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await engine.DelegateTaskAsync(task.Id, target.UserName!, Actor.From(user).UserName, ct);
            var text = $"Ủy quyền \"{task.Name}\" cho {target.FullName}{(string.IsNullOrWhiteSpace(note) ? "" : ": " + note.Trim())}";
            await AddFileEventAsync(task, user, FileEventKind.Comment, text, ct);
            notifier.Add(target.UserName!, NotificationKind.Delegated, $"{DisplayName(user)} ủy quyền cho bạn việc \"{task.Name}\" ({await SubjectAsync(task, ct)})"
                + (string.IsNullOrWhiteSpace(note) ? "." : ": " + note.Trim()), Link(task));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);

    /// <summary>The delegate hands the task back to its owner, with a note.</summary>
    public Task<TaskActionResult> ResolveAsync(Guid taskId, string? note, ClaimsPrincipal user, CancellationToken ct) =>
        RunAsync(taskId, user, "Đã hoàn tất phần việc được ủy quyền và chuyển lại người giao.", async task =>
        {
            if (task.DelegationState != "PENDING" || task.Assignee != Actor.From(user).UserName)
            {
                throw new InboxRefusedException("Việc này không ở trạng thái ủy quyền cho bạn.");
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await engine.ResolveTaskAsync(task.Id, null, Actor.From(user).UserName, ct);
            await AddFileEventAsync(task, user, FileEventKind.Comment,
                $"Hoàn tất phần việc được ủy quyền \"{task.Name}\"{(string.IsNullOrWhiteSpace(note) ? "" : ": " + note.Trim())}", ct);
            if (task.Owner is { } owner)
            {
                notifier.Add(owner, NotificationKind.Resolved, $"{DisplayName(user)} đã hoàn tất phần việc bạn ủy quyền: \"{task.Name}\" ({await SubjectAsync(task, ct)})"
                    + (string.IsNullOrWhiteSpace(note) ? "." : ": " + note.Trim()), Link(task));
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);

    /// <summary>A comment on the task's file timeline (anyone who sees the task may comment; the task stays where it is).</summary>
    public async Task<TaskActionResult> CommentAsync(Guid taskId, string? text, ClaimsPrincipal user, CancellationToken ct)
    {
        var task = await db.WfTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null || !TaskAccess.CanSee(task, Actor.From(user)))
        {
            return new TaskActionResult(taskId, false, "Việc này không còn, hoặc bạn không được giao.", Missing: true);
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > 2000)
        {
            return new TaskActionResult(taskId, false, "Ý kiến cần từ 1 đến 2.000 ký tự.");
        }

        if (!await AddFileEventAsync(task, user, FileEventKind.Comment, $"{task.Name}: {text.Trim()}", ct))
        {
            return new TaskActionResult(taskId, false, "Việc này không gắn với hồ sơ nào để ghi ý kiến.");
        }

        await db.SaveChangesAsync(ct);
        return new TaskActionResult(taskId, true, "Đã ghi ý kiến vào diễn biến hồ sơ.");
    }

    /// <summary>
    /// A bulk action over tasks the user selected: "claim", or "accept" (the organization board proposes each file's
    /// own proposed level). Each task is its own command in its own scope and transaction, because the result is per
    /// task: one that fails (taken by someone else, a level that needs a reason) must not undo the others.
    /// </summary>
    public async Task<IReadOnlyList<TaskActionResult>> BulkAsync(string? action, IReadOnlyList<Guid>? taskIds, ClaimsPrincipal user, CancellationToken ct)
    {
        if (action is not ("claim" or "accept"))
        {
            throw DomainException.Invalid("Thao tác hàng loạt phải là \"claim\" (nhận việc) hoặc \"accept\" (chấp nhận mức đề xuất).", [new("action", "Thao tác không hợp lệ.")]);
        }

        var ids = (taskIds ?? []).Distinct().ToList();
        if (ids.Count == 0 || ids.Count > MaxBulk)
        {
            throw DomainException.Invalid($"Chọn từ 1 đến {MaxBulk} việc.", [new("taskIds", "Số việc chọn không hợp lệ.")]);
        }

        var results = new List<TaskActionResult>(ids.Count);
        foreach (var id in ids)
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var theirs = services.GetRequiredService<RequestContext>();
            (theirs.Scope, theirs.ActorId, theirs.ActorName) = (request.Scope, request.ActorId, request.ActorName);
            results.Add(action == "claim"
                ? await services.GetRequiredService<InboxActions>().ClaimAsync(id, user, ct)
                : await services.GetRequiredService<InboxActions>().AcceptAsync(id, user, ct));
        }

        return results;
    }

    /// <summary>Accepts one file's proposal: the organization board proposes the level the branch proposed.</summary>
    public Task<TaskActionResult> AcceptAsync(Guid taskId, ClaimsPrincipal user, CancellationToken ct) =>
        RunAsync(taskId, user, async task =>
        {
            var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.InstanceId == task.InstanceId, ct);
            if (task.ElementId != RatingWorkflow.BoardReview || file is null)
            {
                throw new InboxRefusedException($"\"{task.Name}\" không duyệt hàng loạt được; mở việc để xử lý.");
            }

            var level = file.SelfLevel ?? file.SuggestedLevel ?? throw new InboxRefusedException("Hồ sơ chưa có mức tự đề xuất.");
            await review.RunAsync(file.Id, new ReviewRequest("propose", RatingText.Code(level), null, file.Version), Actor.From(user), ct);
            return $"Đã đề xuất {RatingText.Code(level)}.";
        }, ct);

    /// <summary>Users a task may be reassigned or delegated to: its candidates (users of its groups, in their units).</summary>
    public async Task<IReadOnlyList<PersonOption>> EligibleAsync(Guid taskId, ClaimsPrincipal user, CancellationToken ct)
    {
        var task = await db.WfTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null || !TaskAccess.CanSee(task, Actor.From(user)))
        {
            throw DomainException.NotFound("việc này");
        }

        if (!TaskAccess.CanAct(task, Actor.From(user)))
        {
            return [];
        }

        var audience = await db.WfTaskAudience.AsNoTracking().Where(a => a.TaskId == taskId).Select(a => a.Principal).ToListAsync(ct);
        var found = await AudienceMembers.UsersAsync(db, audience, bareRoles: true, ct);
        var me = Actor.From(user).UserName;
        return found.Where(u => u.UserName != me && u.UserName != task.Assignee).DistinctBy(u => u.Id).OrderBy(u => u.FullName)
            .Take(200).Select(u => new PersonOption(u.UserName!, u.FullName)).ToList();
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private Task<TaskActionResult> RunAsync(Guid taskId, ClaimsPrincipal user, string done, Func<WfTask, Task> command, CancellationToken ct) =>
        RunAsync(taskId, user, async task =>
        {
            await command(task);
            return done;
        }, ct);

    /// <summary>
    /// The one frame of every task action: the task as it is now, the caller's rights on it, and every refusal turned
    /// into a per-task result with a Vietnamese message (a bulk action lists them side by side).
    /// </summary>
    private async Task<TaskActionResult> RunAsync(Guid taskId, ClaimsPrincipal user, Func<WfTask, Task<string>> command, CancellationToken ct)
    {
        var task = await db.WfTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null || !TaskAccess.CanSee(task, Actor.From(user)))
        {
            return new TaskActionResult(taskId, false, "Việc này không còn (có thể vừa được người khác xử lý), hoặc bạn không được giao.", Missing: true);
        }

        var subject = await SubjectAsync(task, ct);
        if (!TaskAccess.CanAct(task, Actor.From(user)))
        {
            return new TaskActionResult(taskId, false, $"Việc đã được {task.Assignee} nhận.", subject);
        }

        try
        {
            return new TaskActionResult(taskId, true, await command(task), subject);
        }
        catch (Exception ex) when (ex is InboxRefusedException or EngineException or DomainException)
        {
            return new TaskActionResult(taskId, false, ex.Message, subject);
        }
        catch (ConcurrencyException)
        {
            return new TaskActionResult(taskId, false, "Việc vừa được người khác xử lý; danh sách đã được làm mới.", subject);
        }
    }

    private async Task<AppUser> EligibleTargetAsync(WfTask task, string? toUser, ClaimsPrincipal user, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(toUser))
        {
            throw new InboxRefusedException("Chưa chọn người nhận việc.");
        }

        var target = await users.FindByNameAsync(toUser.Trim());
        if (target is null)
        {
            throw new InboxRefusedException($"Không tìm thấy người dùng \"{toUser}\".");
        }

        var theirs = await principals.CreateAsync(target);
        var audience = await db.WfTaskAudience.AsNoTracking().Where(a => a.TaskId == task.Id).Select(a => a.Principal).ToListAsync(ct);
        var assignee = task.Assignee is { } a ? TaskPrincipal.User(a).Stored : null;
        var candidate = Actor.From(theirs).Principals.Select(p => p.Stored).Any(p => audience.Contains(p) && p != assignee);
        if (!candidate)
        {
            throw new InboxRefusedException($"{target.FullName} không thuộc nhóm được giao việc này (chỉ giao trong cùng nhóm, cùng đơn vị).");
        }

        return target;
    }

    private async Task<bool> AddFileEventAsync(WfTask task, ClaimsPrincipal user, FileEventKind kind, string text, CancellationToken ct)
    {
        var fileId = await db.Files.IgnoreQueryFilters().Where(f => f.InstanceId == task.InstanceId).Select(f => (Guid?)f.Id).FirstOrDefaultAsync(ct);
        if (fileId is null)
        {
            return false;
        }

        var actor = Actor.From(user);
        db.FileEvents.Add(new FileEvent
        {
            FileId = fileId.Value, AtUtc = clock.GetUtcNow().UtcDateTime, Actor = actor.UserName, ActorName = actor.DisplayName, Kind = kind, Text = text,
        });
        return true;
    }

    private async Task<string> SubjectAsync(WfTask task, CancellationToken ct) =>
        await db.Files.IgnoreQueryFilters().Where(f => f.InstanceId == task.InstanceId).Select(f => f.SubjectName).FirstOrDefaultAsync(ct)
        ?? task.BusinessKey ?? "";

    private static string DisplayName(ClaimsPrincipal user) => Actor.From(user).DisplayName;

    private static string Link(WfTask task) => $"/Inbox?task={Uri.EscapeDataString(task.ElementId)}#t-{task.Id}";
}
