namespace Workflow.Web.Jobs;

/// <summary>The "Jobs" section of appsettings.json.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>How often Hangfire looks for due scheduled jobs (its default is 15 s; tests use 1 s).</summary>
    public double PollingIntervalSeconds { get; set; } = 5;

    /// <summary>Worker threads; the machine has two cores, so a handful is plenty.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>Turn the Hangfire server off (the dashboard and enqueueing still work), e.g. for a read-only node.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>This node's name among several (its Hangfire server is named after it); empty: the machine and process.</summary>
    public string? NodeName { get; set; }

    /// <summary>
    /// PostgreSQL storage: how long a fetched job stays invisible to other nodes without a sign of life. The timeout
    /// slides (the running node refreshes it), so a long job is never taken twice, and a dead node's job is taken over
    /// after this. Hangfire's default is 30 minutes.
    /// </summary>
    public double InvisibilityTimeoutSeconds { get; set; } = 90;

    /// <summary>
    /// How long a claim on long work (a round being opened) holds without progress: a node that died while holding it
    /// is replaced after this. Every batch renews it.
    /// </summary>
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>A server that has not heart-beaten for this long is taken for dead and removed (Hangfire: 5 minutes).</summary>
    public double ServerTimeoutSeconds { get; set; } = 60;

    /// <summary>How long a stopping node waits for its running jobs to end before it hands them back (cancelled).</summary>
    public double ShutdownTimeoutSeconds { get; set; } = 20;

    /// <summary>The name this node's Hangfire server carries (Hangfire adds ":" and a unique id).</summary>
    public string ServerName => string.IsNullOrWhiteSpace(NodeName) ? $"{Environment.MachineName}:{Environment.ProcessId}" : NodeName.Trim();
}
