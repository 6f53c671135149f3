using Workflow.Web.Jobs;

namespace Workflow.Web.Meetings;

/// <summary>
/// Branch-meeting quality (sinh hoạt chi bộ): a Hangfire recurring job opens each period on schedule (docs/adr/0008),
/// with a catch-up at start; pages under /Meetings and the JSON API under /api/meetings.
/// Pages: Pages/Meetings.
/// </summary>
public static class MeetingsFeature
{
    public const string OpenJob = "meeting-period-open";

    public static void AddMeetings(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(MeetingOptions.Section).Get<MeetingOptions>() ?? new());
        builder.Services.AddScoped<MeetingSheets>();
        builder.Services.AddScoped<OpenMeetingPeriod>();
        builder.Services.AddScoped<ScoreMeeting>();
        builder.Services.AddScoped<ConfirmMeetingScores>();
        builder.Services.AddScoped<ReturnMeetingScore>();
        builder.Services.AddScoped<MeetingStatisticsReport>();
        builder.Services.AddScoped<MeetingPeriodJob>();
        builder.Services.AddScoped<IPendingWorkSource, MeetingPeriodRecovery>();
    }
}
