using System.Diagnostics.Metrics;
using Hangfire;
using Hangfire.Server;

namespace Workflow.Web.Jobs;

/// <summary>
/// Counts and times every job this process's Hangfire server performs, by job type and outcome (meter "Workflow").
/// Hangfire's filters are process-wide, so there is one filter and one set of instruments per process.
/// </summary>
public sealed class JobMetricsFilter : IServerFilter
{
    private const string StartedKey = "workflow.started";
    private static readonly Meter Meter = new(ProductMetrics.MeterName);
    private static readonly Counter<long> Jobs = Meter.CreateCounter<long>("workflow.jobs", "{job}", "Background jobs run on this node");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("workflow.job.duration", "s", "Background job duration",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800] });
    private static readonly Lock Gate = new();

    private JobMetricsFilter()
    {
    }

    /// <summary>Adds the filter to Hangfire's global filters once per process.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (!GlobalJobFilters.Filters.Any(f => f.Instance is JobMetricsFilter))
            {
                GlobalJobFilters.Filters.Add(new JobMetricsFilter());
            }
        }
    }

    public void OnPerforming(PerformingContext context) =>
        context.Items[StartedKey] = System.Diagnostics.Stopwatch.GetTimestamp();

    public void OnPerformed(PerformedContext context)
    {
        var started = context.Items.TryGetValue(StartedKey, out var value) && value is long ticks ? ticks : System.Diagnostics.Stopwatch.GetTimestamp();
        var tags = new KeyValuePair<string, object?>[]
        {
            new("job", context.BackgroundJob.Job?.Type.Name ?? "unknown"),
            new("outcome", context.Exception is null || context.ExceptionHandled ? "ok" : "failed"),
        };
        Jobs.Add(1, tags);
        Duration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
    }
}
