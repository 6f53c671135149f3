namespace Workflow.Web.Ratings;

/// <summary>Codes and Vietnamese names of the levels, subject types and grades, and the parsing of codes.</summary>
public static class RatingText
{
    public static readonly IReadOnlyList<RatingLevel> Levels = [RatingLevel.Excellent, RatingLevel.Good, RatingLevel.Complete, RatingLevel.NotComplete];

    public static string Code(RatingLevel level) => level switch
    {
        RatingLevel.Excellent => "HTXSNV",
        RatingLevel.Good => "HTTNV",
        RatingLevel.Complete => "HTNV",
        RatingLevel.NotComplete => "KHTNV",
        _ => level.ToString(),
    };

    public static string Name(RatingLevel level) => level switch
    {
        RatingLevel.Excellent => "Hoàn thành xuất sắc nhiệm vụ",
        RatingLevel.Good => "Hoàn thành tốt nhiệm vụ",
        RatingLevel.Complete => "Hoàn thành nhiệm vụ",
        RatingLevel.NotComplete => "Không hoàn thành nhiệm vụ",
        _ => level.ToString(),
    };

    /// <summary>The level as it reads inside a sentence ("hoàn thành xuất sắc nhiệm vụ").</summary>
    public static string Phrase(RatingLevel level) => Name(level).ToLowerInvariant();

    /// <summary>A discipline's form as it reads in a sentence ("khiển trách").</summary>
    public static string Name(DisciplineForm form) => form switch
    {
        DisciplineForm.Reprimand => "khiển trách",
        DisciplineForm.Warning => "cảnh cáo",
        DisciplineForm.Dismissal => "cách chức",
        DisciplineForm.Expulsion => "khai trừ",
        _ => form.ToString(),
    };

    public static RatingLevel? ParseLevel(string? code) => code?.Trim().ToUpperInvariant() switch
    {
        "HTXSNV" or "EXCELLENT" => RatingLevel.Excellent,
        "HTTNV" or "GOOD" => RatingLevel.Good,
        "HTNV" or "COMPLETE" => RatingLevel.Complete,
        "KHTNV" or "NOTCOMPLETE" => RatingLevel.NotComplete,
        _ => null,
    };

    public static string Name(SubjectType type) => type switch
    {
        SubjectType.GrassrootsOrganization => "Tổ chức cơ sở đảng",
        SubjectType.CommitteeCollective => "Tập thể cấp ủy",
        SubjectType.Member => "Đảng viên",
        _ => type.ToString(),
    };

    /// <summary>The plural as it reads in a report sentence ("7/38 tổ chức cơ sở đảng ...").</summary>
    public static string Plural(SubjectType type) => type switch
    {
        SubjectType.GrassrootsOrganization => "tổ chức cơ sở đảng",
        SubjectType.CommitteeCollective => "tập thể cấp ủy",
        SubjectType.Member => "đảng viên",
        _ => type.ToString(),
    };

    public static string Code(Grade grade) => grade switch
    {
        Grade.Excellent => "XS",
        Grade.Good => "T",
        Grade.Average => "TB",
        Grade.Poor => "K",
        _ => grade.ToString(),
    };

    public static string Name(Grade grade) => grade switch
    {
        Grade.Excellent => "Xuất sắc",
        Grade.Good => "Tốt",
        Grade.Average => "Trung bình",
        Grade.Poor => "Kém",
        _ => grade.ToString(),
    };

    public static Grade? ParseGrade(string? code) => code?.Trim().ToUpperInvariant() switch
    {
        "XS" => Grade.Excellent,
        "T" => Grade.Good,
        "TB" => Grade.Average,
        "K" => Grade.Poor,
        _ => null,
    };

    public static string Name(FileStatus status) => status switch
    {
        FileStatus.Opened => "Chưa nhập",
        FileStatus.Draft => "Đang soạn",
        FileStatus.Submitted => "Đang thẩm định",
        FileStatus.Returned => "Bị trả lại",
        FileStatus.Proposed => "Chờ quyết định",
        FileStatus.Decided => "Đã quyết định",
        FileStatus.Complained => "Đang giải quyết khiếu nại",
        _ => status.ToString(),
    };

    public static string Name(FileEventKind kind) => kind switch
    {
        FileEventKind.Opened => "Mở hồ sơ",
        FileEventKind.DraftSaved => "Lưu nháp",
        FileEventKind.Submitted => "Nộp hồ sơ",
        FileEventKind.Returned => "Trả lại",
        FileEventKind.Proposed => "Đề xuất mức",
        FileEventKind.InspectionOpinion => "Ý kiến Ủy ban Kiểm tra",
        FileEventKind.DisciplineRecorded => "Ghi nhận kỷ luật",
        FileEventKind.Decided => "Quyết định",
        FileEventKind.ComplaintFiled => "Khiếu nại",
        FileEventKind.Reverified => "Thẩm định lại",
        FileEventKind.Redecided => "Quyết định lại",
        FileEventKind.EvidenceAdded => "Thêm minh chứng",
        FileEventKind.Comment => "Ý kiến",
        FileEventKind.EvidenceRemoved => "Gỡ minh chứng",
        _ => kind.ToString(),
    };
}
