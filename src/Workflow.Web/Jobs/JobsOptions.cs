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

    /// <summary>The name this node's Hangfire server carries (Hangfire adds ":" and a unique id).</summary>
    public string ServerName => string.IsNullOrWhiteSpace(NodeName) ? $"{Environment.MachineName}:{Environment.ProcessId}" : NodeName.Trim();
}
