using Hangfire;
using Workflow.Web.Localization;

namespace Workflow.Web.Meetings;

/// <summary>The recurring job: opens the current period (a month, or a quarter) if it is not open yet. Safe to run twice.</summary>
public sealed class MeetingPeriodJob(OpenMeetingPeriod open, MeetingOptions options, TimeProvider clock, ILogger<MeetingPeriodJob> log)
{
    [DisableConcurrentExecution(600)]
    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.Enabled)
        {
            return;
        }

        var (year, month, months) = options.PeriodOf(DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime)));
        var period = await open.RunAsync(year, month, months, RequestContext.SystemActor, ct);
        log.LogInformation("Meeting period {Label} open for {Count} branches", period.Label, period.BranchCount);
    }
}
