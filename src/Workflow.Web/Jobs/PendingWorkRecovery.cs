namespace Workflow.Web.Jobs;

/// <summary>
/// A kind of pending work whose truth is in the database (timers, service-task jobs, reminders...). At start the
/// host asks every source to re-create its Hangfire jobs, because the default in-memory Hangfire storage forgets
/// everything on restart (docs/adr/0001). Implementations must be idempotent: recovery may run on a storage that
/// still holds the jobs (PostgreSQL), so they use deterministic job ids or check before scheduling.
/// </summary>
public interface IPendingWorkSource
{
    /// <summary>A short name for the logs, e.g. "engine timers".</summary>
    string Name { get; }

    /// <summary>Re-creates the jobs for this source's pending work; returns how many items it looked at.</summary>
    Task<int> RecoverAsync(CancellationToken cancellationToken);
}

/// <summary>The start-up job: runs every <see cref="IPendingWorkSource"/> in its own scope.</summary>
public sealed class PendingWorkRecovery(IServiceScopeFactory scopes, ILogger<PendingWorkRecovery> logger)
{
    /// <summary>Result of the last run in this process, shown by /health.</summary>
    public static RecoveryReport? LastReport { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var counts = new Dictionary<string, int>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            foreach (var source in scope.ServiceProvider.GetServices<IPendingWorkSource>())
            {
                var count = await source.RecoverAsync(cancellationToken);
                counts[source.Name] = count;
                logger.LogInformation("Recovered pending work from {Source}: {Count} item(s)", source.Name, count);
            }
        }

        LastReport = new RecoveryReport(started, DateTime.UtcNow, counts);
    }
}

public sealed record RecoveryReport(DateTime StartedUtc, DateTime FinishedUtc, IReadOnlyDictionary<string, int> Counts);
