using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Jobs;

namespace Workflow.Web.Ratings;

/// <summary>
/// Rounds still being opened when a node started: each gets an opener, at once when nobody holds its claim, or when the
/// claim of a live opener (on another node) lapses; the opener then finds the round open and stops, or takes over.
/// </summary>
public sealed class RoundOpeningRecovery(AppDbContext db, IBackgroundJobClient jobs, TimeProvider clock) : IPendingWorkSource
{
    public string Name => "rating rounds being opened";

    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rounds = await db.Rounds.Where(r => r.Status == RoundStatus.Opening).Select(r => new { r.Id, r.OpeningLeaseUntilUtc }).ToListAsync(cancellationToken);
        foreach (var round in rounds)
        {
            var id = round.Id;
            if (round.OpeningLeaseUntilUtc is { } until && until > now)
            {
                jobs.Schedule<RoundOpeningJob>(job => job.RunAsync(id, CancellationToken.None), until - now + TimeSpan.FromSeconds(2));
            }
            else
            {
                jobs.Enqueue<RoundOpeningJob>(job => job.RunAsync(id, CancellationToken.None));
            }
        }

        return rounds.Count;
    }
}
