namespace Workflow.Web.Ratings;

/// <summary>What rounding turns the quota percentage into a number of subjects.</summary>
public enum QuotaRounding
{
    Up = 0,
    Down = 1,
    Nearest = 2,
}
