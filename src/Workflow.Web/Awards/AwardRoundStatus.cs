namespace Workflow.Web.Awards;

/// <summary>Where an award round is: the board proposes, the standing committee selects, the award decision is issued.</summary>
public enum AwardRoundStatus
{
    Proposing = 0,
    Selecting = 1,
    Decided = 2,
}
