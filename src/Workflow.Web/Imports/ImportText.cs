using System.Globalization;

namespace Workflow.Web.Imports;

/// <summary>Names of what an import holds.</summary>
public static class ImportText
{
    public static string Of(ImportKind kind) => kind switch
    {
        ImportKind.Units => "đơn vị",
        ImportKind.Members => "đảng viên",
        ImportKind.Results => "kết quả các năm trước",
        _ => "tài khoản",
    };

    public static string Title(ImportKind kind) => kind switch
    {
        ImportKind.Units => "Đơn vị",
        ImportKind.Members => "Đảng viên",
        ImportKind.Results => "Kết quả xếp loại, khen thưởng các năm trước",
        _ => "Tài khoản đăng nhập",
    };

    public static string Of(ImportStatus status) => status switch
    {
        ImportStatus.Checked => "Đã kiểm tra (chưa ghi)",
        ImportStatus.Queued => "Chờ chạy",
        ImportStatus.Running => "Đang nhập",
        ImportStatus.Completed => "Đã xong",
        _ => "Lỗi",
    };

    public static string Count(int n) => n.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"));
}
