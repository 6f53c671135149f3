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
