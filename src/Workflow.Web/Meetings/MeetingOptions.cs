namespace Workflow.Web.Meetings;

/// <summary>The "Meetings" section of appsettings.json.</summary>
public sealed class MeetingOptions
{
    public const string Section = "Meetings";

    public bool Enabled { get; set; } = true;
    /// <summary>Monthly (a period a month) or Quarterly (a period a quarter).</summary>
    public string Schedule { get; set; } = "Monthly";
    /// <summary>When a new period is opened (cron, Vietnam time): by default at 07:00 on the first day of the month.</summary>
    public string OpenCron { get; set; } = "0 7 1 * *";
    /// <summary>Days after the period's end by which branches send their scores.</summary>
    public int DueDays { get; set; } = 10;

    public bool Quarterly => string.Equals(Schedule, "Quarterly", StringComparison.OrdinalIgnoreCase);

    /// <summary>The period that contains <paramref name="localDay"/> under the schedule: (year, first month, months).</summary>
    public (int Year, int Month, int Months) PeriodOf(DateOnly localDay) =>
        Quarterly ? (localDay.Year, (((localDay.Month - 1) / 3) * 3) + 1, 3) : (localDay.Year, localDay.Month, 1);
}
