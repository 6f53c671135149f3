namespace Workflow.Web.Processes;

public sealed class WfTimer
{
    public required string Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ElementId { get; set; }
    public DateTime DueAtUtc { get; set; }
}
