namespace Workflow.Web.Meetings;

public static class MeetingText
{
    public static string Name(MeetingLevel level) => level switch
    {
        MeetingLevel.Good => "Tốt",
        MeetingLevel.Fair => "Khá",
        MeetingLevel.Average => "Trung bình",
        _ => "Kém",
    };

    /// <summary>The level in English, for the English UI.</summary>
    public static string EnglishName(MeetingLevel level) => level switch
    {
        MeetingLevel.Good => "Good",
        MeetingLevel.Fair => "Fair",
        MeetingLevel.Average => "Average",
        _ => "Poor",
    };

    public static string Status(MeetingScoreStatus status) => status switch
    {
        MeetingScoreStatus.Pending => "Chưa chấm",
        MeetingScoreStatus.Submitted => "Chờ xác nhận",
        MeetingScoreStatus.Confirmed => "Đã xác nhận",
        _ => "Bị trả lại",
    };

    /// <summary>"tháng 5/2024" or "quý 2/2024".</summary>
    public static string Period(int year, int month, int months) =>
        months == 3 ? $"quý {((month - 1) / 3) + 1}/{year}" : $"tháng {month}/{year}";
}
