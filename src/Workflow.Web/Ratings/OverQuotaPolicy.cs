namespace Workflow.Web.Ratings;

/// <summary>What happens when the chosen excellent subjects exceed the quota.</summary>
public enum OverQuotaPolicy
{
    Refuse = 0,
    /// <summary>Allowed with a recorded reason.</summary>
    RequireReason = 1,
}
