using System.Text.Json;
using Workflow.Engine.Runtime;
using Workflow.Web.Processes;

namespace Workflow.Web.EngineRest;

/// <summary>POST /message: correlate to waiting instances or start one at a message start event.</summary>
public static class MessageEndpoints
{
    public sealed record MessageRequest(string? MessageName, string? BusinessKey, JsonElement? CorrelationKeys, JsonElement? ProcessVariables,
        bool? All, bool? ResultEnabled);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/message", async (WorkflowEngine engine, Data.AppDbContext db, Processes.ProductProcesses products, HttpContext http, MessageRequest body, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body.MessageName))
            {
                throw RestException.BadRequest("messageName là bắt buộc.");
            }

            await ProductGuard.RefuseMessageAsync(products, engine, db, body.MessageName, ct);

            var result = await engine.CorrelateMessageAsync(body.MessageName, body.BusinessKey,
                TypedVariableJson.Parse(body.CorrelationKeys, "correlationKeys"), TypedVariableJson.Parse(body.ProcessVariables, "processVariables"),
                body.All == true, Actor.From(http.User).UserName, ct);
            if (!result.Matched)
            {
                throw new RestException(400, "RestException",
                    $"Không thể tương quan thông điệp \"{body.MessageName}\": không có quy trình nào đang chờ hoặc bắt đầu bằng thông điệp này"
                    + (result.ParkedOn is { Count: > 0 } parked ? $" (đã ghi sự cố trên {parked.Count} quy trình có mã nghiệp vụ {body.BusinessKey})." : "."));
            }

            if (body.ResultEnabled != true)
            {
                return Results.NoContent();
            }

            return Results.Ok(result.InstanceIds.Select(id => new
            {
                resultType = result.StartedNewInstance ? "ProcessDefinition" : "Execution",
                processInstance = result.StartedNewInstance ? new { id = id.ToString() } : null,
                execution = result.StartedNewInstance ? null : new { id = id.ToString(), processInstanceId = id.ToString(), ended = false },
            }));
        }).RequireAuthorization(EngineRestFeature.WorkerPolicy);
    }
}
