using Workflow.Web.Jobs;
using Workflow.Web.Mail;

namespace Workflow.Web.Reminders;

/// <summary>
/// Mail and reminders: the outbox and its SMTP sender, the recurring reminder scan and the daily digest (Hangfire
/// recurring jobs, registered again at every start because the embedded storage is in memory, plus one catch-up scan
/// at start for what fell due while the host was down), and the endpoints users and admins need.
/// Pages: Pages/Admin/Outbox, the mail preference on Pages/Notifications, the mail templates on Pages/Admin/Templates.
/// </summary>
public static class RemindersFeature
{
    public const string ScanJob = "reminder-scan";

    public const string DigestJob = "reminder-digest";

    public const string QueueSummaryJob = "queue-summary";

    public const string SendJob = "mail-send";

    public static void AddReminders(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new());
        builder.Services.AddSingleton(builder.Configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>() ?? new());
        builder.Services.AddScoped<MailSender>();
        builder.Services.AddScoped<ReminderPlanner>();
        builder.Services.AddScoped<ReminderMessages>();
        builder.Services.AddScoped<ReminderScanner>();
        builder.Services.AddScoped<ReminderDigest>();
        builder.Services.AddScoped<QueueSummary>();
        builder.Services.AddScoped<IPendingWorkSource, ReminderRecovery>();
    }
}
