namespace Workflow.Web.Imports;

/// <summary>A column a sheet of some kind may hold: its key, the header of the template, and other headers accepted for it.</summary>
public sealed record ImportColumn(string Key, string Header, bool Required, string Example, params string[] Aliases)
{
    /// <summary>The columns of each kind, in the template's order.</summary>
    public static IReadOnlyList<ImportColumn> Of(ImportKind kind) => kind switch
    {
        ImportKind.Units =>
        [
            new("code", "Mã đơn vị", false, "SCT"),
            new("name", "Tên đơn vị", true, "Đảng bộ Sở Công Thương", "Đơn vị", "Tên"),
            new("kind", "Loại", true, "Đảng bộ cơ sở", "Loại đơn vị"),
            new("parentCode", "Mã đơn vị cấp trên", false, "ĐUK"),
            new("parent", "Đơn vị cấp trên", false, "Đảng ủy Khối", "Cấp trên"),
            new("hasCommittee", "Có cấp ủy", false, "Có"),
        ],
        ImportKind.Members =>
        [
            new("code", "Mã đảng viên", false, "DV000123", "Số thẻ đảng viên", "Mã"),
            new("name", "Họ và tên", true, "Nguyễn Văn An", "Họ tên", "Tên"),
            new("birth", "Ngày sinh", true, "15/03/1980"),
            new("gender", "Giới tính", false, "Nam"),
            new("unitCode", "Mã đơn vị", false, "SCT-VP"),
            new("unit", "Đơn vị", false, "Chi bộ Văn phòng", "Chi bộ"),
            new("parent", "Đơn vị cấp trên", false, "Đảng bộ Sở Công Thương", "Cấp trên"),
            new("form", "Loại (2A/2B/2C)", false, "2B", "Loại", "Mẫu"),
            new("status", "Trạng thái", false, "Chính thức", "Đảng viên"),
            new("joined", "Ngày vào Đảng", true, "03/02/2005", "Ngày vào đảng", "Ngày kết nạp"),
            new("position", "Chức vụ", false, "Chuyên viên"),
        ],
        ImportKind.Results =>
        [
            new("year", "Năm", true, "2022"),
            new("type", "Đối tượng", true, "Đảng viên"),
            new("code", "Mã", false, "DV000123", "Mã đảng viên", "Mã đơn vị được xếp loại"),
            new("name", "Tên", true, "Nguyễn Văn An", "Họ và tên", "Tên tập thể, cá nhân"),
            new("birth", "Ngày sinh", false, "15/03/1980"),
            new("unitCode", "Mã đơn vị", false, "SCT-VP"),
            new("unit", "Đơn vị", false, "Chi bộ Văn phòng"),
            new("parent", "Đơn vị cấp trên", false, "Đảng bộ Sở Công Thương", "Cấp trên"),
            new("level", "Xếp loại", false, "HTXSNV", "Mức xếp loại", "Kết quả xếp loại"),
            new("award", "Khen thưởng", false, "GK-HTXSNV", "Hình thức khen thưởng"),
            new("title", "Danh hiệu", false, "LĐTT", "Danh hiệu thi đua"),
            new("decision", "Số quyết định", false, "125-QĐ/ĐUK", "Quyết định", "Căn cứ"),
        ],
        _ =>
        [
            new("userName", "Tên đăng nhập", true, "btc.sct"),
            new("name", "Họ và tên", true, "Trần Thị Bình", "Họ tên"),
            new("email", "Thư điện tử", false, "btc.sct@example.vn", "Email"),
            new("role", "Vai trò", true, "Ban Tổ chức"),
            new("unitCode", "Mã đơn vị", false, "SCT"),
            new("unit", "Đơn vị", false, "Đảng bộ Sở Công Thương"),
            new("parent", "Đơn vị cấp trên", false, "Đảng ủy Khối"),
            new("password", "Mật khẩu ban đầu", true, "Doi-ngay-2026!"),
        ],
    };
}
