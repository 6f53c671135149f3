namespace Workflow.Web.Reports;

/// <summary>What a year's tallies were built from: the number of ratings and the latest time one was recorded.</summary>
public sealed class YearTallyStamp
{
    public int Year { get; set; }
    public int Ratings { get; set; }
    public DateTime? LastRecordedAtUtc { get; set; }
    public DateTime BuiltAtUtc { get; set; }
}
