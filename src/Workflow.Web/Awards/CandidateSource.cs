namespace Workflow.Web.Awards;

/// <summary>How a subject became a candidate of an award round.</summary>
public enum CandidateSource
{
    /// <summary>Computed by the product from the year's decisions and the achievement record.</summary>
    Computed = 0,
    /// <summary>Nominated for a movement by a branch secretary or the organization board.</summary>
    Nominated = 1,
}
