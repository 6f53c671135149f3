using Workflow.Web.Awards;
using Workflow.Web.Meetings;
using Workflow.Web.Ratings;
using Workflow.Web.Templates;

namespace Workflow.Web.Reports;

/// <summary>The year-end report's tables as the sheets of one workbook, with Vietnamese headers and shares as numbers.</summary>
public static class ReportWorkbook
{
    private const string PercentFormat = "0.00";

    public static IReadOnlyList<Sheet> Sheets(YearReport report) =>
    [
        new("Xếp loại", [new("type", "Đối tượng", 28), new("level", "Mức xếp loại", 34), new("count", "Số lượng", 12), new("percent", "Tỷ lệ (%)", 12, PercentFormat)],
            report.Ratings.SelectMany(r => r.Levels.Select(l => new object?[] { RatingText.Name(r.SubjectType), RatingText.Name(l.Level), l.Count, l.Percent }))),
        new("5 năm", [new("year", "Năm", 8), new("type", "Đối tượng", 28), new("total", "Tổng số", 10), new("excellent", "HTXSNV", 10), new("good", "HTTNV", 10),
                new("complete", "HTNV", 10), new("not", "KHTNV", 10), new("goodOrBetter", "HTTNV trở lên (%)", 18, PercentFormat), new("excellentShare", "HTXSNV (%)", 14, PercentFormat)],
            report.History.Select(h => (h.Year, C: h.Counts)).Select(h => new object?[] { h.Year, RatingText.Name(h.C.Type), h.C.Total, h.C.Excellent, h.C.Good, h.C.Complete,
                h.C.NotComplete, Percentages.Of(h.C.GoodOrBetter, h.C.Total), Percentages.Of(h.C.Excellent, h.C.Total) })),
        new("Khen thưởng", [new("name", "Hình thức khen thưởng", 40), new("issuer", "Cấp tặng", 30), new("collectives", "Tập thể", 10), new("individuals", "Cá nhân", 10), new("reason", "Thành tích", 60)],
            report.Awards.Select(a => new object?[] { a.Name, a.IssuerName, a.Collectives, a.Individuals, a.Reason })),
        new("Danh hiệu thi đua", [new("title", "Danh hiệu", 40), new("count", "Số lượng", 12)],
        [
            [AwardText.Of(EmulationTitle.AdvancedCollective), report.Titles.AdvancedCollectives],
            [AwardText.Of(EmulationTitle.ExcellentCollective), report.Titles.ExcellentCollectives],
            [AwardText.Of(EmulationTitle.AdvancedWorker), report.Titles.AdvancedWorkers],
            [AwardText.Of(EmulationTitle.EmulationFighter), report.Titles.Fighters],
        ]),
        new("Sinh hoạt chi bộ", [new("period", "Kỳ", 12), new("total", "Số lượt đã xác nhận", 20),
                .. Enum.GetValues<MeetingLevel>().Select(l => new SheetColumn(l.ToString(), MeetingText.Name(l) + " (%)", 14, PercentFormat)), new("pending", "Chưa xác nhận", 14)],
            report.MeetingQuarters.Append(report.Meetings).Select(m => new object?[] { m.Quarter is { } q ? $"Quý {q}/{m.Year}" : $"Năm {m.Year}", m.Total }
                .Concat(m.Levels.Select(l => (object?)l.Percent)).Append(m.Pending).ToArray())),
        new("Chỉ tiêu", [new("metric", "Chỉ tiêu", 50), new("target", "Kế hoạch (%)", 14, PercentFormat), new("actual", "Thực hiện (%)", 14, PercentFormat),
                new("count", "Số đạt", 10), new("total", "Tổng số", 10), new("met", "Kết quả", 16), new("source", "Căn cứ", 40)],
            report.Targets.Results.Select(t => new object?[] { TargetRules.MetricName(t.Target.Metric) + (t.Target.Comparison == TargetComparison.AtMost ? " (tối đa)" : ""),
                t.Target.Value, t.Actual, t.Count, t.Total, t.Total == 0 ? "Chưa có số liệu" : t.Met ? "Đạt" : "Chưa đạt", t.Target.Source })),
        UnitsSheet(report),
    ];

    /// <summary>The comparison of the units below: their totals and shares, the targets each is below.</summary>
    public static Sheet UnitsSheet(YearReport report)
    {
        object?[] Shares(UnitShares u, SubjectType type) => u.Of(type) is { } l
            ? [l.Total, Percentages.Of(l.GoodOrBetter, l.Total), Percentages.Of(l.Excellent, l.Total)] : [0, null, null];
        return new("Đơn vị trực thuộc",
            [new("unit", "Đơn vị", 44), new("orgs", "TCCS đảng", 11), new("orgsGood", "TCCS HTTNV trở lên (%)", 14, PercentFormat), new("orgsExcellent", "TCCS HTXSNV (%)", 14, PercentFormat),
                new("members", "Đảng viên", 11), new("membersGood", "ĐV HTTNV trở lên (%)", 14, PercentFormat), new("membersExcellent", "ĐV HTXSNV (%)", 14, PercentFormat),
                new("collectives", "Tập thể cấp ủy", 11), new("collectivesGood", "Tập thể HTTNV trở lên (%)", 14, PercentFormat), new("collectivesExcellent", "Tập thể HTXSNV (%)", 14, PercentFormat),
                new("below", "Chưa đạt chỉ tiêu", 50)],
            report.Units.Select(u => new object?[] { u.Name }.Concat(Shares(u, SubjectType.GrassrootsOrganization)).Concat(Shares(u, SubjectType.Member))
                .Concat(Shares(u, SubjectType.CommitteeCollective)).Append(string.Join("; ", u.BelowTarget.Select(TargetRules.MetricName))).ToArray()));
    }
}
