namespace Workflow.Web.Reports;

/// <summary>
/// A target (chỉ tiêu) a committee's resolution sets: a metric from the catalogue, a comparison and a value, for one
/// year or every year of a term (nhiệm kỳ, FromYear–ToYear), with the resolution it comes from.
/// </summary>
public sealed class Target : Entity, IAudited
{
    public Guid UnitId { get; set; }
    public string UnitPath { get; set; } = "";
    public TargetMetric Metric { get; set; }
    public TargetComparison Comparison { get; set; }
    /// <summary>The value in percent (0–100).</summary>
    public decimal Value { get; set; }
    public int FromYear { get; set; }
    public int ToYear { get; set; }
    /// <summary>The resolution it comes from: "Nghị quyết Đại hội Đảng bộ lần thứ XV, nhiệm kỳ 2020 – 2025".</summary>
    public string? Source { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedBy { get; set; }

    public bool IsTerm => ToYear > FromYear;
}
