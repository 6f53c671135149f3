using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Workflow.Web.Jobs;

/// <summary>When Redis carries the SignalR backplane (Redis:Configuration), a node is ready only when Redis answers.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy("Redis trả lời.", new Dictionary<string, object> { ["pingMs"] = Math.Round(latency.TotalMilliseconds, 1) });
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            return HealthCheckResult.Unhealthy("Không kết nối được Redis.", ex);
        }
    }
}
