using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Workflow.Web.Pages;

/// <summary>Shown for unhandled errors and for status codes (404, 403...) re-executed by the status-code pages.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<SharedResource> t) : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";
    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        (Title, Message) = code switch
        {
            404 => (t["Không tìm thấy"], t["Trang hoặc dữ liệu bạn tìm không tồn tại, hoặc nằm ngoài phạm vi bạn được xem."]),
            403 => (t["Không có quyền truy cập"], t["Bạn không có quyền xem trang này. Nếu cần, hãy liên hệ quản trị viên."]),
            400 => (t["Yêu cầu không hợp lệ"], t["Biểu mẫu đã hết hạn hoặc dữ liệu gửi lên không hợp lệ. Vui lòng tải lại trang và thử lại."]),
            _ => (t["Đã xảy ra lỗi"], t["Hệ thống gặp lỗi khi xử lý yêu cầu. Dữ liệu của bạn chưa bị thay đổi; vui lòng thử lại."]),
        };
    }
}
