using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;

namespace Workflow.Web.Common;

/// <summary>
/// Errors under /api, in one shape: problem details (RFC 9457: <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>)
/// with the product's two members beside them, <c>message</c> (the Vietnamese sentence to show) and <c>errors</c>
/// (<c>[{field, message}]</c> for a form). Domain refusals keep their status; lost races are 409; unreadable bodies 400;
/// anything unexpected a 500 whose detail stays in the log.
/// </summary>
public sealed class ApiErrors(RequestDelegate next, ILogger<ApiErrors> logger)
{
    public const string ContentType = "application/problem+json";

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception ex) when (!http.Response.HasStarted)
        {
            const string Race = "Hồ sơ vừa được người khác cập nhật hoặc xử lý. Tải lại để xem tình trạng mới.";
            var (status, message, errors) = ex switch
            {
                DomainException r => (r.Status, r.Message, r.Errors),
                DbUpdateConcurrencyException or ConcurrencyException => (409, Race, []),
                EngineNotFoundException => (409, Race, []),
                EngineStateException s => (400, s.Message, []),
                BadHttpRequestException { InnerException: JsonException j } => (400, JsonMessage(j), FieldOf(j)),
                BadHttpRequestException b => (b.StatusCode, b.StatusCode == 413 ? "Nội dung yêu cầu quá lớn." : "Yêu cầu không đọc được: thiếu nội dung hoặc sai định dạng.", []),
                JsonException j => (400, JsonMessage(j), FieldOf(j)),
                _ => (500, "Lỗi máy chủ khi xử lý yêu cầu; chi tiết đã được ghi nhật ký.", (IReadOnlyList<FieldError>)[]),
            };
            if (status == 500)
            {
                logger.LogError(ex, "api {Path} failed", http.Request.Path);
            }

            await WriteAsync(http, status, message, errors);
        }
    }

    /// <summary>Writes the problem-details body (also for the sign-in and access refusals under /api).</summary>
    public static Task WriteAsync(HttpContext http, int status, string message, IReadOnlyList<FieldError>? errors = null)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new
        {
            type = $"https://httpstatuses.io/{status}",
            title = Title(status),
            status,
            detail = message,
            message,
            errors = (errors ?? []).Select(e => new { field = e.Field, message = e.Message }),
        }, (JsonSerializerOptions?)null, ContentType);
    }

    private static string Title(int status) => status switch
    {
        400 => "Yêu cầu không hợp lệ",
        401 => "Cần đăng nhập",
        403 => "Không có quyền",
        404 => "Không tìm thấy",
        409 => "Xung đột dữ liệu",
        413 => "Nội dung quá lớn",
        _ => "Lỗi máy chủ",
    };

    /// <summary>A body that does not bind, said in Vietnamese with the field it stopped at ("$.decidingUnitId" → decidingUnitId).</summary>
    private static string JsonMessage(JsonException j) => j.Path is { Length: > 2 } path
        ? $"Trường {path[2..]} có giá trị không hợp lệ hoặc sai kiểu."
        : "Nội dung JSON không hợp lệ.";

    private static IReadOnlyList<FieldError> FieldOf(JsonException j) =>
        j.Path is { Length: > 2 } path ? [new FieldError(path[2..], "Giá trị không hợp lệ hoặc sai kiểu.")] : [];
}
