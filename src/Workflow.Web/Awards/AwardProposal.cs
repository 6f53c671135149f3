namespace Workflow.Web.Awards;

/// <summary>
/// A committee's proposal to the province ("Đề nghị Tỉnh ủy xét, tặng bằng khen cho …"): the subjects its standing
/// committee selected for a kind the province issues, sent with the proposing decision and each subject's record
/// (workflows/award-proposal.bpmn). The province's organization board examines it (or returns it with a reason), the
/// province's standing committee decides; the Bằng khen are numbered by the province.
/// </summary>
public sealed class AwardProposal : Entity, IAudited
{
    /// <summary>The proposing committee's award round: the proposal's lines are its selected candidates of province kinds.</summary>
    public Guid FromRoundId { get; set; }
    public Guid FromUnitId { get; set; }
    public required string FromUnitName { get; set; }
    public string FromPath { get; set; } = "";
    public Guid FromDecisionId { get; set; }
    public required string FromDecisionNumber { get; set; }
    public Guid ToUnitId { get; set; }
    public required string ToUnitName { get; set; }
    public string ToPath { get; set; } = "";
    public int Year { get; set; }
    public AwardProposalStatus Status { get; set; }
    public Guid? InstanceId { get; set; }
    public string? ReturnReason { get; set; }
    public Guid? AwardDecisionId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public int Version { get; set; }
}
