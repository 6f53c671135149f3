using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Workflow.Web.Data;

/// <summary>Healthy when every migration of this build has been applied to the database (a node is not ready before).</summary>
public sealed class MigrationsHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            var data = new Dictionary<string, object> { ["pending"] = pending.Count };
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Cơ sở dữ liệu đã cập nhật đủ các bản chuyển đổi.", data)
                : HealthCheckResult.Unhealthy($"Còn {pending.Count} bản chuyển đổi cơ sở dữ liệu chưa áp dụng (đầu tiên: {pending[0]}).", data: data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Không đọc được lịch sử chuyển đổi cơ sở dữ liệu.", ex);
        }
    }
}
