namespace Workflow.Web.Processes;

public sealed class WfTask
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ElementId { get; set; }
    public string? Name { get; set; }
    public string? Assignee { get; set; }
    public string? Owner { get; set; }
    /// <summary>Comma-delimited with leading and trailing commas (",a,b,") so "contains ,a," is exact.</summary>
    public string? CandidateUsers { get; set; }
    public string? CandidateGroups { get; set; }
    public DateTime? DueAtUtc { get; set; }
    public DateTime? FollowUpAtUtc { get; set; }
    public int Priority { get; set; }
    public string? FormKey { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? DelegationState { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionKey { get; set; }
    public string? BusinessKey { get; set; }
}
