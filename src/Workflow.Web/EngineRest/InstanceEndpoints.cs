using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.EngineRest;

/// <summary>/process-instance: list, count, get, cancel, variables.</summary>
public static class InstanceEndpoints
{
    public sealed record VariableModification(JsonElement? Modifications, List<string>? Deletions);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/process-instance").RequireAuthorization(EngineRestFeature.AdminPolicy);

        // "active" is accepted for Camunda clients: without suspension, every running instance is active.
        group.MapGet("", async (AppDbContext db, string? processDefinitionKey, string? processDefinitionId, string? businessKey, bool? active,
            bool? withIncident, int? firstResult, int? maxResults, CancellationToken ct) =>
        {
            var page = Paging.From(firstResult, maxResults);
            var rows = await Filter(db, processDefinitionKey, processDefinitionId, businessKey, withIncident)
                .OrderBy(i => i.Id).Skip(page.First).Take(page.Max)
                .Select(i => new { i.Id, i.DefinitionId, i.BusinessKey, i.Status }).ToListAsync(ct);
            return Results.Ok(rows.Select(i => Dto(i.Id, i.DefinitionId, i.BusinessKey, i.Status != (int)InstanceStatus.Active)));
        });

        group.MapGet("/count", async (AppDbContext db, string? processDefinitionKey, string? processDefinitionId, string? businessKey, bool? active, bool? withIncident, CancellationToken ct) =>
            Results.Ok(new { count = await Filter(db, processDefinitionKey, processDefinitionId, businessKey, withIncident).CountAsync(ct) }));

        group.MapGet("/{id:guid}", async (AppDbContext db, Guid id, CancellationToken ct) =>
        {
            var i = await db.WfInstances.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound(id);
            return Results.Ok(Dto(i.Id, i.DefinitionId, i.BusinessKey, i.Status != (int)InstanceStatus.Active));
        });

        group.MapDelete("/{id:guid}", async (WorkflowEngine engine, AppDbContext db, ProductProcesses products, HttpContext http, Guid id, string? deleteReason, CancellationToken ct) =>
        {
            await ProductGuard.RefuseInstanceChangeAsync(products, engine, db, id, ct);
            await engine.CancelInstanceAsync(id, deleteReason, Actor.From(http.User).UserName, ct);
            return Results.NoContent();
        });

        group.MapGet("/{id:guid}/variables", async (WorkflowEngine engine, Guid id, CancellationToken ct) =>
        {
            var instance = await engine.Store.LoadInstanceAsync(id, ct) ?? throw NotFound(id);
            return Results.Ok(TypedVariableJson.Render(instance.Variables));
        });

        group.MapPost("/{id:guid}/variables", async (WorkflowEngine engine, AppDbContext db, ProductProcesses products, HttpContext http, Guid id, VariableModification body, CancellationToken ct) =>
        {
            await ProductGuard.RefuseInstanceChangeAsync(products, engine, db, id, ct);
            var modifications = TypedVariableJson.Parse(body.Modifications, "modifications") ?? [];
            await engine.SetVariablesAsync(id, modifications, body.Deletions, Actor.From(http.User).UserName, ct);
            return Results.NoContent();
        });
    }

    private static RestException NotFound(Guid id) => RestException.NotFound($"Không tìm thấy phiên bản quy trình {id}.");

    private static IQueryable<WfInstance> Filter(AppDbContext db, string? key, string? definitionId, string? businessKey, bool? withIncident)
    {
        var query = db.WfInstances.AsNoTracking();
        if (key is not null)
        {
            query = query.Where(i => i.DefinitionKey == key);
        }

        if (definitionId is not null)
        {
            query = query.Where(i => i.DefinitionId == definitionId);
        }

        if (businessKey is not null)
        {
            query = query.Where(i => i.BusinessKey == businessKey);
        }

        // Camunda lists only running instances here (ended ones are history).
        query = query.Where(i => i.Status == (int)InstanceStatus.Active);
        if (withIncident == true)
        {
            query = query.Where(i => db.Set<WfIncident>().Any(x => x.InstanceId == i.Id));
        }

        return query;
    }

    internal static object Dto(Guid id, string definitionId, string? businessKey, bool ended) => new
    {
        id = id.ToString(),
        definitionId,
        businessKey,
        caseInstanceId = (string?)null,
        ended,
        suspended = false,
        tenantId = (string?)null,
        links = Array.Empty<object>(),
    };
}
