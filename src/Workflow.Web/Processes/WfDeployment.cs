namespace Workflow.Web.Processes;

// The engine's tables. An instance is one row holding its whole state as JSON (the aggregate a command loads and
// saves, guarded by Version); the wait states are projected into their own rows so that inboxes, timers, workers and
// message correlation are indexed queries, rewritten on every save of their instance.

public sealed class WfDeployment
{
    public Guid Id { get; set; }
    public string? Name { get; set; }
    public string? Source { get; set; }
    public DateTime DeployedAtUtc { get; set; }
}
