using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.EngineRest;

/// <summary>/process-definition: list, get by id or key, XML, start.</summary>
public static class DefinitionEndpoints
{
    public sealed record StartRequest(JsonElement? Variables, string? BusinessKey);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/process-definition").RequireAuthorization(EngineRestFeature.AdminPolicy);

        group.MapGet("", async (AppDbContext db, string? key, string? keyLike, string? name, string? nameLike, bool? latestVersion,
            string? deploymentId, int? firstResult, int? maxResults, string? sortBy, string? sortOrder, CancellationToken ct) =>
        {
            var page = Paging.From(firstResult, maxResults);
            var query = Filter(db, key, keyLike, name, nameLike, latestVersion, deploymentId);
            var descending = string.Equals(sortOrder, "desc", StringComparison.OrdinalIgnoreCase);
            query = sortBy switch
            {
                "version" => descending ? query.OrderByDescending(d => d.Version) : query.OrderBy(d => d.Version),
                "name" => descending ? query.OrderByDescending(d => d.Name) : query.OrderBy(d => d.Name),
                "deployTime" => descending ? query.OrderByDescending(d => d.DeployedAtUtc) : query.OrderBy(d => d.DeployedAtUtc),
                _ => descending ? query.OrderByDescending(d => d.Key).ThenByDescending(d => d.Version) : query.OrderBy(d => d.Key).ThenBy(d => d.Version),
            };
            var rows = await query.Skip(page.First).Take(page.Max).ToListAsync(ct);
            return Results.Ok(rows.Select(Dto));
        });

        group.MapGet("/count", async (AppDbContext db, string? key, string? keyLike, string? name, string? nameLike, bool? latestVersion, string? deploymentId, CancellationToken ct) =>
            Results.Ok(new { count = await Filter(db, key, keyLike, name, nameLike, latestVersion, deploymentId).CountAsync(ct) }));

        group.MapGet("/{id}", async (AppDbContext db, string id, CancellationToken ct) => Results.Ok(Dto(await ById(db, id, ct))));
        group.MapGet("/key/{key}", async (AppDbContext db, string key, CancellationToken ct) => Results.Ok(Dto(await ByKey(db, key, ct))));
        group.MapGet("/{id}/xml", async (AppDbContext db, string id, CancellationToken ct) => Xml(await ById(db, id, ct)));
        group.MapGet("/key/{key}/xml", async (AppDbContext db, string key, CancellationToken ct) => Xml(await ByKey(db, key, ct)));

        group.MapPost("/{id}/start", async (AppDbContext db, WorkflowEngine engine, ProductProcesses products, HttpContext http, string id, StartRequest? body, CancellationToken ct) =>
            await StartAsync(engine, products, http, (await engine.Store.GetDefinitionAsync((await ById(db, id, ct)).Id, ct))!, body, ct));
        group.MapPost("/key/{key}/start", async (AppDbContext db, WorkflowEngine engine, ProductProcesses products, HttpContext http, string key, StartRequest? body, CancellationToken ct) =>
            await StartAsync(engine, products, http, (await engine.Store.GetDefinitionAsync((await ByKey(db, key, ct)).Id, ct))!, body, ct));
    }

    private static async Task<IResult> StartAsync(WorkflowEngine engine, ProductProcesses products, HttpContext http, Workflow.Engine.Ports.DeployedDefinition definition,
        StartRequest? body, CancellationToken ct)
    {
        await ProductGuard.RefuseStartAsync(products, engine, definition.Id, definition.Key, ct);
        var variables = TypedVariableJson.Parse(body?.Variables);
        var instance = await engine.StartAsync(definition, variables, body?.BusinessKey, Actor.From(http.User).UserName, ct);
        return Results.Ok(InstanceEndpoints.Dto(instance.Id, instance.DefinitionId, instance.BusinessKey, instance.IsEnded));
    }

    private static IQueryable<WfDefinition> Filter(AppDbContext db, string? key, string? keyLike, string? name, string? nameLike, bool? latestVersion, string? deploymentId)
    {
        var query = db.WfDefinitions.AsNoTracking();
        if (key is not null)
        {
            query = query.Where(d => d.Key == key);
        }

        if (keyLike is not null)
        {
            query = query.Where(d => EF.Functions.Like(d.Key, keyLike));
        }

        if (name is not null)
        {
            query = query.Where(d => d.Name == name);
        }

        if (nameLike is not null)
        {
            query = query.Where(d => d.Name != null && EF.Functions.Like(d.Name, nameLike));
        }

        if (Guid.TryParse(deploymentId, out var deployment))
        {
            query = query.Where(d => d.DeploymentId == deployment);
        }

        if (latestVersion == true)
        {
            query = query.Where(d => d.Version == db.Set<WfDefinition>().Where(x => x.Key == d.Key).Max(x => x.Version));
        }

        return query;
    }

    internal static async Task<WfDefinition> ById(AppDbContext db, string id, CancellationToken ct) =>
        await db.WfDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct)
        ?? throw RestException.NotFound($"Không tìm thấy định nghĩa quy trình {id}.");

    internal static async Task<WfDefinition> ByKey(AppDbContext db, string key, CancellationToken ct) =>
        await db.WfDefinitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct)
        ?? throw RestException.NotFound($"Không có định nghĩa quy trình nào với khóa {key}.");

    private static IResult Xml(WfDefinition d) => Results.Ok(new { id = d.Id, bpmn20Xml = d.Xml });

    internal static object Dto(WfDefinition d) => DeploymentEndpoints.Definition(d.Id, d.Key, d.Version, d.Name, d.ResourceName, d.DeploymentId);
}
