using Hangfire;
using Workflow.Web.Jobs;

namespace Workflow.Web.Meetings;

/// <summary>After a restart (the embedded Hangfire storage is in memory): open the current period if the schedule's run was missed.</summary>
public sealed class MeetingPeriodRecovery(IBackgroundJobClient jobs, MeetingOptions options) : IPendingWorkSource
{
    public string Name => "branch-meeting period";

    public Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return Task.FromResult(0);
        }

        jobs.Enqueue<MeetingPeriodJob>(job => job.RunAsync(CancellationToken.None));
        return Task.FromResult(1);
    }
}
