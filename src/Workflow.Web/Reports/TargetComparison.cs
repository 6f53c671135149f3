namespace Workflow.Web.Reports;

/// <summary>How the actual figure is held against the target's value.</summary>
public enum TargetComparison
{
    /// <summary>At least the value (≥): "90% … trở lên".</summary>
    AtLeast = 0,
    /// <summary>At most the value (≤).</summary>
    AtMost = 1,
}
