namespace Workflow.Web.Ratings;

/// <summary>
/// The three rule sets the product ships with. The criteria are short paraphrases of the regulations' headings; an
/// admin adjusts them (as a new version) to the province's guidance.
/// </summary>
public static class RuleSetSeeds
{
    public static IReadOnlyList<(string Code, string Name, int FromYear, int? ToYear, RuleSetDefinition Definition)> All =>
    [
        ("132-QĐ/TW", "Quy định 132-QĐ/TW (Hướng dẫn 16, 21)", 2018, 2022, Grades(orderRulesBlock: false)),
        ("124-QĐ/TW", "Quy định 124-QĐ/TW (Hướng dẫn 25-HD/BTCTW)", 2023, 2024, Grades(orderRulesBlock: false)),
        ("366-QĐ/TW", "Quy định 366-QĐ/TW (Hướng dẫn 43-HD/BTCTW)", 2025, null, Points()),
    ];

    private static List<CapRule> Caps =>
    [
        new(CapFact.Discipline, RatingLevel.NotComplete,
            "Đảng viên bị kỷ luật trong năm (trừ trường hợp tự phát hiện, chủ động khắc phục hậu quả) xếp loại không hoàn thành nhiệm vụ.", [SubjectType.Member]),
        new(CapFact.Discipline, RatingLevel.Good,
            "Tổ chức bị thi hành kỷ luật trong năm không được xếp loại hoàn thành xuất sắc nhiệm vụ.", [SubjectType.GrassrootsOrganization, SubjectType.CommitteeCollective]),
        new(CapFact.SubordinateDiscipline, RatingLevel.Good,
            "Có tổ chức đảng trực thuộc hoặc thành viên lãnh đạo bị kỷ luật trong năm: không được xếp loại hoàn thành xuất sắc nhiệm vụ.", [SubjectType.GrassrootsOrganization, SubjectType.CommitteeCollective]),
        new(CapFact.Degradation, RatingLevel.NotComplete,
            "Có kết luận suy thoái về tư tưởng chính trị, đạo đức, lối sống: xếp loại không hoàn thành nhiệm vụ.", []),
        new(CapFact.PreviousYearNotComplete, RatingLevel.NotComplete,
            "Năm trước đã không hoàn thành nhiệm vụ: hai năm liên tiếp xếp loại không hoàn thành nhiệm vụ.", [SubjectType.Member]),
    ];

    private static readonly Criterion[] Organization =
    [
        new("ctt", "Công tác chính trị, tư tưởng"),
        new("tccb", "Công tác tổ chức, cán bộ, đảng viên"),
        new("ktgs", "Công tác kiểm tra, giám sát, kỷ luật đảng"),
        new("dv", "Công tác dân vận"),
        new("nvct", "Lãnh đạo thực hiện nhiệm vụ chính trị được giao"),
        new("khac-phuc", "Khắc phục hạn chế, khuyết điểm đã được chỉ ra"),
    ];

    private static readonly Criterion[] Collective =
    [
        new("quy-che", "Xây dựng, thực hiện quy chế làm việc và nguyên tắc tập trung dân chủ"),
        new("lanh-dao", "Lãnh đạo thực hiện nhiệm vụ chính trị"),
        new("xdd", "Lãnh đạo công tác xây dựng Đảng và hệ thống chính trị"),
        new("doan-ket", "Đoàn kết nội bộ; phòng, chống tham nhũng, lãng phí"),
        new("khac-phuc", "Khắc phục hạn chế, khuyết điểm"),
    ];

    private static readonly Criterion[] MemberCommon =
    [
        new("chinh-tri", "Tư tưởng chính trị"),
        new("dao-duc", "Phẩm chất đạo đức, lối sống"),
        new("ky-luat", "Ý thức tổ chức kỷ luật"),
        new("tac-phong", "Tác phong, lề lối làm việc"),
        new("nhiem-vu", "Kết quả thực hiện chức trách, nhiệm vụ được giao"),
    ];

    private static readonly Criterion LeadershipCriterion = new("lanh-dao", "Kết quả lãnh đạo, quản lý cơ quan, đơn vị được giao phụ trách");

    private static readonly Criterion[] MemberOther =
    [
        new("chinh-tri", "Tư tưởng chính trị"),
        new("dao-duc", "Phẩm chất đạo đức, lối sống"),
        new("ky-luat", "Ý thức tổ chức kỷ luật"),
        new("nhiem-vu-dv", "Thực hiện nhiệm vụ đảng viên ở chi bộ"),
        new("noi-cu-tru", "Gương mẫu và quan hệ với nhân dân nơi cư trú"),
    ];

    private static List<Band> GradeBands =>
    [
        new(RatingLevel.Excellent) { WorstGrade = Grade.Good, ShareGrade = Grade.Excellent, MinShare = 0.5m },
        new(RatingLevel.Good) { WorstGrade = Grade.Good },
        new(RatingLevel.Complete) { WorstGrade = Grade.Average },
    ];

    private static List<Band> PointBands =>
    [
        new(RatingLevel.Excellent) { MinPoints = 90, MinOnTimePercent = 100, MinExceedingPercent = 30 },
        new(RatingLevel.Good) { MinPoints = 70 },
        new(RatingLevel.Complete) { MinPoints = 50 },
    ];

    private static RuleSetDefinition Grades(bool orderRulesBlock) => new()
    {
        Scoring = ScoringMode.Grades,
        Caps = Caps,
        OrderRulesBlock = orderRulesBlock,
        Forms =
        [
            new() { Subject = SubjectType.GrassrootsOrganization, FormCode = "Mẫu 01", Title = "Kiểm điểm tập thể tổ chức cơ sở đảng", Criteria = [.. Organization], Bands = GradeBands },
            new() { Subject = SubjectType.CommitteeCollective, FormCode = "Mẫu 01", Title = "Kiểm điểm tập thể cấp ủy", Criteria = [.. Collective], Bands = GradeBands },
            new() { Subject = SubjectType.Member, MemberKind = MemberKind.Leader, FormCode = "Mẫu 2A", Title = "Kiểm điểm cá nhân cán bộ lãnh đạo, quản lý", Criteria = [.. MemberCommon, LeadershipCriterion], Bands = GradeBands },
            new() { Subject = SubjectType.Member, MemberKind = MemberKind.Staff, FormCode = "Mẫu 2B", Title = "Kiểm điểm cá nhân đảng viên là cán bộ, công chức, viên chức", Criteria = [.. MemberCommon], Bands = GradeBands },
            new() { Subject = SubjectType.Member, MemberKind = MemberKind.Other, FormCode = "Mẫu 2C", Title = "Kiểm điểm cá nhân đảng viên khác", Criteria = [.. MemberOther], Bands = GradeBands },
        ],
    };

    private static Criterion[] WithPoints(Criterion[] criteria, params int[] points) =>
        criteria.Select((c, i) => c with { MaxPoints = points[i] }).ToArray();

    private static RuleSetDefinition Points() => new()
    {
        Scoring = ScoringMode.Points,
        BandsAreLimits = true,
        Caps = Caps,
        OrderRulesBlock = false,
        Forms =
        [
            new() { Subject = SubjectType.GrassrootsOrganization, FormCode = "Mẫu 01", Title = "Kiểm điểm tập thể tổ chức cơ sở đảng", Criteria = [.. WithPoints(Organization, 15, 20, 15, 10, 30, 10)], Bands = PointBands },
            new() { Subject = SubjectType.CommitteeCollective, FormCode = "Mẫu 01", Title = "Kiểm điểm tập thể cấp ủy", Criteria = [.. WithPoints(Collective, 20, 35, 20, 15, 10)], Bands = PointBands },
            new() { Subject = SubjectType.Member, MemberKind = MemberKind.Leader, FormCode = "Mẫu 2A", Title = "Kiểm điểm cá nhân cán bộ lãnh đạo, quản lý", Criteria = [.. WithPoints([.. MemberCommon, LeadershipCriterion], 15, 15, 10, 10, 30, 20)], Bands = PointBands },
            new() { Subject = SubjectType.Member, MemberKind = MemberKind.Staff, FormCode = "Mẫu 2B", Title = "Kiểm điểm cá nhân đảng viên là cán bộ, công chức, viên chức", Criteria = [.. WithPoints(MemberCommon, 15, 15, 15, 10, 45)], Bands = PointBands },
            new() { Subject = SubjectType.Member, MemberKind = MemberKind.Other, FormCode = "Mẫu 2C", Title = "Kiểm điểm cá nhân đảng viên khác", Criteria = [.. WithPoints(MemberOther, 20, 20, 20, 25, 15)], Bands = PointBands },
        ],
    };
}
