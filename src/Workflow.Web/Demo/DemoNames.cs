namespace Workflow.Web.Demo;

/// <summary>Word lists for the deterministic demo province (names of agencies, communes and people).</summary>
internal static class DemoNames
{
    public static readonly string[] Surnames =
    [
        "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Phạm", "Hoàng", "Huỳnh", "Phan",
        "Vũ", "Vũ", "Võ", "Đặng", "Bùi", "Bùi", "Đỗ", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đoàn", "Mạc",
        "Lương", "Tạ", "Phùng", "Cao", "Lưu", "Vương", "Quách",
    ];

    public static readonly string[] MaleMiddle = ["Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Thanh", "Công", "Duy", "Mạnh", "Tiến", "Ngọc", "Đình"];

    public static readonly string[] FemaleMiddle = ["Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Phương", "Kim", "Hải", "Diệu"];

    public static readonly string[] MaleGiven =
    [
        "Anh", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Hưng", "Khánh", "Khoa", "Long", "Mạnh", "Nam", "Nghĩa",
        "Phong", "Phúc", "Quân", "Quý", "Sơn", "Tâm", "Thắng", "Thành", "Tiến", "Toàn", "Trung", "Tuấn", "Tùng", "Việt",
        "Vinh", "Tuệ", "Hiếu", "Lợi", "Đông", "Kiên", "Thịnh", "Trường",
    ];

    public static readonly string[] FemaleGiven =
    [
        "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Huyền", "Hương", "Lan", "Liên", "Linh",
        "Loan", "Mai", "Nga", "Ngân", "Nhung", "Oanh", "Phượng", "Quyên", "Thảo", "Thanh", "Thủy", "Trang", "Tuyết",
        "Uyên", "Vân", "Yến", "Hồng", "Lụa", "Thoa",
    ];

    /// <summary>39 provincial agencies large enough to have a grassroots party committee (đảng bộ cơ sở).</summary>
    public static readonly string[] KhoiCommittees =
    [
        "Sở Công Thương", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Giáo dục và Đào tạo", "Sở Y tế",
        "Sở Nông nghiệp và Phát triển nông thôn", "Sở Giao thông vận tải", "Sở Xây dựng", "Sở Tài nguyên và Môi trường",
        "Sở Lao động - Thương binh và Xã hội", "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ",
        "Sở Thông tin và Truyền thông", "Sở Nội vụ", "Sở Tư pháp", "Thanh tra tỉnh", "Văn phòng UBND tỉnh",
        "Văn phòng Tỉnh ủy", "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Cục Thuế tỉnh", "Cục Hải quan tỉnh",
        "Kho bạc Nhà nước tỉnh", "Cục Thống kê tỉnh", "Bảo hiểm xã hội tỉnh", "Ngân hàng Nhà nước chi nhánh tỉnh",
        "Bệnh viện Đa khoa tỉnh", "Bệnh viện Nhi tỉnh", "Bệnh viện Y học cổ truyền tỉnh", "Trường Đại học Kỹ thuật",
        "Trường Cao đẳng Y tế", "Trường Chính trị tỉnh", "Đài Phát thanh và Truyền hình tỉnh", "Báo tỉnh",
        "Ban Quản lý các khu công nghiệp tỉnh", "Công ty Điện lực tỉnh", "Công ty Cổ phần Nước sạch",
        "Liên đoàn Lao động tỉnh", "Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh",
    ];

    /// <summary>49 smaller agencies with a grassroots branch (chi bộ cơ sở).</summary>
    public static readonly string[] KhoiBranches =
    [
        "Ban Dân tộc tỉnh", "Sở Ngoại vụ", "Hội Nông dân tỉnh", "Hội Cựu chiến binh tỉnh", "Ủy ban MTTQ tỉnh",
        "Liên minh Hợp tác xã tỉnh", "Hội Chữ thập đỏ tỉnh", "Liên hiệp các Hội Khoa học và Kỹ thuật",
        "Hội Văn học Nghệ thuật tỉnh", "Hội Nhà báo tỉnh", "Hội Luật gia tỉnh", "Hội Người cao tuổi tỉnh",
        "Hội Khuyến học tỉnh", "Hội Làm vườn tỉnh", "Ban Quản lý dự án đầu tư xây dựng",
        "Trung tâm Xúc tiến Đầu tư", "Trung tâm Công nghệ thông tin", "Trung tâm Kiểm soát bệnh tật",
        "Trung tâm Pháp y", "Trung tâm Giám định y khoa", "Trung tâm Dịch vụ việc làm", "Trung tâm Khuyến nông",
        "Chi cục Thủy lợi", "Chi cục Kiểm lâm", "Chi cục Chăn nuôi và Thú y", "Chi cục Trồng trọt và Bảo vệ thực vật",
        "Chi cục Quản lý thị trường", "Chi cục Tiêu chuẩn Đo lường Chất lượng", "Chi cục Dân số", "Chi cục An toàn thực phẩm",
        "Thư viện tỉnh", "Bảo tàng tỉnh", "Nhà hát Chèo tỉnh", "Trung tâm Văn hóa tỉnh", "Trung tâm Huấn luyện thể thao",
        "Quỹ Đầu tư phát triển", "Quỹ Bảo vệ môi trường", "Văn phòng Đăng ký đất đai", "Trung tâm Quan trắc môi trường",
        "Trung tâm Phát triển quỹ đất", "Trường Trung học phổ thông Chuyên", "Trường Cao đẳng Nghề",
        "Trường Cao đẳng Sư phạm", "Công ty Xổ số kiến thiết", "Công ty Môi trường đô thị",
        "Công ty Khai thác công trình thủy lợi", "Nhà xuất bản tỉnh", "Đoàn Luật sư tỉnh", "Hội Đông y tỉnh",
    ];

    public static readonly string[] AgencyBranches =
    [
        "Văn phòng", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch - Tài chính", "Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2",
        "Phòng Thanh tra", "Phòng Pháp chế", "Trung tâm trực thuộc",
    ];

    /// <summary>Bình Giang district: 16 communes and the town with a grassroots committee each.</summary>
    public static readonly string[] BinhGiangCommunes =
    [
        "Thị trấn Kẻ Sặt", "xã Vĩnh Hưng", "xã Hùng Thắng", "xã Vĩnh Hồng", "xã Long Xuyên", "xã Tân Việt",
        "xã Thúc Kháng", "xã Tân Hồng", "xã Bình Minh", "xã Hồng Khê", "xã Thái Học", "xã Cổ Bì", "xã Nhân Quyền",
        "xã Thái Dương", "xã Thái Hòa", "xã Bình Xuyên",
    ];

    /// <summary>Bình Giang district agencies with a grassroots branch: 22, so that the district has 38 TCCS.</summary>
    public static readonly string[] BinhGiangBranches =
    [
        "Cơ quan Huyện ủy", "Cơ quan UBND huyện", "Cơ quan Ủy ban MTTQ và các đoàn thể huyện", "Công an huyện",
        "Ban Chỉ huy Quân sự huyện", "Tòa án nhân dân huyện", "Viện Kiểm sát nhân dân huyện", "Chi cục Thi hành án dân sự",
        "Chi cục Thuế khu vực", "Kho bạc Nhà nước huyện", "Bảo hiểm xã hội huyện", "Trung tâm Y tế huyện",
        "Phòng Giáo dục và Đào tạo", "Trường THPT Bình Giang", "Trường THPT Kẻ Sặt", "Trường THPT Đường An",
        "Trung tâm Văn hóa - Thông tin - Thể thao", "Ngân hàng Nông nghiệp chi nhánh huyện",
        "Ngân hàng Chính sách xã hội huyện", "Điện lực Bình Giang", "Hạt Quản lý đường bộ", "Trung tâm Giáo dục nghề nghiệp",
    ];

    public static readonly string[] Villages =
    [
        "Thôn Đông", "Thôn Tây", "Thôn Nam", "Thôn Bắc", "Thôn Thượng", "Thôn Hạ", "Thôn Trung", "Khu dân cư số 1",
        "Khu dân cư số 2", "Chi bộ Trường học", "Chi bộ Trạm Y tế", "Chi bộ Quân sự",
    ];

    public static readonly string[] Positions =
    [
        "Chuyên viên", "Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Phó Trưởng phòng", "Trưởng phòng",
        "Kế toán", "Cán sự", "Viên chức", "Giáo viên", "Bác sĩ", "Kỹ sư",
    ];
}
