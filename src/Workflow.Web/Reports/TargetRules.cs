using System.Globalization;
using Workflow.Web.Ratings;

namespace Workflow.Web.Reports;

/// <summary>The level counts a metric reads: how many of one subject type are at each level in a year.</summary>
public sealed record LevelCounts(SubjectType Type, int Total, int Excellent, int Good, int Complete, int NotComplete)
{
    public int GoodOrBetter => Excellent + Good;

    /// <summary>The counts of one subject type from grouped (level, count) rows.</summary>
    public static LevelCounts From(SubjectType type, IEnumerable<(RatingLevel Level, int Count)> rows)
    {
        var list = rows.ToList();
        int At(RatingLevel level) => list.Where(r => r.Level == level).Sum(r => r.Count);
        return new LevelCounts(type, list.Sum(r => r.Count), At(RatingLevel.Excellent), At(RatingLevel.Good), At(RatingLevel.Complete), At(RatingLevel.NotComplete));
    }

    /// <summary>The report's shares and sentence for these counts.</summary>
    public LevelStatistics Statistics() => LevelStatistics.Of(Type, Total, [Excellent, Good, Complete, NotComplete]);
}

/// <summary>One target held against the year's figures.</summary>
public sealed record TargetResult(Target Target, int Count, int Total, decimal Actual, bool Met);

/// <summary>
/// Targets against the year's figures, as plain rules: each metric's actual share (count / total, two decimals, as the
/// reports print them), met or not by its comparison (no data is not met), and the line the reports write:
/// "8/8 chỉ tiêu đạt và vượt kế hoạch".
/// </summary>
public static class TargetRules
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static SubjectType TypeOf(TargetMetric metric) => metric switch
    {
        TargetMetric.MembersGoodOrBetter or TargetMetric.MembersExcellent => SubjectType.Member,
        TargetMetric.CollectivesGoodOrBetter or TargetMetric.CollectivesExcellent => SubjectType.CommitteeCollective,
        _ => SubjectType.GrassrootsOrganization,
    };

    public static (int Count, int Total) Figures(TargetMetric metric, LevelCounts? counts) => counts is null ? (0, 0) : metric switch
    {
        TargetMetric.OrganizationsExcellent or TargetMetric.MembersExcellent or TargetMetric.CollectivesExcellent => (counts.Excellent, counts.Total),
        _ => (counts.Excellent + counts.Good, counts.Total),
    };

    /// <summary>
    /// One target against the year's figures: the level counts of the subject type it reads, or for branch meetings the
    /// confirmed scores rated Tốt of all confirmed (<paramref name="meetings"/>; none given: no data, so not met).
    /// </summary>
    public static TargetResult Evaluate(Target target, IReadOnlyDictionary<SubjectType, LevelCounts> counts, (int Good, int Total)? meetings = null)
    {
        var (count, total) = target.Metric == TargetMetric.MeetingsGood
            ? meetings ?? (0, 0)
            : Figures(target.Metric, counts.GetValueOrDefault(TypeOf(target.Metric)));
        var actual = Percentages.Of(count, total);
        var met = total > 0 && (target.Comparison == TargetComparison.AtLeast ? actual >= target.Value : actual <= target.Value);
        return new TargetResult(target, count, total, actual, met);
    }

    /// <summary>"8/8 chỉ tiêu đạt và vượt kế hoạch" (empty without targets).</summary>
    public static string Summary(IReadOnlyCollection<TargetResult> results) =>
        results.Count == 0 ? "" : $"{results.Count(r => r.Met)}/{results.Count} chỉ tiêu đạt và vượt kế hoạch";

    /// <summary>One target's line: "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên: 92,11% (35/38), chỉ tiêu ≥ 90%: đạt".</summary>
    public static string Line(TargetResult r) =>
        $"{MetricName(r.Target.Metric)}: {Percentages.Text(r.Actual, Vietnamese)}% ({r.Count}/{r.Total}), chỉ tiêu {(r.Target.Comparison == TargetComparison.AtLeast ? "≥" : "≤")} "
        + $"{Percentages.Text(r.Target.Value, Vietnamese)}%: {(r.Total == 0 ? "chưa có số liệu" : r.Met ? "đạt" : "chưa đạt")}";

    public static string MetricName(TargetMetric metric) => metric switch
    {
        TargetMetric.OrganizationsGoodOrBetter => "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên",
        TargetMetric.OrganizationsExcellent => "Tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ",
        TargetMetric.MembersGoodOrBetter => "Đảng viên hoàn thành tốt nhiệm vụ trở lên",
        TargetMetric.MembersExcellent => "Đảng viên hoàn thành xuất sắc nhiệm vụ",
        TargetMetric.CollectivesGoodOrBetter => "Tập thể cấp ủy hoàn thành tốt nhiệm vụ trở lên",
        TargetMetric.CollectivesExcellent => "Tập thể cấp ủy hoàn thành xuất sắc nhiệm vụ",
        _ => "Lượt sinh hoạt chi bộ xếp loại Tốt",
    };
}
