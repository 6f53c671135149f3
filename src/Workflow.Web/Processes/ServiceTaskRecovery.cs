using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Jobs;

namespace Workflow.Web.Processes;

/// <summary>Re-enqueues the service tasks of in-process topics that were waiting when the host stopped.</summary>
public sealed class ServiceTaskRecovery(AppDbContext db, TopicRegistry topics, IBackgroundJobClient jobs) : IPendingWorkSource
{
    public string Name => "service tasks";

    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var names = topics.Topics.ToList();
        var ids = await db.WfExternalTasks.AsNoTracking()
            .Where(t => names.Contains(t.Topic) && (t.Retries == null || t.Retries > 0))
            .Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            jobs.Enqueue<ServiceTaskJob>(j => j.RunAsync(id, CancellationToken.None));
        }

        return ids.Count;
    }
}
