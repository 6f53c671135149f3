using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Workflow.Engine;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;
using Workflow.Web.Localization;

namespace Workflow.Web.Common;

/// <summary>
/// Errors under /api, in one shape: problem details (RFC 9457: <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>)
/// with the product's two members beside them, <c>message</c> (the sentence to show, in the request's language:
/// Vietnamese, or English when asked for) and <c>errors</c> (<c>[{field, message}]</c> for a form). Domain refusals
/// keep their status; lost races are 409; unreadable bodies 400;
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
            Message race = "Hồ sơ vừa được người khác cập nhật hoặc xử lý. Tải lại để xem tình trạng mới.";
            var (status, message, errors) = ex switch
            {
                DomainException r => (r.Status, r.Text, r.Errors),
                DbUpdateConcurrencyException or ConcurrencyException => (409, race, []),
                EngineNotFoundException => (409, race, []),
                EngineStateException s => (400, s.Text, []),
                BadHttpRequestException { InnerException: JsonException j } => (400, JsonMessage(j), FieldOf(j)),
                BadHttpRequestException b => (b.StatusCode, (Message)(b.StatusCode == 413 ? "Nội dung yêu cầu quá lớn." : "Yêu cầu không đọc được: thiếu nội dung hoặc sai định dạng."), []),
                JsonException j => (400, JsonMessage(j), FieldOf(j)),
                _ => (500, (Message)"Lỗi máy chủ khi xử lý yêu cầu; chi tiết đã được ghi nhật ký.", (IReadOnlyList<FieldError>)[]),
            };
            if (status == 500)
            {
                logger.LogError(ex, "api {Path} failed", http.Request.Path);
            }

            await WriteAsync(http, status, message, errors);
        }
    }

    /// <summary>Writes the problem-details body (also for the sign-in and access refusals under /api).</summary>
    public static Task WriteAsync(HttpContext http, int status, Message message, IReadOnlyList<FieldError>? errors = null)
    {
        var t = http.RequestServices.GetRequiredService<IStringLocalizer>();
        var said = t.Say(message);
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new
        {
            type = $"https://httpstatuses.io/{status}",
            title = t[Title(status)].Value,
            status,
            detail = said,
            message = said,
            errors = (errors ?? []).Select(e => new { field = e.Field, message = t.Say(e.Message) }),
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
    private static Message JsonMessage(JsonException j)
    {
        if (j.Path is { Length: > 2 } path)
        {
            return $"Trường {path[2..]} có giá trị không hợp lệ hoặc sai kiểu.";
        }

        return "Nội dung JSON không hợp lệ.";
    }

    private static IReadOnlyList<FieldError> FieldOf(JsonException j) =>
        j.Path is { Length: > 2 } path ? [new FieldError(path[2..], "Giá trị không hợp lệ hoặc sai kiểu.")] : [];
}
