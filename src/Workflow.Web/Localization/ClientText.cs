using Microsoft.Extensions.Localization;

namespace Workflow.Web.Localization;

/// <summary>
/// The texts the browser scripts write themselves (status lines, messages, confirmations), translated for the page's
/// language and handed to the scripts as one JSON dictionary (the layout's <c>ui-text</c> block; the scripts look each
/// text up with <c>t("…")</c> and fall back to the Vietnamese). "{0}" marks where a number goes.
/// </summary>
public static class ClientText
{
    public static readonly IReadOnlyList<string> Keys =
    [
        "Thông báo: {0} chưa đọc", "Đang tải hồ sơ…", "Không tải được chi tiết việc. Thử lại sau giây lát.", "Mất kết nối tới máy chủ; kiểm tra mạng rồi thử lại.",
        "Không tải được biểu mẫu.", "Việc này không còn trong danh sách của bạn.", "Không tải được sơ đồ.", "Không vẽ được sơ đồ quy trình.",
        "Đã xử lý xong các việc trên trang này.", "Không thực hiện được.", "Trả lại cần nêu lý do: nhập lý do rồi bấm Trả lại.", "Chưa chọn việc nào",
        "Đã chọn {0} việc", "Chấp nhận mức tự đề xuất", "Nhận các việc đã chọn", "{0}: đề xuất {1}", "(chưa tự đề xuất)", "{0}: nhận việc", "Hủy", "Đóng",
        "Không lưu được bộ lọc.", "Xóa bộ lọc đã lưu này? Các việc trong đó không bị ảnh hưởng.", "Việc này không duyệt nhanh được; mở hồ sơ để xử lý.",
        "Không nhận được việc.", "Mất kết nối, đang thử lại…", "Cập nhật trực tiếp", "Không có cập nhật trực tiếp: tải lại trang để xem việc mới",
        "Không mở được sơ đồ: {0}", "{0} giây", "{0} phút", "{0} giờ", "{0} ngày",
    ];

    public static Dictionary<string, string> For(IStringLocalizer localizer) => Keys.ToDictionary(k => k, k => localizer[k].Value, StringComparer.Ordinal);
}
