using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Workflow.Web.Jobs;

/// <summary>Healthy when at least one Hangfire server in this storage has sent a heartbeat in the last minute.</summary>
public sealed class HangfireHealthCheck(JobStorage storage, JobsOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var monitoring = storage.GetMonitoringApi();
            var servers = monitoring.Servers();
            var alive = servers.Count(s => s.Heartbeat is { } beat && beat > DateTime.UtcNow.AddMinutes(-1));
            var data = new Dictionary<string, object>
            {
                ["storage"] = storage.GetType().Name,
                ["servers"] = alive,
                ["enqueued"] = monitoring.EnqueuedCount("default"),
                ["failed"] = monitoring.FailedCount(),
                ["recoveredAtUtc"] = PendingWorkRecovery.LastReport?.FinishedUtc.ToString("O") ?? "",
            };
            if (!options.RunServer)
            {
                return Task.FromResult(HealthCheckResult.Healthy("Máy chủ công việc nền tắt trên nút này.", data));
            }

            return Task.FromResult(alive > 0
                ? HealthCheckResult.Healthy("Hangfire đang chạy.", data)
                : HealthCheckResult.Degraded("Chưa có máy chủ Hangfire nào hoạt động.", data: data));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Không đọc được kho Hangfire.", ex));
        }
    }
}
