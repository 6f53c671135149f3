namespace Workflow.Web.Ratings;

/// <summary>
/// Bounds and cleans what a branch types into a self-assessment before anything is stored: every text in NFC without
/// control characters and within its length, criterion answers short, the meeting's numbers in range. Pure.
/// </summary>
public static class SelfAssessmentRules
{
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
