using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Workflow.Web.Jobs;

/// <summary>
/// Healthy when this node's own Hangfire server (named <see cref="JobsOptions.ServerName"/>) has sent a heartbeat in the
/// last minute — another node's server does not make this one ready; the data also counts every live server in the
/// storage, the jobs queued, processing, stuck on a dead server and failed.
/// </summary>
public sealed class HangfireHealthCheck(JobStorage storage, JobsOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var monitoring = storage.GetMonitoringApi();
            var servers = monitoring.Servers();
            var live = servers.Where(s => s.Heartbeat is { } beat && beat > DateTime.UtcNow.AddMinutes(-1)).ToList();
            var prefix = options.ServerName.ToLowerInvariant() + ":";
            var mine = live.Count(s => s.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
            // A job "processing" on a server that no longer heart-beats is stuck until its invisibility timeout returns it.
            var liveNames = live.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var processing = monitoring.ProcessingJobs(0, 500);
            var stuck = processing.Count(j => j.Value.ServerId is { } server && !liveNames.Contains(server));
            var data = new Dictionary<string, object>
            {
                ["storage"] = storage.GetType().Name,
                ["node"] = options.ServerName,
                ["thisNode"] = mine,
                ["servers"] = live.Count,
                ["enqueued"] = monitoring.EnqueuedCount("default"),
                ["processing"] = processing.Count,
                ["stuck"] = stuck,
                ["failed"] = monitoring.FailedCount(),
                ["recoveredAtUtc"] = PendingWorkRecovery.LastReport?.FinishedUtc.ToString("O") ?? "",
            };
            if (!options.RunServer)
            {
                return Task.FromResult(HealthCheckResult.Healthy("Máy chủ công việc nền tắt trên nút này.", data));
            }

            return Task.FromResult(mine > 0
                ? HealthCheckResult.Healthy("Hangfire đang chạy trên nút này.", data)
                : HealthCheckResult.Degraded("Máy chủ Hangfire của nút này chưa hoạt động.", data: data));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Không đọc được kho Hangfire.", ex));
        }
    }
}
