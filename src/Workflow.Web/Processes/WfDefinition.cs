namespace Workflow.Web.Processes;

public sealed class WfDefinition
{
    public required string Id { get; set; }
    public required string Key { get; set; }
    public int Version { get; set; }
    public string? Name { get; set; }
    public required string ResourceName { get; set; }
    public required string Xml { get; set; }
    public required string Hash { get; set; }
    public Guid DeploymentId { get; set; }
    public DateTime DeployedAtUtc { get; set; }
}
