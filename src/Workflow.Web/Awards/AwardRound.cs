namespace Workflow.Web.Awards;

/// <summary>
/// A committee's award round for a year, after its rating decisions (workflows/award-round.bpmn): the candidates are
/// computed when it opens, branches nominate for movements, the organization board proposes, the standing committee
/// selects within each kind's limits and issues the award decision. One per committee and year.
/// </summary>
public sealed class AwardRound : Entity, IAudited
{
    public Guid IssuerUnitId { get; set; }
    public string IssuerPath { get; set; } = "";
    public required string IssuerName { get; set; }
    public int Year { get; set; }
    public AwardRoundStatus Status { get; set; }
    public Guid? InstanceId { get; set; }
    /// <summary>The standing committee's reason when it sent the proposal back to the board.</summary>
    public string? ReturnReason { get; set; }
    public Guid? DecisionId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedBy { get; set; }
    /// <summary>Optimistic concurrency: bumped by every command.</summary>
    public int Version { get; set; }
}
