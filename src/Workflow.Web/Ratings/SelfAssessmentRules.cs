using System.Text.Json;

namespace Workflow.Web.Ratings;

/// <summary>
/// Bounds and cleans what a branch types into a self-assessment before anything is stored: every text in NFC without
/// control characters and within its length, criterion answers short, the meeting's numbers in range. Pure.
/// </summary>
public static class SelfAssessmentRules
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The self-assessment stored on a file (null when nothing was saved).</summary>
    public static SelfAssessment? Parse(string? content) =>
        string.IsNullOrEmpty(content) ? null : JsonSerializer.Deserialize<SelfAssessment>(content, Json);

    /// <summary>The self-assessment as it is stored on the file.</summary>
    public static string ToJson(SelfAssessment content) => JsonSerializer.Serialize(content, Json);

    public const int MaxCriteria = 100;
    public const int MaxAnswerLength = 20;

    public static (SelfAssessment Clean, List<FieldError> Errors) Clean(SelfAssessment content)
    {
        var errors = new List<FieldError>();
        var criteria = new Dictionary<string, string>(StringComparer.Ordinal);
        if (content.Criteria.Count > MaxCriteria)
        {
            errors.Add(new("criteria", $"Quá nhiều tiêu chí (tối đa {MaxCriteria})."));
        }
        else
        {
            foreach (var (code, answer) in content.Criteria)
            {
                var key = TextRules.Collect(errors, code, 50, "criteria", "Mã tiêu chí", required: true);
                var value = TextRules.Collect(errors, answer, MaxAnswerLength, "criteria." + code, $"Tiêu chí \"{code}\"");
                if (key is not null && value is not null)
                {
                    criteria[key] = value;
                }
            }
        }

        var clean = content with
        {
            Criteria = criteria,
            Achievements = TextRules.Collect(errors, content.Achievements, TextRules.LongText, "achievements", "Kết quả, ưu điểm", multiline: true),
            Shortcomings = TextRules.Collect(errors, content.Shortcomings, TextRules.LongText, "shortcomings", "Hạn chế, khuyết điểm", multiline: true),
            BranchComment = TextRules.Collect(errors, content.BranchComment, TextRules.LongText, "branchComment", "Nhận xét của chi bộ", multiline: true),
            ProposedLevel = TextRules.Collect(errors, content.ProposedLevel, 20, "proposedLevel", "Mức tự xếp loại"),
        };
        if (content.Meeting is { } meeting)
        {
            Range(errors, meeting.MembersTotal, "meeting.membersTotal", "Tổng số đảng viên");
            Range(errors, meeting.MembersPresent, "meeting.membersPresent", "Số có mặt");
            Range(errors, meeting.VotesFor, "meeting.votesFor", "Số phiếu tán thành");
            if (meeting.Date is { } date && (date.Year < 1930 || date.Year > 2200))
            {
                errors.Add(new("meeting.date", "Ngày họp không hợp lệ."));
            }
        }

        return (clean, errors);
    }

    /// <summary>
    /// What a self-assessment still lacks before it may be submitted: the texts, a proposed level within the cap and (when
    /// bands are limits) the band, the branch's comment on a member, and a plausible meeting record (not after
    /// <paramref name="today"/>, attendance and votes that add up).
    /// </summary>
    public static List<FieldError> SubmissionErrors(RatingFile file, SelfAssessment content, RatingLevel? proposed, RatingLevel? bandLimit, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(content.Achievements))
        {
            errors.Add(new("achievements", "Chưa nêu kết quả, ưu điểm nổi bật."));
        }

        if (string.IsNullOrWhiteSpace(content.Shortcomings))
        {
            errors.Add(new("shortcomings", "Chưa nêu hạn chế, khuyết điểm (ghi \"Không có\" nếu không có)."));
        }

        if (proposed is null)
        {
            errors.Add(new("proposedLevel", "Chưa chọn mức tự xếp loại."));
        }
        else if (file.CapLevel is { } cap && proposed < cap)
        {
            errors.Add(new("proposedLevel", $"Mức {RatingText.Code(proposed.Value)} không được phép: tối đa {RatingText.Code(cap)} theo quy định."));
        }
        else if (bandLimit is { } band && proposed < band)
        {
            errors.Add(new("proposedLevel", $"Mức {RatingText.Code(proposed.Value)} cao hơn ngưỡng theo điểm tự đánh giá (tối đa {RatingText.Code(band)})."));
        }

        if (file.SubjectType == SubjectType.Member && string.IsNullOrWhiteSpace(content.BranchComment))
        {
            errors.Add(new("branchComment", "Chưa nhập nhận xét của chi bộ về đảng viên."));
        }

        var meeting = content.Meeting;
        if (meeting?.Date is null)
        {
            errors.Add(new("meeting.date", "Chưa nhập ngày họp chi bộ (hội nghị) kiểm điểm."));
        }
        else if (meeting.Date > today)
        {
            errors.Add(new("meeting.date", "Ngày họp không được ở tương lai."));
        }

        if (meeting?.MembersTotal is not > 0)
        {
            errors.Add(new("meeting.membersTotal", "Chưa nhập tổng số đảng viên (thành viên)."));
        }

        if (meeting?.MembersPresent is not { } present || present < 0)
        {
            errors.Add(new("meeting.membersPresent", "Chưa nhập số có mặt."));
        }
        else if (present > meeting.MembersTotal)
        {
            errors.Add(new("meeting.membersPresent", "Số có mặt không được lớn hơn tổng số."));
        }

        if (meeting?.VotesFor is not { } votes || votes < 0)
        {
            errors.Add(new("meeting.votesFor", "Chưa nhập số phiếu tán thành mức đề xuất."));
        }
        else if (votes > meeting.MembersPresent)
        {
            errors.Add(new("meeting.votesFor", "Số phiếu tán thành không được lớn hơn số có mặt."));
        }

        return errors;
    }

    /// <summary>Nothing at all entered: a save of this over saved answers is an accident (a form shown blank), never a wish.</summary>
    public static bool IsEmpty(SelfAssessment content) =>
        content.Criteria.Count == 0 && content.OnTimePercent is null && content.ExceedingPercent is null
        && string.IsNullOrWhiteSpace(content.Achievements) && string.IsNullOrWhiteSpace(content.Shortcomings)
        && string.IsNullOrWhiteSpace(content.BranchComment) && string.IsNullOrWhiteSpace(content.ProposedLevel)
        && content.Meeting is null or { Date: null, MembersTotal: null, MembersPresent: null, VotesFor: null };

    private static void Range(List<FieldError> errors, int? value, string field, string label)
    {
        if (value is < 0 or > 100_000)
        {
            errors.Add(new(field, $"{label} phải từ 0 đến 100.000."));
        }
    }
}
