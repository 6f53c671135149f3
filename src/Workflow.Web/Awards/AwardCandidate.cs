using Workflow.Engine;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>
/// One subject that may receive one award kind in an award round: computed (this year's level, a streak) or nominated
/// for a movement; the board's proposal (with a reason where it deviates from what the product computed) and the
/// standing committee's selection.
/// </summary>
public sealed class AwardCandidate
{
    public Guid Id { get; set; } = Uuid7.New();
    public Guid RoundId { get; set; }
    public Guid AwardRuleId { get; set; }
    public SubjectType SubjectType { get; set; }
    public Guid SubjectId { get; set; }
    public required string SubjectName { get; set; }
    public Guid UnitId { get; set; }
    public string UnitPath { get; set; } = "";
    public required string UnitName { get; set; }
    public CandidateSource Source { get; set; }
    /// <summary>What makes it a candidate: "HTXSNV năm 2022", "HTXSNV 2018–2022", or the nomination's achievement.</summary>
    public required string Basis { get; set; }
    public string? NominatedBy { get; set; }
    public bool Proposed { get; set; }
    public string? ProposalReason { get; set; }
    public bool Selected { get; set; }
}
