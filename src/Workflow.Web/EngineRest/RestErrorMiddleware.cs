using System.Text.Json;
using Workflow.Engine.Bpmn;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;
using Workflow.Web.Processes;

namespace Workflow.Web.EngineRest;

/// <summary>
/// Turns every failure under /engine-rest into Camunda's error body. Engine exceptions map to the status codes
/// Camunda uses: a missing task is 404, a lost race or a wrong lock holder 400 or 409, invalid BPMN 400 with every
/// (element id, message) listed.
/// </summary>
public sealed class RestErrorMiddleware(RequestDelegate next, ILogger<RestErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        // Camunda answers "application/json" without a charset, and Camunda's own Node client compares the header
        // exactly before parsing. JSON is UTF-8 by definition (RFC 8259), so nothing is lost.
        http.Response.OnStarting(() =>
        {
            if (http.Response.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
            {
                http.Response.ContentType = "application/json";
            }

            return Task.CompletedTask;
        });
        try
        {
            await next(http);
        }
        catch (Exception ex) when (!http.Response.HasStarted)
        {
            var (status, body) = ex switch
            {
                RestException r => (r.Status, (object)new { type = r.Type, message = r.Message }),
                VariableFormatException v => (400, new { type = "InvalidRequestException", message = v.Message }),
                BpmnValidationException v => (400, new
                {
                    type = "ParseException",
                    message = v.Message,
                    details = new Dictionary<string, object>
                    {
                        ["problems"] = v.Problems.Select(p => new { elementId = p.ElementId, elementName = p.ElementName, message = p.Message, resource = p.Resource }),
                    },
                }),
                EngineNotFoundException n => (404, new { type = "InvalidRequestException", message = n.Message }),
                ConcurrencyException c => (409, new { type = "OptimisticLockingException", message = c.Message }),
                EngineStateException s => (400, new { type = "BadUserRequestException", message = s.Message }),
                EngineException e => (400, new { type = "ProcessEngineException", message = e.Message }),
                JsonException j => (400, new { type = "InvalidRequestException", message = $"JSON không hợp lệ: {j.Message}" }),
                BadHttpRequestException { StatusCode: 413 } => (413, new { type = "InvalidRequestException", message = "Nội dung yêu cầu vượt quá giới hạn kích thước." }),
                BadHttpRequestException b => (b.StatusCode, new { type = "InvalidRequestException", message = b.Message }),
                _ => (500, new { type = "ProcessEngineException", message = "Lỗi máy chủ khi xử lý yêu cầu; chi tiết đã được ghi nhật ký." }),
            };
            if (status == 500)
            {
                logger.LogError(ex, "engine-rest {Path} failed", http.Request.Path);
            }

            http.Response.StatusCode = status;
            await http.Response.WriteAsJsonAsync(body, RestJson.Options);
        }
    }
}
