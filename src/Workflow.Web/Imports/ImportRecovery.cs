using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Jobs;

namespace Workflow.Web.Imports;

/// <summary>At start-up: every import that was queued or running when the process stopped is queued again; it resumes after its last committed batch.</summary>
public sealed class ImportRecovery(AppDbContext db, IBackgroundJobClient jobs) : IPendingWorkSource
{
    public string Name => "imports";

    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var ids = await db.ImportJobs.Where(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running).Select(j => j.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            jobs.Enqueue<ImportRunner>(r => r.RunAsync(id, CancellationToken.None));
        }

        return ids.Count;
    }
}
