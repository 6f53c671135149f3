namespace Workflow.Web.Processes;

public sealed class WfIncident
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public Guid ActivityInstanceId { get; set; }
    public required string ElementId { get; set; }
    public required string Type { get; set; }
    public required string Message { get; set; }
    public Guid? ExternalTaskId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string DefinitionId { get; set; }
}
