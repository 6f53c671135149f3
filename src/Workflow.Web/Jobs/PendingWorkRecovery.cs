
namespace Workflow.Web.Jobs;

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
