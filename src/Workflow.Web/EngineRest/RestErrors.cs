using System.Text.Json;
using Workflow.Engine.Bpmn;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;

using Workflow.Web.Processes;

namespace Workflow.Web.EngineRest;

/// <summary>An error in Camunda's REST shape: <c>{"type": "...", "message": "..."}</c> with its HTTP status.</summary>
public sealed class RestException(int status, string type, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Type { get; } = type;

    public static RestException BadRequest(string message) => new(400, "InvalidRequestException", message);

    public static RestException NotFound(string message) => new(404, "InvalidRequestException", message);

    public static RestException Forbidden(string message) => new(403, "AuthorizationException", message);
}

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

public static class RestJson
{
    /// <summary>camelCase, nulls written (Camunda's DTOs list every field), non-ASCII kept readable.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Camunda's date format: 2026-12-01T08:00:00.000+0700.</summary>
    public static string? Date(DateTime? utc) => utc is { } value
        ? Localization.VietnamTime.ToLocal(value).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) + "+0700"
        : null;

    /// <summary>Parses Camunda's date parameters (with or without offset; without one, Việt Nam time).</summary>
    public static DateTime? ParseDate(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return TypedVariableJson.TryParseDate(text, out var value)
            ? value
            : throw RestException.BadRequest($"Tham số {field} không phải ngày giờ hợp lệ: \"{text}\" (định dạng yyyy-MM-ddTHH:mm:ss.SSSZ).");
    }
}
