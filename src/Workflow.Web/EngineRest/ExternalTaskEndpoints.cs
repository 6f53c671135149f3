using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.EngineRest;

/// <summary>
/// /external-task: Camunda's worker protocol (fetchAndLock with long polling, complete, failure, bpmnError, extendLock,
/// unlock, list, retries). Topics with an in-process handler are never offered to workers.
/// </summary>
public static class ExternalTaskEndpoints
{
    public const int MaxTasksCap = 500;
    public static readonly TimeSpan LongPollCap = TimeSpan.FromSeconds(60);

    public sealed record Topic(string? TopicName, long? LockDuration, List<string>? Variables, bool? LocalVariables);

    public sealed record FetchRequest(string? WorkerId, int? MaxTasks, bool? UsePriority, long? AsyncResponseTimeout, List<Topic>? Topics);

    public sealed record CompleteRequest(string? WorkerId, JsonElement? Variables, JsonElement? LocalVariables);

    public sealed record FailureRequest(string? WorkerId, string? ErrorMessage, string? ErrorDetails, int? Retries, long? RetryTimeout);

    public sealed record BpmnErrorRequest(string? WorkerId, string? ErrorCode, string? ErrorMessage, JsonElement? Variables);

    public sealed record ExtendLockRequest(string? WorkerId, long? NewDuration);

    public sealed record RetriesRequest(int? Retries);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/external-task").RequireAuthorization(EngineRestFeature.WorkerPolicy);

        group.MapPost("/fetchAndLock", async (IServiceScopeFactory scopes, TopicRegistry topics, TimeProvider clock, FetchRequest body, CancellationToken ct) =>
        {
            var workerId = Require(body.WorkerId, "workerId");
            var max = body.MaxTasks ?? throw RestException.BadRequest("maxTasks là bắt buộc.");
            if (max is < 0 or > MaxTasksCap)
            {
                throw RestException.BadRequest($"maxTasks phải từ 0 đến {MaxTasksCap}.");
            }

            var requested = body.Topics ?? [];
            foreach (var t in requested)
            {
                Require(t.TopicName, "topics[].topicName");
                if (t.LockDuration is not > 0)
                {
                    throw RestException.BadRequest($"topics[{t.TopicName}].lockDuration phải là số mili giây dương.");
                }
            }

            var wait = TimeSpan.FromMilliseconds(Math.Clamp(body.AsyncResponseTimeout ?? 0, 0, LongPollCap.TotalMilliseconds));
            var until = clock.GetUtcNow() + wait;
            while (true)
            {
                var locked = await FetchOnceAsync(scopes, topics, clock, workerId, max, body.UsePriority == true, requested, ct);
                if (locked.Count > 0 || max == 0 || clock.GetUtcNow() >= until)
                {
                    return Results.Ok(locked);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            }
        });

        group.MapPost("/{id:guid}/complete", async (WorkflowEngine engine, AppDbContext db, ProductProcesses products, Guid id, CompleteRequest body, CancellationToken ct) =>
        {
            var variables = TypedVariableJson.Parse(body.Variables);
            await RefuseReservedAsync(db, engine, products, id, variables?.Keys, ct);
            await engine.CompleteExternalTaskAsync(id, Require(body.WorkerId, "workerId"), variables,
                TypedVariableJson.Parse(body.LocalVariables, "localVariables"), ct);
            return Results.NoContent();
        });

        group.MapPost("/{id:guid}/failure", async (WorkflowEngine engine, Guid id, FailureRequest body, CancellationToken ct) =>
        {
            if (body.Retries is null or < 0)
            {
                throw RestException.BadRequest("retries là bắt buộc và không được âm.");
            }

            await engine.FailExternalTaskAsync(id, Require(body.WorkerId, "workerId"), body.ErrorMessage, body.ErrorDetails, body.Retries.Value,
                TimeSpan.FromMilliseconds(Math.Max(0, body.RetryTimeout ?? 0)), ct);
            return Results.NoContent();
        });

        group.MapPost("/{id:guid}/bpmnError", async (WorkflowEngine engine, AppDbContext db, ProductProcesses products, Guid id, BpmnErrorRequest body, CancellationToken ct) =>
        {
            var variables = TypedVariableJson.Parse(body.Variables);
            await RefuseReservedAsync(db, engine, products, id, variables?.Keys, ct);
            await engine.ExternalTaskBpmnErrorAsync(id, Require(body.WorkerId, "workerId"), Require(body.ErrorCode, "errorCode"), body.ErrorMessage,
                variables, ct);
            return Results.NoContent();
        });

        group.MapPost("/{id:guid}/extendLock", async (WorkflowEngine engine, Guid id, ExtendLockRequest body, CancellationToken ct) =>
        {
            if (body.NewDuration is not > 0)
            {
                throw RestException.BadRequest("newDuration phải là số mili giây dương.");
            }

            await engine.ExtendExternalTaskLockAsync(id, Require(body.WorkerId, "workerId"), TimeSpan.FromMilliseconds(body.NewDuration.Value), ct);
            return Results.NoContent();
        });

        group.MapPost("/{id:guid}/unlock", async (WorkflowEngine engine, HttpContext http, Guid id, CancellationToken ct) =>
        {
            await engine.UnlockExternalTaskAsync(id, Actor.From(http.User).UserName, ct);
            return Results.NoContent();
        });

        group.MapPut("/{id:guid}/retries", async (WorkflowEngine engine, HttpContext http, Guid id, RetriesRequest body, CancellationToken ct) =>
        {
            if (body.Retries is null or < 0)
            {
                throw RestException.BadRequest("retries là bắt buộc và không được âm.");
            }

            await engine.SetExternalTaskRetriesAsync(id, body.Retries.Value, Actor.From(http.User).UserName, ct);
            return Results.NoContent();
        });

        group.MapGet("", async (AppDbContext db, TimeProvider clock, string? topicName, string? workerId, string? processInstanceId, bool? locked,
            bool? notLocked, bool? withRetriesLeft, bool? noRetriesLeft, int? firstResult, int? maxResults, CancellationToken ct) =>
        {
            var page = Paging.From(firstResult, maxResults);
            var now = clock.GetUtcNow().UtcDateTime;
            var query = db.WfExternalTasks.AsNoTracking();
            query = topicName is null ? query : query.Where(t => t.Topic == topicName);
            query = workerId is null ? query : query.Where(t => t.WorkerId == workerId);
            query = Guid.TryParse(processInstanceId, out var pid) ? query.Where(t => t.InstanceId == pid) : query;
            query = locked == true ? query.Where(t => t.LockExpiresAtUtc > now) : query;
            query = notLocked == true ? query.Where(t => t.LockExpiresAtUtc == null || t.LockExpiresAtUtc <= now) : query;
            query = withRetriesLeft == true ? query.Where(t => t.Retries == null || t.Retries > 0) : query;
            query = noRetriesLeft == true ? query.Where(t => t.Retries == 0) : query;
            var rows = await query.OrderBy(t => t.Id).Skip(page.First).Take(page.Max).ToListAsync(ct);
            return Results.Ok(rows.Select(t => Dto(t, null)));
        });

        group.MapGet("/{id:guid}", async (AppDbContext db, Guid id, CancellationToken ct) =>
            Results.Ok(Dto(await db.WfExternalTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct)
                ?? throw RestException.NotFound($"Không tìm thấy tác vụ ngoài {id}."), null)));
    }

    /// <summary>
    /// One pass: candidate tasks (unlocked or lock expired, retries left, not before their retry time, not an in-process
    /// topic) are locked together in one engine command and one transaction. When another worker changed one of the
    /// instances meanwhile the whole batch is refused; the pass then queries again (at most a few times).
    /// </summary>
    private static async Task<List<object>> FetchOnceAsync(IServiceScopeFactory scopes, TopicRegistry topics, TimeProvider clock, string workerId,
        int max, bool usePriority, List<Topic> requested, CancellationToken ct)
    {
        if (max == 0 || requested.Count == 0)
        {
            return [];
        }

        var names = requested.Select(t => t.TopicName!).Where(n => !topics.IsInProcess(n)).Distinct().ToList();
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            // PostgreSQL: the candidates' instances are locked as they are chosen, skipping those another worker (or a
            // user's command) holds, so concurrent fetches take different tasks instead of colliding and trying again;
            // the engine's lock command in the same transaction still checks every task as it finds it. The SQL states
            // the filter and order of Available (held together by EngineRestTests on both databases).
            await using var tx = db.Database.IsNpgsql() ? await db.Database.BeginTransactionAsync(ct) : null;
            var candidates = tx is null
                ? await Available(db.WfExternalTasks.AsNoTracking(), names, now, usePriority).Take(max).ToListAsync(ct)
                : await db.WfExternalTasks.FromSql($"""
                    SELECT t.* FROM "WfExternalTasks" t JOIN "WfInstances" i ON i."Id" = t."InstanceId"
                    WHERE t."Topic" = ANY({names.ToArray()})
                      AND (t."LockExpiresAtUtc" IS NULL OR t."LockExpiresAtUtc" <= {now})
                      AND (t."Retries" IS NULL OR t."Retries" > 0)
                      AND (t."NotBeforeUtc" IS NULL OR t."NotBeforeUtc" <= {now})
                    ORDER BY CASE WHEN {usePriority} THEN t."Priority" ELSE 0 END DESC, t."Id"
                    LIMIT {max}
                    FOR UPDATE OF i SKIP LOCKED
                    """).AsNoTracking().ToListAsync(ct);
            if (candidates.Count == 0)
            {
                return [];
            }

            var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
            IReadOnlyList<(ProcessInstance Instance, ExternalTaskState Task)> locked;
            try
            {
                locked = await engine.LockExternalTasksAsync(candidates.Select(c => (c.InstanceId, c.Id,
                    TimeSpan.FromMilliseconds(requested.First(t => t.TopicName == c.Topic).LockDuration!.Value))).ToList(), workerId, ct);
                if (tx is not null)
                {
                    await tx.CommitAsync(ct);
                }
            }
            catch (ConcurrencyException)
            {
                if (attempt == 5)
                {
                    return []; // heavy contention: the long poll (or the worker's next poll) tries again
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50)), ct);
                continue; // another worker locked (or a user changed) one of these instances first
            }

            var rows = candidates.ToDictionary(c => c.Id);
            return locked.Select(l =>
            {
                var topic = requested.First(t => t.TopicName == l.Task.Topic);
                var variables = new Dictionary<string, TypedValue>(l.Instance.Variables);
                if (topic.LocalVariables == true && l.Instance.Activity(l.Task.ActivityInstanceId)?.Variables is { } locals)
                {
                    foreach (var (name, value) in locals)
                    {
                        variables[name] = value;
                    }
                }

                var row = rows[l.Task.Id];
                row.WorkerId = workerId;
                row.LockExpiresAtUtc = l.Task.LockExpiresAt?.UtcDateTime;
                return Dto(row, TypedVariableJson.Render(variables, topic.Variables));
            }).ToList();
        }
    }

    /// <summary>The tasks a worker may lock now on the given topics, in the order Camunda offers them.</summary>
    private static IQueryable<WfExternalTask> Available(IQueryable<WfExternalTask> tasks, List<string> names, DateTime now, bool usePriority)
    {
        var query = tasks.Where(t => names.Contains(t.Topic)
            && (t.LockExpiresAtUtc == null || t.LockExpiresAtUtc <= now)
            && (t.Retries == null || t.Retries > 0)
            && (t.NotBeforeUtc == null || t.NotBeforeUtc <= now));
        return usePriority ? query.OrderByDescending(t => t.Priority).ThenBy(t => t.Id) : query.OrderBy(t => t.Id);
    }

    /// <summary>A worker may not write the variables a product process reserves (checked only when it writes some).</summary>
    private static async Task RefuseReservedAsync(AppDbContext db, WorkflowEngine engine, ProductProcesses products, Guid id, IEnumerable<string>? names,
        CancellationToken ct)
    {
        if (names is null || !names.Any())
        {
            return;
        }

        var definitionId = await db.WfExternalTasks.AsNoTracking().Where(t => t.Id == id).Select(t => t.DefinitionId).FirstOrDefaultAsync(ct)
            ?? throw RestException.NotFound($"Không tìm thấy tác vụ ngoài {id}.");
        await ProductGuard.RefuseReservedAsync(products, engine, definitionId, names, ct);
    }

    private static string Require(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw RestException.BadRequest($"{field} là bắt buộc.") : value;

    private static object Dto(WfExternalTask t, Dictionary<string, object?>? variables) => new
    {
        activityId = t.ElementId,
        activityInstanceId = t.Id.ToString(),
        errorMessage = t.ErrorMessage,
        errorDetails = (string?)null,
        executionId = t.InstanceId.ToString(),
        id = t.Id.ToString(),
        lockExpirationTime = RestJson.Date(t.LockExpiresAtUtc),
        processDefinitionId = t.DefinitionId,
        processDefinitionKey = t.DefinitionKey,
        processDefinitionVersionTag = (string?)null,
        processInstanceId = t.InstanceId.ToString(),
        retries = t.Retries,
        suspended = false,
        workerId = t.WorkerId,
        topicName = t.Topic,
        tenantId = (string?)null,
        priority = t.Priority,
        businessKey = t.BusinessKey,
        extensionProperties = new Dictionary<string, string>(),
        variables,
    };
}
