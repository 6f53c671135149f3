using Workflow.Web.Notifications;
using Workflow.Web.Ratings;
using Workflow.Web.Templates;

namespace Workflow.Web.Inbox;

public sealed record BulkRequest(string? Action, List<Guid>? TaskIds);

public sealed record AssignRequest(string? User, string? Note);

public sealed record NoteRequest(string? Text);

public sealed record SaveViewRequest(string? Name, string? Query);

/// <summary>The inbox endpoints.</summary>
public static class InboxEndpoints
{
    /// <summary>The most rows an inbox export holds (a person's inbox is far smaller).</summary>
    public const int ExportLimit = 50_000;

    public static void MapInbox(this WebApplication app)
    {
        app.MapHub<InboxHub>(InboxHub.Path);
        var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter(ApiAntiforgery.RequireForChanges).WithTags("Việc cần làm");

        api.MapGet("/inbox", async (InboxQuery inbox, HttpContext http, Guid? round, string? task, Guid? unit, string? due, string? assigned,
            string? level, string? q, string? sort, bool? desc, string? after, int? take, CancellationToken ct) =>
        {
            var filter = new InboxFilter { Round = round, Task = task, Unit = unit, Due = due, Assigned = assigned, Level = level, Q = q, Sort = sort, Desc = desc ?? false, After = after };
            var page = await inbox.PageAsync(filter, http.User, Math.Clamp(take ?? InboxQuery.PageSize, 1, 200), ct);
            return new
            {
                total = page.Total,
                next = page.Next,
                items = page.Rows.Select(r => new
                {
                    taskId = r.TaskId, r.ElementId, name = r.TaskName, r.Assignee, r.Owner, r.DelegationState, createdAt = r.CreatedAtUtc, dueAt = r.DueAtUtc,
                    r.FileId, subject = r.Subject, r.RoundId, round = r.RoundName,
                    selfLevel = Code(r.SelfLevel), suggested = Code(r.Suggested), proposed = Code(r.Proposed), fileVersion = r.FileVersion,
                }),
            };
        });

        api.MapGet("/inbox.xlsx", async (InboxQuery inbox, HttpContext http, Guid? round, string? task, Guid? unit, string? due, string? assigned,
            string? level, string? q, string? sort, bool? desc, CancellationToken ct) =>
        {
            // The whole filtered list, page after page (each page one indexed read), as the inbox shows it.
            var filter = new InboxFilter { Round = round, Task = task, Unit = unit, Due = due, Assigned = assigned, Level = level, Q = q, Sort = sort, Desc = desc ?? false };
            var rows = new List<InboxRow>();
            for (var page = await inbox.PageAsync(filter, http.User, 200, ct); ; page = await inbox.PageAsync(filter with { After = page.Next }, http.User, 200, ct))
            {
                rows.AddRange(page.Rows);
                if (page.Next is null || rows.Count >= ExportLimit)
                {
                    break;
                }
            }

            var vn = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
            DateTime? Local(DateTime? utc) => utc is { } u ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(u, DateTimeKind.Utc), vn) : null;
            var sheet = new Sheet("Việc cần làm",
                [new("order", "STT", 6), new("task", "Việc", 30), new("subject", "Hồ sơ", 40), new("round", "Đợt", 30), new("received", "Nhận lúc", 18, "dd/MM/yyyy HH:mm"),
                    new("due", "Hạn", 18, "dd/MM/yyyy HH:mm"), new("assignee", "Người nhận", 20), new("self", "Tự đánh giá", 12), new("suggested", "Gợi ý", 12), new("proposed", "Đề xuất", 12)],
                rows.Select((r, i) => new object?[] { i + 1, r.TaskName, r.Subject, r.RoundName, Local(r.CreatedAtUtc), Local(r.DueAtUtc), r.Assignee, Code(r.SelfLevel), Code(r.Suggested), Code(r.Proposed) }));
            return await Spreadsheets.FileAsync([sheet], "Việc cần làm", ct);
        });

        api.MapGet("/inbox/views", async (InboxViews views, HttpContext http, CancellationToken ct) => await views.ListAsync(http.User, withCounts: true, ct));
        api.MapPost("/inbox/views", async (InboxViews views, HttpContext http, SaveViewRequest body, CancellationToken ct) =>
            await views.SaveAsync(http.User, body.Name, InboxFilter.Parse(body.Query), ct));
        api.MapDelete("/inbox/views/{id:guid}", async (InboxViews views, HttpContext http, Guid id, CancellationToken ct) =>
        {
            await views.DeleteAsync(http.User, id, ct);
            return Results.NoContent();
        });

        api.MapPost("/inbox/tasks/{id:guid}/claim", async (InboxActions actions, HttpContext http, Guid id, CancellationToken ct) =>
            Outcome(await actions.ClaimAsync(id, http.User, ct)));
        api.MapPost("/inbox/tasks/{id:guid}/unclaim", async (InboxActions actions, HttpContext http, Guid id, CancellationToken ct) =>
            Outcome(await actions.UnclaimAsync(id, http.User, ct)));
        api.MapPost("/inbox/tasks/{id:guid}/reassign", async (InboxActions actions, HttpContext http, Guid id, AssignRequest body, CancellationToken ct) =>
            Outcome(await actions.ReassignAsync(id, body.User, http.User, ct)));
        api.MapPost("/inbox/tasks/{id:guid}/delegate", async (InboxActions actions, HttpContext http, Guid id, AssignRequest body, CancellationToken ct) =>
            Outcome(await actions.DelegateAsync(id, body.User, body.Note, http.User, ct)));
        api.MapPost("/inbox/tasks/{id:guid}/resolve", async (InboxActions actions, HttpContext http, Guid id, NoteRequest body, CancellationToken ct) =>
            Outcome(await actions.ResolveAsync(id, body.Text, http.User, ct)));
        api.MapPost("/inbox/tasks/{id:guid}/comment", async (InboxActions actions, HttpContext http, Guid id, NoteRequest body, CancellationToken ct) =>
            Outcome(await actions.CommentAsync(id, body.Text, http.User, ct)));
        api.MapGet("/inbox/tasks/{id:guid}/people", async (InboxActions actions, HttpContext http, Guid id, CancellationToken ct) =>
            await actions.EligibleAsync(id, http.User, ct));
        api.MapPost("/inbox/bulk", async (InboxActions actions, HttpContext http, BulkRequest body, CancellationToken ct) =>
        {
            var results = await actions.BulkAsync(body.Action, body.TaskIds, http.User, ct);
            return new { succeeded = results.Count(r => r.Ok), failed = results.Count(r => !r.Ok), results };
        });

        api.MapGet("/notifications", async (Notifier notifier, HttpContext http, CancellationToken ct) =>
        {
            var name = Actor.From(http.User).UserName;
            var latest = await notifier.LatestAsync(name, ct);
            return new
            {
                unread = await notifier.UnreadAsync(name, ct),
                items = latest.Select(n => new { n.Id, kind = n.Kind.ToString(), n.Text, n.Link, createdAt = n.CreatedAtUtc, read = n.ReadAtUtc != null }),
            };
        });
        api.MapPost("/notifications/read", async (Notifier notifier, HttpContext http, Guid? id, CancellationToken ct) =>
            new { marked = await notifier.MarkReadAsync(Actor.From(http.User).UserName, id, ct) });
    }

    /// <summary>A done action is 200; a refused one 409 with its message (the list refreshes); a task the caller cannot see 404.</summary>
    private static IResult Outcome(TaskActionResult result) =>
        result.Ok ? Results.Ok(result)
        : Results.Json(new { message = result.Message, result }, statusCode: result.Missing ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict);

    private static string? Code(RatingLevel? level) => level is { } l ? RatingText.Code(l) : null;
}
