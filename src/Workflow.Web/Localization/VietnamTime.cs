namespace Workflow.Web.Localization;

/// <summary>
/// Times are stored in UTC and shown, scheduled and reasoned about in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
/// </summary>
public static class VietnamTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    /// <summary>Today's date in Việt Nam.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow().UtcDateTime));

    /// <summary>"dd/MM/yyyy HH:mm" in Vietnam time, the format users read on every page.</summary>
    public static string Format(DateTime utc) => ToLocal(utc).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Format(DateOnly day) => day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
