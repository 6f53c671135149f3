using System.Diagnostics.Metrics;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The engine's commands as metrics (System.Diagnostics.Metrics, read by OpenTelemetry in the host): how many ran, by
/// command and outcome (ok, conflict, failed), and how long they took.
/// </summary>
public static class EngineMetrics
{
    public const string MeterName = "Workflow.Engine";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Commands = Meter.CreateCounter<long>("workflow.engine.commands", "{command}", "Engine commands run");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("workflow.engine.command.duration", "s", "Engine command duration",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    public static void Record(string command, string outcome, TimeSpan elapsed)
    {
        var tags = new KeyValuePair<string, object?>[] { new("command", command.EndsWith("Async", StringComparison.Ordinal) ? command[..^5] : command), new("outcome", outcome) };
        Commands.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
    }
}
