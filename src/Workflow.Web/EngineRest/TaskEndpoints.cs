using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.EngineRest;

/// <summary>/task: query, get, claim, unclaim, assignee, delegate, resolve, complete, variables, form key.</summary>
public static class TaskEndpoints
{
    public sealed record UserRequest(string? UserId);

    public sealed record CompleteRequest(JsonElement? Variables, bool? WithVariablesInReturn);

    public sealed record TaskQuery(
        string? ProcessInstanceId, string? ProcessDefinitionKey, string? ProcessDefinitionId, string? TaskDefinitionKey, string? Assignee,
        bool? Unassigned, string? CandidateGroup, string? CandidateUser, string? CandidateGroups, string? DueBefore, string? DueAfter,
        string? FollowUpBefore, string? ProcessInstanceBusinessKey, string? SortBy, string? SortOrder);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/task").RequireAuthorization(EngineRestFeature.UserPolicy);

        group.MapGet("", async (AppDbContext db, HttpContext http, [AsParameters] TaskQuery q, int? firstResult, int? maxResults, CancellationToken ct) =>
        {
            var page = Paging.From(firstResult, maxResults);
            var rows = await Sort(Filter(db, http.User, q), q).Skip(page.First).Take(page.Max).ToListAsync(ct);
            return Results.Ok(rows.Select(Dto));
        });

        group.MapGet("/count", async (AppDbContext db, HttpContext http, [AsParameters] TaskQuery q, CancellationToken ct) =>
            Results.Ok(new { count = await Filter(db, http.User, q).CountAsync(ct) }));

        group.MapGet("/{id:guid}", async (AppDbContext db, HttpContext http, Guid id, CancellationToken ct) =>
            Results.Ok(Dto(await VisibleAsync(db, http.User, id, ct))));

        group.MapGet("/{id:guid}/form", async (AppDbContext db, HttpContext http, Guid id, CancellationToken ct) =>
            Results.Ok(new { key = (await VisibleAsync(db, http.User, id, ct)).FormKey, contextPath = (string?)null }));

        MapVariables(group, "variables", local: false);
        MapVariables(group, "localVariables", local: true);

        // Our forms are not Camunda generated forms: like Camunda for any other form, the variables the task sees.
        group.MapGet("/{id:guid}/form-variables", async (AppDbContext db, WorkflowEngine engine, HttpContext http, Guid id, string? variableNames, CancellationToken ct) =>
        {
            var only = variableNames?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return Results.Ok(TypedVariableJson.Render(await TaskVariablesAsync(db, engine, http.User, id, local: false, ct), only));
        });

        group.MapPost("/{id:guid}/claim", async (AppDbContext db, WorkflowEngine engine, ProductProcesses products, HttpContext http, Guid id, UserRequest body, CancellationToken ct) =>
        {
            await ProductGuard.RefuseTaskChangeAsync(products, engine, await VisibleAsync(db, http.User, id, ct), ct);
            var userId = Require(body.UserId, "userId");
            if (userId != Actor.From(http.User).UserName && !Actor.From(http.User).IsAdmin)
            {
                throw RestException.Forbidden("Chỉ được nhận công việc cho chính mình.");
            }

            await engine.ClaimTaskAsync(id, userId, ct);
            return Results.NoContent();
        });

        group.MapPost("/{id:guid}/unclaim", async (AppDbContext db, WorkflowEngine engine, ProductProcesses products, HttpContext http, Guid id, CancellationToken ct) =>
        {
            await ActableAsync(db, engine, products, http.User, id, ct);
            await engine.UnclaimTaskAsync(id, Actor.From(http.User).UserName, ct);
            return Results.NoContent();
        });

        group.MapPost("/{id:guid}/assignee", async (AppDbContext db, WorkflowEngine engine, ProductProcesses products, HttpContext http, Guid id, UserRequest body, CancellationToken ct) =>
        {
            await ActableAsync(db, engine, products, http.User, id, ct);
            await engine.SetAssigneeAsync(id, body.UserId, Actor.From(http.User).UserName, ct);
            return Results.NoContent();
        });

        group.MapPost("/{id:guid}/delegate", async (AppDbContext db, WorkflowEngine engine, ProductProcesses products, HttpContext http, Guid id, UserRequest body, CancellationToken ct) =>
        {
            await ActableAsync(db, engine, products, http.User, id, ct);
            await engine.DelegateTaskAsync(id, Require(body.UserId, "userId"), Actor.From(http.User).UserName, ct);
            return Results.NoContent();
        });

        group.MapPost("/{id:guid}/resolve", async (AppDbContext db, WorkflowEngine engine, ProductProcesses products, HttpContext http, Guid id, CompleteRequest? body, CancellationToken ct) =>
        {
            await ActableAsync(db, engine, products, http.User, id, ct);
            await engine.ResolveTaskAsync(id, TypedVariableJson.Parse(body?.Variables), Actor.From(http.User).UserName, ct);
            return Results.NoContent();
        });

        group.MapPost("/{id:guid}/complete", async (AppDbContext db, WorkflowEngine engine, ProductProcesses products, HttpContext http, Guid id, CompleteRequest? body, CancellationToken ct) =>
        {
            var task = await ActableAsync(db, engine, products, http.User, id, ct);
            var variables = TypedVariableJson.Parse(body?.Variables);
            await engine.CompleteTaskAsync(id, variables, Actor.From(http.User).UserName, ct);
            if (body?.WithVariablesInReturn == true)
            {
                var instance = await engine.Store.LoadInstanceAsync(task.InstanceId, ct);
                return Results.Ok(TypedVariableJson.Render(instance?.Variables ?? []));
            }

            return Results.NoContent();
        });
    }

    /// <summary>Camunda's task variable resources: list, one, modify (set + delete), put one, delete one.</summary>
    private static void MapVariables(RouteGroupBuilder group, string segment, bool local)
    {
        group.MapGet($"/{{id:guid}}/{segment}", async (AppDbContext db, WorkflowEngine engine, HttpContext http, Guid id, CancellationToken ct) =>
            Results.Ok(TypedVariableJson.Render(await TaskVariablesAsync(db, engine, http.User, id, local, ct))));

        group.MapGet($"/{{id:guid}}/{segment}/{{name}}", async (AppDbContext db, WorkflowEngine engine, HttpContext http, Guid id, string name, CancellationToken ct) =>
            (await TaskVariablesAsync(db, engine, http.User, id, local, ct)).TryGetValue(name, out var value)
                ? Results.Ok(TypedVariableJson.Render(value))
                : throw RestException.NotFound($"Công việc {id} không có biến {(local ? "cục bộ " : "")}\"{name}\"."));

        group.MapPost($"/{{id:guid}}/{segment}", async (AppDbContext db, WorkflowEngine engine, ProductProcesses products, HttpContext http, Guid id, InstanceEndpoints.VariableModification body, CancellationToken ct) =>
        {
            await ActableAsync(db, engine, products, http.User, id, ct);
            var modifications = TypedVariableJson.Parse(body.Modifications, "modifications") ?? [];
            await engine.SetTaskVariablesAsync(id, modifications, body.Deletions, local, Actor.From(http.User).UserName, ct);
            return Results.NoContent();
        });

        group.MapPut($"/{{id:guid}}/{segment}/{{name}}", async (AppDbContext db, WorkflowEngine engine, ProductProcesses products, HttpContext http, Guid id, string name, JsonElement body, CancellationToken ct) =>
        {
            await ActableAsync(db, engine, products, http.User, id, ct);
            var value = TypedVariableJson.ParseValue(name, body, segment);
            await engine.SetTaskVariablesAsync(id, new Dictionary<string, TypedValue> { [name] = value }, null, local, Actor.From(http.User).UserName, ct);
            return Results.NoContent();
        });

        group.MapDelete($"/{{id:guid}}/{segment}/{{name}}", async (AppDbContext db, WorkflowEngine engine, ProductProcesses products, HttpContext http, Guid id, string name, CancellationToken ct) =>
        {
            await ActableAsync(db, engine, products, http.User, id, ct);
            await engine.SetTaskVariablesAsync(id, new Dictionary<string, TypedValue>(), [name], local, Actor.From(http.User).UserName, ct);
            return Results.NoContent();
        });
    }

    private static async Task<Dictionary<string, TypedValue>> TaskVariablesAsync(AppDbContext db, WorkflowEngine engine, ClaimsPrincipal user, Guid id,
        bool local, CancellationToken ct)
    {
        var task = await VisibleAsync(db, user, id, ct);
        var instance = await engine.Store.LoadInstanceAsync(task.InstanceId, ct) ?? throw RestException.NotFound($"Không tìm thấy công việc {id}.");
        var state = instance.Tasks.Find(t => t.Id == id) ?? throw RestException.NotFound($"Không tìm thấy công việc {id}.");
        return local
            ? new Dictionary<string, TypedValue>(instance.Activity(state.ActivityInstanceId)?.Variables ?? [])
            : instance.VariablesVisibleFrom(state.ActivityInstanceId);
    }

    private static string Require(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw RestException.BadRequest($"{field} là bắt buộc.") : value;

    /// <summary>A task the caller may see; one they may not is a 404, like one that does not exist.</summary>
    private static async Task<WfTask> VisibleAsync(AppDbContext db, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var task = await db.WfTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        return task is not null && TaskAccess.CanSee(task, Actor.From(user)) ? task : throw RestException.NotFound($"Không tìm thấy công việc {id}.");
    }

    /// <summary>
    /// A task the caller may change: visible (else 404, like one that does not exist), not of a process the product
    /// drives (403 naming the page to use), and either unassigned (a candidate may act) or assigned to the caller.
    /// Someone else's task is 403 (Admin excepted).
    /// </summary>
    private static async Task<WfTask> ActableAsync(AppDbContext db, WorkflowEngine engine, ProductProcesses products, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var task = await VisibleAsync(db, user, id, ct);
        await ProductGuard.RefuseTaskChangeAsync(products, engine, task, ct);
        if (!TaskAccess.CanAct(task, Actor.From(user)))
        {
            throw RestException.Forbidden($"Bạn không được thao tác trên công việc {id}.");
        }

        return task;
    }

    private static IQueryable<WfTask> Filter(AppDbContext db, ClaimsPrincipal user, TaskQuery q)
    {
        var query = TaskAccess.Visible(db.WfTasks.AsNoTracking(), db.WfTaskAudience, Actor.From(user));
        if (Guid.TryParse(q.ProcessInstanceId, out var instanceId))
        {
            query = query.Where(t => t.InstanceId == instanceId);
        }
        else if (q.ProcessInstanceId is not null)
        {
            throw RestException.BadRequest("processInstanceId không hợp lệ.");
        }

        if (q.ProcessDefinitionKey is not null)
        {
            query = query.Where(t => t.DefinitionKey == q.ProcessDefinitionKey);
        }

        if (q.ProcessDefinitionId is not null)
        {
            query = query.Where(t => t.DefinitionId == q.ProcessDefinitionId);
        }

        if (q.TaskDefinitionKey is not null)
        {
            query = query.Where(t => t.ElementId == q.TaskDefinitionKey);
        }

        if (q.ProcessInstanceBusinessKey is not null)
        {
            query = query.Where(t => t.BusinessKey == q.ProcessInstanceBusinessKey);
        }

        if (q.Assignee is not null)
        {
            query = query.Where(t => t.Assignee == q.Assignee);
        }

        if (q.Unassigned == true)
        {
            query = query.Where(t => t.Assignee == null);
        }

        // Camunda's candidate filters mean "unassigned and offered to": the audience rows of an unassigned task are its candidates.
        if (q.CandidateUser is not null)
        {
            var principal = TaskPrincipal.User(q.CandidateUser).Stored;
            query = query.Where(t => t.Assignee == null && db.Set<WfTaskAudience>().Any(a => a.TaskId == t.Id && a.Principal == principal));
        }

        var groups = (q.CandidateGroups ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (q.CandidateGroup is not null)
        {
            groups.Add(q.CandidateGroup);
        }

        if (groups.Count > 0)
        {
            var principals = groups.Select(g => TaskPrincipal.Group(g).Stored).ToList();
            query = query.Where(t => t.Assignee == null && db.Set<WfTaskAudience>().Any(a => a.TaskId == t.Id && principals.Contains(a.Principal)));
        }

        if (RestJson.ParseDate(q.DueBefore, "dueBefore") is { } dueBefore)
        {
            query = query.Where(t => t.DueAtUtc != null && t.DueAtUtc < dueBefore);
        }

        if (RestJson.ParseDate(q.DueAfter, "dueAfter") is { } dueAfter)
        {
            query = query.Where(t => t.DueAtUtc != null && t.DueAtUtc > dueAfter);
        }

        if (RestJson.ParseDate(q.FollowUpBefore, "followUpBefore") is { } followUpBefore)
        {
            query = query.Where(t => t.FollowUpAtUtc == null || t.FollowUpAtUtc < followUpBefore);
        }

        return query;
    }

    private static IQueryable<WfTask> Sort(IQueryable<WfTask> query, TaskQuery q)
    {
        var descending = string.Equals(q.SortOrder, "desc", StringComparison.OrdinalIgnoreCase);
        return q.SortBy switch
        {
            null or "created" or "id" => descending ? query.OrderByDescending(t => t.CreatedAtUtc).ThenByDescending(t => t.Id) : query.OrderBy(t => t.CreatedAtUtc).ThenBy(t => t.Id),
            "dueDate" => descending ? query.OrderByDescending(t => t.DueAtUtc).ThenBy(t => t.Id) : query.OrderBy(t => t.DueAtUtc).ThenBy(t => t.Id),
            "followUpDate" => descending ? query.OrderByDescending(t => t.FollowUpAtUtc).ThenBy(t => t.Id) : query.OrderBy(t => t.FollowUpAtUtc).ThenBy(t => t.Id),
            "priority" => descending ? query.OrderByDescending(t => t.Priority).ThenBy(t => t.Id) : query.OrderBy(t => t.Priority).ThenBy(t => t.Id),
            "name" => descending ? query.OrderByDescending(t => t.Name).ThenBy(t => t.Id) : query.OrderBy(t => t.Name).ThenBy(t => t.Id),
            "assignee" => descending ? query.OrderByDescending(t => t.Assignee).ThenBy(t => t.Id) : query.OrderBy(t => t.Assignee).ThenBy(t => t.Id),
            _ => throw RestException.BadRequest($"sortBy \"{q.SortBy}\" không được hỗ trợ (created, dueDate, followUpDate, priority, name, assignee)."),
        };
    }

    internal static object Dto(WfTask t) => new
    {
        id = t.Id.ToString(),
        name = t.Name,
        assignee = t.Assignee,
        owner = t.Owner,
        created = RestJson.Date(t.CreatedAtUtc),
        due = RestJson.Date(t.DueAtUtc),
        followUp = RestJson.Date(t.FollowUpAtUtc),
        delegationState = t.DelegationState,
        description = (string?)null,
        executionId = t.InstanceId.ToString(),
        parentTaskId = (string?)null,
        priority = t.Priority,
        processDefinitionId = t.DefinitionId,
        processInstanceId = t.InstanceId.ToString(),
        taskDefinitionKey = t.ElementId,
        caseExecutionId = (string?)null,
        caseInstanceId = (string?)null,
        caseDefinitionId = (string?)null,
        suspended = false,
        formKey = t.FormKey,
        tenantId = (string?)null,
    };
}
