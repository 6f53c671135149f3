using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>The award kinds every database starts with (DOMAIN.md, "Awards"); admins change them as new versions.</summary>
public static class ShippedAwardKinds
{
    public const string Excellent = "GK-HTXSNV";
    public const string Merit = "GK-TTXS";
    public const string FiveYears = "GK-HTXSNV-5N";
    public const string Exemplary = "GK-HTXSNV-TB";
    public const string SkilledMobilization = "GK-DVK";
    public const string BuildingGrassroots = "GK-XDTCCS";
    public const string FourGood = "GK-CB4T";
    public const string GoodPeople = "GK-NTVT";
    public const string ProvinceMerit = "BK-TU";

    public static IReadOnlyList<AwardRule> All() =>
    [
        AwardRule.Default(),
        new()
        {
            Code = Merit, Name = "Giấy khen thành tích xuất sắc trong năm", Title = "GIẤY KHEN", SerialKind = "GK", SortOrder = 10,
            Eligibility = AwardEligibility.Nomination, Reason = "Có thành tích xuất sắc năm {year}",
        },
        new()
        {
            Code = FiveYears, Name = "Giấy khen hoàn thành xuất sắc nhiệm vụ 5 năm liền", Title = "GIẤY KHEN", SerialKind = "GK", SortOrder = 20,
            Eligibility = AwardEligibility.ConsecutiveYears, Years = 5, Level = RatingLevel.Excellent,
            Reason = "Đạt tiêu chuẩn “Hoàn thành xuất sắc nhiệm vụ” 5 năm liền, giai đoạn {from} – {year}",
        },
        new()
        {
            Code = Exemplary, Name = "Giấy khen hoàn thành xuất sắc nhiệm vụ tiêu biểu", Title = "GIẤY KHEN", SerialKind = "GK", SortOrder = 30,
            Eligibility = AwardEligibility.RatingThisYear, Level = RatingLevel.Excellent, LimitPercent = 20m,
            Reason = "Đạt tiêu chuẩn “Hoàn thành xuất sắc nhiệm vụ” tiêu biểu năm {year}",
        },
        new()
        {
            Code = SkilledMobilization, Name = "Giấy khen phong trào “Dân vận khéo”", Title = "GIẤY KHEN", SerialKind = "GK", SortOrder = 40,
            Eligibility = AwardEligibility.Nomination, Reason = "Có thành tích xuất sắc trong thực hiện Phong trào “Dân vận khéo” năm {year}",
        },
        new()
        {
            Code = BuildingGrassroots, Name = "Giấy khen phong trào thi đua xây dựng tổ chức cơ sở đảng", Title = "GIẤY KHEN", SerialKind = "GK", SortOrder = 50,
            Eligibility = AwardEligibility.Nomination, Reason = "Có thành tích tiêu biểu trong phong trào thi đua xây dựng tổ chức cơ sở đảng năm {year}",
        },
        new()
        {
            Code = FourGood, Name = "Giấy khen “Chi bộ 4 tốt”, “Đảng bộ cơ sở 4 tốt”", Title = "GIẤY KHEN", SerialKind = "GK", SortOrder = 60,
            Eligibility = AwardEligibility.Nomination, SubjectTypes = nameof(SubjectType.GrassrootsOrganization),
            Reason = "Đạt danh hiệu “Chi bộ 4 tốt”, “Đảng bộ cơ sở 4 tốt” năm {year}",
        },
        new()
        {
            Code = GoodPeople, Name = "Giấy khen phong trào “Người tốt – Việc tốt”", Title = "GIẤY KHEN", SerialKind = "GK", SortOrder = 70,
            Eligibility = AwardEligibility.Nomination, SubjectTypes = nameof(SubjectType.Member),
            Reason = "Có thành tích tiêu biểu trong phong trào “Người tốt – Việc tốt” năm {year}",
        },
        new()
        {
            Code = ProvinceMerit, Name = "Bằng khen của Ban Thường vụ Tỉnh ủy", Title = "BẰNG KHEN", SerialKind = "BK", SortOrder = 80,
            Issuer = AwardIssuer.Province, Eligibility = AwardEligibility.ConsecutiveYears, Years = 5, Level = RatingLevel.Excellent, LimitCount = 10,
            Reason = "Đã có thành tích hoàn thành xuất sắc nhiệm vụ tiêu biểu 5 năm liền, giai đoạn {from} – {year}",
        },
    ];
}
