namespace Workflow.Web.Reminders;

/// <summary>The "Reminders" section of appsettings.json: the default policy (a round may set its own) and the jobs' schedule.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    public bool Enabled { get; set; } = true;
    /// <summary>How often the scan runs (cron, Vietnam time).</summary>
    public string ScanCron { get; set; } = "*/15 * * * *";
    /// <summary>When the daily digest goes to users who chose it (cron, Vietnam time).</summary>
    public string DigestCron { get; set; } = "0 7 * * *";
    /// <summary>When each group's members hear what waits in their queue (cron, Vietnam time; once a day).</summary>
    public string QueueSummaryCron { get; set; } = "30 7 * * 1-6";
    public string BeforeDays { get; set; } = "3,1";
    public bool OnDueDay { get; set; } = true;
    public int OverdueEveryDays { get; set; } = 1;
    public int EscalateAfterDays { get; set; } = 3;
    /// <summary>Deadlines overdue longer than this are no longer reminded (they are on the admins' lists).</summary>
    public int OverdueHorizonDays { get; set; } = 60;
    /// <summary>More reminders than this for one user in one scan become one summary (in the bell and by email).</summary>
    public int SummaryThreshold { get; set; } = 5;
    /// <summary>Tasks per transaction when queuing.</summary>
    public int BatchSize { get; set; } = 2000;

    public ReminderPolicy DefaultPolicy() =>
        new(ReminderPolicy.TryParseDays(BeforeDays, out var days) ? days : ReminderPolicy.Default.BeforeDays,
            OnDueDay, Math.Max(0, OverdueEveryDays), Math.Max(0, EscalateAfterDays));
}
