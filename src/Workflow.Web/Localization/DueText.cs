namespace Workflow.Web.Localization;

/// <summary>How a deadline reads in a reminder, its digest and the template samples.</summary>
public static class DueText
{
    /// <summary>"còn 3 ngày", "hạn là hôm nay", "đã quá hạn 2 ngày" (<paramref name="daysLeft"/> negative once overdue).</summary>
    public static string Status(int daysLeft) => daysLeft switch
    {
        > 0 => $"còn {daysLeft} ngày",
        0 => "hạn là hôm nay",
        _ => $"đã quá hạn {-daysLeft} ngày",
    };
}
