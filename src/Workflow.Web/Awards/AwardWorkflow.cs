namespace Workflow.Web.Awards;

/// <summary>What the product knows of workflows/award-round.bpmn and workflows/award-proposal.bpmn: keys, steps, variables.</summary>
public static class AwardWorkflow
{
    public const string RoundProcessKey = "award-round";
    public const string ProposalStep = "awardProposal";
    public const string SelectionStep = "awardSelection";
    public const string RoundBusinessKeyPrefix = "award-round:";
    public const string IssueTopic = "issue-award-certificates";

    public const string ProposalProcessKey = "award-proposal";
    public const string ExamineStep = "proposalReview";
    public const string UpperDecisionStep = "proposalDecision";
    public const string ProposalBusinessKeyPrefix = "award-proposal:";

    /// <summary>The variables only the product's award commands write.</summary>
    public static readonly IReadOnlySet<string> ReservedVariables = new HashSet<string>
    {
        "issuerUnitId", "awardRoundId", "awardDecisionId", "awardDecisionNumber", "selectionAction", "selectionReason", "proposalAction",
        "proposalReason", "upperUnitId", "awardProposalId", "reviewAction", "reviewReason", "decisionAction", "certificatesIssued",
    };
}
