namespace Workflow.Web.Processes;

/// <summary>The "Engine:ServiceTasks" section: how often an in-process topic is retried and how long to wait.</summary>
public sealed class ServiceTaskOptions
{
    /// <summary>Attempts before an incident (Camunda's default external-task retries is 3).</summary>
    public int Retries { get; set; } = 3;

    /// <summary>First back-off; each further attempt waits three times longer (10 s, 30 s, 90 s...).</summary>
    public double BackoffSeconds { get; set; } = 10;

    /// <summary>
    /// How long a run's lock on its external task holds without being extended (it is extended every third of this
    /// while the handler works): the longest a dead node's task waits before another node takes it.
    /// </summary>
    public double LockSeconds { get; set; } = 90;

    public TimeSpan LockDuration => TimeSpan.FromSeconds(Math.Max(3, LockSeconds));
}
