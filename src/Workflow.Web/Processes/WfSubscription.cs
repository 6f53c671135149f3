namespace Workflow.Web.Processes;

public sealed class WfSubscription
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string MessageName { get; set; }
    public required string ElementId { get; set; }
    public string? BusinessKey { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
