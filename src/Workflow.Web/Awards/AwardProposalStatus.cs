namespace Workflow.Web.Awards;

/// <summary>Where a proposal to the province is.</summary>
public enum AwardProposalStatus
{
    /// <summary>With the province's organization board.</summary>
    Examining = 0,
    /// <summary>With the province's standing committee.</summary>
    Deciding = 1,
    /// <summary>Returned to the proposing committee with a reason.</summary>
    Returned = 2,
    /// <summary>Decided: the province's award decision lists those it granted.</summary>
    Decided = 3,
}
