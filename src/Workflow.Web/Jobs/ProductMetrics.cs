using System.Diagnostics.Metrics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Mail;

namespace Workflow.Web.Jobs;

/// <summary>
/// The product's own metrics (meter "Workflow"): background jobs run on this node by job type and outcome with their
/// duration (<see cref="JobMetricsFilter"/>), and, read when scraped, Hangfire's queue lengths (enqueued, scheduled,
/// processing, failed) and the mail outbox backlog. Request rates and latencies come from ASP.NET Core's instrumentation,
/// the engine's commands from <see cref="Workflow.Engine.Runtime.EngineMetrics"/>.
/// </summary>
public sealed class ProductMetrics : IDisposable
{
    public const string MeterName = "Workflow";

    private readonly Meter _meter = new(MeterName);

    public ProductMetrics(IServiceProvider services, IServiceScopeFactory scopes)
    {
        _meter.CreateObservableGauge("workflow.jobs.queued", () => Queue(services, m => m.EnqueuedCount("default")), "{job}", "Jobs waiting in the queue");
        _meter.CreateObservableGauge("workflow.jobs.scheduled", () => Queue(services, m => m.ScheduledCount()), "{job}", "Jobs scheduled for later");
        _meter.CreateObservableGauge("workflow.jobs.processing", () => Queue(services, m => m.ProcessingCount()), "{job}", "Jobs running on any node");
        _meter.CreateObservableGauge("workflow.jobs.failed", () => Queue(services, m => m.FailedCount()), "{job}", "Jobs that failed and wait for a person");
        _meter.CreateObservableGauge("workflow.outbox.backlog", () => Backlog(scopes), "{message}", "Mail not sent yet");
    }

    private static IEnumerable<Measurement<long>> Queue(IServiceProvider services, Func<Hangfire.Storage.IMonitoringApi, long> read)
    {
        long value;
        try
        {
            // Resolved when scraped: the storage is built by Hangfire's configuration, which itself uses these metrics.
            value = read(services.GetRequiredService<JobStorage>().GetMonitoringApi());
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            yield break; // the storage is down: no sample rather than a wrong one (health says why)
        }

        yield return new Measurement<long>(value);
    }

    private static IEnumerable<Measurement<long>> Backlog(IServiceScopeFactory scopes)
    {
        long value;
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            value = db.OutboxMessages.AsNoTracking().LongCount(m => m.Status == OutboxStatus.Pending);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            yield break;
        }

        yield return new Measurement<long>(value);
    }

    public void Dispose() => _meter.Dispose();
}
