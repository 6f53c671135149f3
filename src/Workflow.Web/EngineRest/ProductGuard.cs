using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.EngineRest;

/// <summary>
/// What /engine-rest refuses on the processes the product drives (<see cref="ProductProcesses"/>): completing or
/// resolving their tasks, claiming or handing them on, writing task or instance variables, cancelling or starting them,
/// sending them messages, and a worker writing a reserved variable. Reading stays open. The refusal is a 403 in
/// Camunda's shape naming the page of the product to use. Processes not driven by the product keep Camunda's semantics.
/// </summary>
public static class ProductGuard
{
    public static async Task RefuseTaskChangeAsync(ProductProcesses products, WorkflowEngine engine, WfTask task, CancellationToken ct)
    {
        if (await products.IsProductDrivenAsync(engine, task.DefinitionId, ct))
        {
            throw RestException.Forbidden(
                $"Công việc \"{task.Name ?? task.ElementId}\" thuộc quy trình do hệ thống điều khiển: /engine-rest chỉ được đọc, không được nhận, giao, "
                + $"hoàn thành hay ghi biến. Hãy xử lý tại trang {products.PageFor(task.DefinitionKey, task.BusinessKey)} của hệ thống.");
        }
    }

    public static async Task RefuseInstanceChangeAsync(ProductProcesses products, WorkflowEngine engine, AppDbContext db, Guid instanceId, CancellationToken ct)
    {
        var instance = await db.WfInstances.AsNoTracking().Where(i => i.Id == instanceId)
            .Select(i => new { i.DefinitionId, i.DefinitionKey, i.BusinessKey }).FirstOrDefaultAsync(ct)
            ?? throw RestException.NotFound($"Không tìm thấy phiên bản quy trình {instanceId}.");
        if (await products.IsProductDrivenAsync(engine, instance.DefinitionId, ct))
        {
            throw RestException.Forbidden(
                $"Phiên bản quy trình này do hệ thống điều khiển: /engine-rest không được hủy hay ghi biến của nó. Hãy dùng trang "
                + $"{products.PageFor(instance.DefinitionKey, instance.BusinessKey)} (quản trị viên: /Admin/Instances/{instanceId}, có ghi nhật ký).");
        }
    }

    public static async Task RefuseStartAsync(ProductProcesses products, WorkflowEngine engine, string definitionId, string key, CancellationToken ct)
    {
        if (await products.IsProductDrivenAsync(engine, definitionId, ct))
        {
            throw RestException.Forbidden($"Quy trình \"{key}\" do hệ thống điều khiển và chỉ được bắt đầu bởi chức năng của hệ thống (ví dụ mở đợt đánh giá tại /Rounds/Open).");
        }
    }

    /// <summary>A message any product-driven definition waits for (catch event, receive task, message start) is the product's own.</summary>
    public static async Task RefuseMessageAsync(ProductProcesses products, WorkflowEngine engine, AppDbContext db, string messageName, CancellationToken ct)
    {
        foreach (var id in await db.WfDefinitions.AsNoTracking().Select(d => d.Id).ToListAsync(ct))
        {
            var model = await engine.ModelAsync(id, ct);
            if (products.IsProductDriven(model) && model.Nodes.Values.Any(n => MessageOf(n) == messageName))
            {
                throw RestException.Forbidden(
                    $"Thông điệp \"{messageName}\" thuộc quy trình \"{model.Key}\" do hệ thống điều khiển; chỉ chức năng của hệ thống được gửi nó.");
            }
        }
    }

    private static string? MessageOf(Engine.Model.FlowNode node) => node switch
    {
        Engine.Model.ReceiveTask r => r.MessageName,
        Engine.Model.IntermediateCatchEvent c => c.Definition.MessageName,
        Engine.Model.StartEvent s => s.Definition.MessageName,
        Engine.Model.BoundaryEvent b => b.Definition.MessageName,
        _ => null,
    };

    /// <summary>A worker completing a service task of a product process may not write the variables the product reserves.</summary>
    public static async Task RefuseReservedAsync(ProductProcesses products, WorkflowEngine engine, string definitionId,
        IEnumerable<string> names, CancellationToken ct)
    {
        var reserved = await products.ReservedAmongAsync(engine, definitionId, names, ct);
        if (reserved.Count > 0)
        {
            throw RestException.Forbidden($"Biến {string.Join(", ", reserved)} do hệ thống ghi; tác vụ ngoài không được ghi vào quy trình này.");
        }
    }
}
