using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.EngineRest;

/// <summary>/deployment: create (multipart, as Camunda Modeler's deploy dialog sends it), list, get, delete.</summary>
public static class DeploymentEndpoints
{
    public const long MaxUploadBytes = 10 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/deployment").RequireAuthorization(EngineRestFeature.AdminPolicy);

        group.MapPost("/create", async (HttpRequest request, WorkflowEngine engine, AppDbContext db, ProductProcesses products, CancellationToken ct) =>
        {
            if (!request.HasFormContentType)
            {
                throw RestException.BadRequest("Cần gửi multipart/form-data với các tệp .bpmn.");
            }

            var form = await request.ReadFormAsync(ct);
            var name = form["deployment-name"].FirstOrDefault();
            var source = form["deployment-source"].FirstOrDefault();
            var changedOnly = IsTrue(form["deploy-changed-only"].FirstOrDefault()) || IsTrue(form["enable-duplicate-filtering"].FirstOrDefault());
            var files = new List<(string, byte[])>();
            foreach (var file in form.Files)
            {
                if (file.Length > MaxUploadBytes)
                {
                    throw RestException.BadRequest($"Tệp {file.FileName} quá lớn (giới hạn {MaxUploadBytes / 1024 / 1024} MB).");
                }

                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                files.Add((string.IsNullOrEmpty(file.FileName) ? file.Name : file.FileName, buffer.ToArray()));
            }

            if (files.Count == 0)
            {
                throw RestException.BadRequest("Không có tệp nào để triển khai.");
            }

            if (products.CheckDeployment(files) is { Count: > 0 } productProblems)
            {
                throw new Workflow.Engine.Bpmn.BpmnValidationException(productProblems);
            }

            var result = await engine.DeployAsync(name, files, source, changedOnly, ct);
            var deploymentId = result.Deployment?.Id ?? (result.Unchanged.Count > 0 ? result.Unchanged[0].DeploymentId : (Guid?)null);
            var deployment = deploymentId is { } id ? await db.WfDeployments.AsNoTracking().FirstAsync(d => d.Id == id, ct) : null;
            return Results.Ok(new
            {
                id = deploymentId?.ToString(),
                name = deployment?.Name ?? name,
                source = deployment?.Source ?? source,
                deploymentTime = RestJson.Date(deployment?.DeployedAtUtc),
                tenantId = (string?)null,
                links = Array.Empty<object>(),
                deployedProcessDefinitions = result.Deployed.ToDictionary(d => d.Id, d => Definition(d.Id, d.Key, d.Version, d.Name, d.ResourceName, d.DeploymentId)),
                deployedCaseDefinitions = (object?)null,
                deployedDecisionDefinitions = (object?)null,
                deployedDecisionRequirementsDefinitions = (object?)null,
            });
        }).DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadBytes * 4));

        group.MapGet("", async (AppDbContext db, string? id, string? name, string? nameLike, int? firstResult, int? maxResults, CancellationToken ct) =>
        {
            var page = Paging.From(firstResult, maxResults);
            var query = Filter(db, id, name, nameLike);
            var rows = await query.OrderBy(d => d.DeployedAtUtc).Skip(page.First).Take(page.Max).ToListAsync(ct);
            return Results.Ok(rows.Select(Deployment));
        });

        group.MapGet("/count", async (AppDbContext db, string? id, string? name, string? nameLike, CancellationToken ct) =>
            Results.Ok(new { count = await Filter(db, id, name, nameLike).CountAsync(ct) }));

        group.MapGet("/{id}", async (AppDbContext db, string id, CancellationToken ct) =>
            Results.Ok(Deployment(await FindAsync(db, id, ct))));

        group.MapDelete("/{id}", async (AppDbContext db, WorkflowEngine engine, ProductProcesses products, string id, bool? cascade, CancellationToken ct) =>
        {
            var deployment = await FindAsync(db, id, ct);
            var definitionIds = await db.WfDefinitions.Where(d => d.DeploymentId == deployment.Id).Select(d => d.Id).ToListAsync(ct);
            foreach (var definitionId in definitionIds)
            {
                if (await products.IsProductDrivenAsync(engine, definitionId, ct) && await db.WfInstances.AnyAsync(i => i.DefinitionId == definitionId, ct))
                {
                    throw RestException.Forbidden($"Không thể xóa: {definitionId} là quy trình do hệ thống điều khiển và đã có hồ sơ chạy trên nó.");
                }
            }

            var running = await db.WfInstances.Where(i => definitionIds.Contains(i.DefinitionId) && i.Status == (int)InstanceStatus.Active)
                .Select(i => i.Id).ToListAsync(ct);
            if (running.Count > 0 && cascade != true)
            {
                throw RestException.BadRequest($"Không thể xóa: còn {running.Count} phiên bản quy trình đang chạy trên lần triển khai này (dùng cascade=true để hủy chúng).");
            }

            foreach (var instanceId in running)
            {
                await engine.CancelInstanceAsync(instanceId, "xóa lần triển khai", ct: ct);
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.WfStartTimers.Where(t => definitionIds.Contains(t.DefinitionId)).ExecuteDeleteAsync(ct);
            await db.WfDefinitions.Where(d => d.DeploymentId == deployment.Id).ExecuteDeleteAsync(ct);
            await db.WfDeployments.Where(d => d.Id == deployment.Id).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
            return Results.NoContent();
        });
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static IQueryable<WfDeployment> Filter(AppDbContext db, string? id, string? name, string? nameLike)
    {
        var query = db.WfDeployments.AsNoTracking();
        if (Guid.TryParse(id, out var guid))
        {
            query = query.Where(d => d.Id == guid);
        }

        if (name is not null)
        {
            query = query.Where(d => d.Name == name);
        }

        if (nameLike is not null)
        {
            query = query.Where(d => d.Name != null && EF.Functions.Like(d.Name, nameLike));
        }

        return query;
    }

    private static async Task<WfDeployment> FindAsync(AppDbContext db, string id, CancellationToken ct) =>
        (Guid.TryParse(id, out var guid) ? await db.WfDeployments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == guid, ct) : null)
        ?? throw RestException.NotFound($"Không tìm thấy lần triển khai {id}.");

    private static object Deployment(WfDeployment d) => new
    {
        id = d.Id.ToString(),
        name = d.Name,
        source = d.Source,
        deploymentTime = RestJson.Date(d.DeployedAtUtc),
        tenantId = (string?)null,
        links = Array.Empty<object>(),
    };

    internal static object Definition(string id, string key, int version, string? name, string resource, Guid deploymentId) => new
    {
        id,
        key,
        category = "http://bpmn.io/schema/bpmn",
        description = (string?)null,
        name,
        version,
        resource,
        deploymentId = deploymentId.ToString(),
        diagram = (string?)null,
        suspended = false,
        tenantId = (string?)null,
        versionTag = (string?)null,
        historyTimeToLive = (int?)null,
        startableInTasklist = true,
    };
}
