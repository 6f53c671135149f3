namespace Workflow.Web.Processes;

public sealed class WfExternalTask
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ElementId { get; set; }
    public required string Topic { get; set; }
    public long Priority { get; set; }
    public string? WorkerId { get; set; }
    public DateTime? LockExpiresAtUtc { get; set; }
    public int? Retries { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTime? NotBeforeUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionKey { get; set; }
    public string? BusinessKey { get; set; }
}
