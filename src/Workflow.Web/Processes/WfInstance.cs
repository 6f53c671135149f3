namespace Workflow.Web.Processes;

public sealed class WfInstance
{
    public Guid Id { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionKey { get; set; }
    public int DefinitionVersion { get; set; }
    public string? BusinessKey { get; set; }
    public Guid? ParentInstanceId { get; set; }
    public int Status { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime? EndedAtUtc { get; set; }
    public string? StartedBy { get; set; }
    public int Version { get; set; }
    public required string State { get; set; }
}
