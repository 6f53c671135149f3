using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Jobs;

namespace Workflow.Web.Ratings;

public sealed class RoundOpeningRecovery(AppDbContext db, IBackgroundJobClient jobs) : IPendingWorkSource
{
    public string Name => "rating rounds being opened";

    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var ids = await db.Rounds.Where(r => r.Status == RoundStatus.Opening).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            jobs.Enqueue<RoundOpeningJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        return ids.Count;
    }
}
