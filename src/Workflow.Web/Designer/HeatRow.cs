namespace Workflow.Web.Designer;

/// <summary>The heatmap's row as the SQL returns it.</summary>
public sealed class HeatRow
{
    public string ElementId { get; set; } = "";
    public long Completed { get; set; }
    public double AverageMs { get; set; }
    public double P90Ms { get; set; }
}
