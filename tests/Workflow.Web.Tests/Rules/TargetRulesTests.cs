using Workflow.Web.Ratings;
using Workflow.Web.Reports;

namespace Workflow.Web.Tests.Rules;

/// <summary>Targets against the year's figures: the shares as the reports print them, met or not, and the "N/M chỉ tiêu" line.</summary>
public sealed class TargetRulesTests
{
    private static Target T(TargetMetric metric, decimal value, TargetComparison comparison = TargetComparison.AtLeast) =>
        new() { Metric = metric, Value = value, Comparison = comparison, FromYear = 2022, ToYear = 2022 };

    [Fact]
    public void Seed_004s_organizations_against_the_targets_of_seed_001_read_as_the_reports_would()
    {
        // Seed 004: 7/38 HTXSNV, 26/38 HTTNV, 5/38 HTNV (the seed's own "05/39 … 13,76%" is wrong; the product counts 5/38).
        var counts = new Dictionary<SubjectType, LevelCounts>
        {
            [SubjectType.GrassrootsOrganization] = new(SubjectType.GrassrootsOrganization, 38, 7, 26, 5, 0),
            [SubjectType.Member] = new(SubjectType.Member, 200, 40, 150, 10, 0),
        };
        var results = new[]
        {
            TargetRules.Evaluate(T(TargetMetric.OrganizationsGoodOrBetter, 80m), counts),
            TargetRules.Evaluate(T(TargetMetric.OrganizationsExcellent, 20m), counts),
            TargetRules.Evaluate(T(TargetMetric.MembersGoodOrBetter, 80m), counts),
            TargetRules.Evaluate(T(TargetMetric.MembersExcellent, 15m), counts),
            TargetRules.Evaluate(T(TargetMetric.CollectivesGoodOrBetter, 90m), counts),
        };
        Assert.Equal((33, 38, 86.84m, true), (results[0].Count, results[0].Total, results[0].Actual, results[0].Met));
        Assert.Equal((7, 38, 18.42m, false), (results[1].Count, results[1].Total, results[1].Actual, results[1].Met));
        Assert.Equal((190, 200, 95m, true), (results[2].Count, results[2].Total, results[2].Actual, results[2].Met));
        Assert.Equal((40, 200, 20m, true), (results[3].Count, results[3].Total, results[3].Actual, results[3].Met));
        Assert.False(results[4].Met); // no committee collectives rated: not met, "chưa có số liệu"
        Assert.Equal("3/5 chỉ tiêu đạt và vượt kế hoạch", TargetRules.Summary(results));
        Assert.Equal("Tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ: 18,42% (7/38), chỉ tiêu ≥ 20%: chưa đạt", TargetRules.Line(results[1]));
        Assert.Equal("Tập thể cấp ủy hoàn thành tốt nhiệm vụ trở lên: 0% (0/0), chỉ tiêu ≥ 90%: chưa có số liệu", TargetRules.Line(results[4]));
    }

    [Fact]
    public void Branch_meetings_rated_Good_and_excellent_collectives_are_targets_too()
    {
        var counts = new Dictionary<SubjectType, LevelCounts> { [SubjectType.CommitteeCollective] = new(SubjectType.CommitteeCollective, 68, 13, 52, 2, 1) };
        var meetings = TargetRules.Evaluate(T(TargetMetric.MeetingsGood, 75m), counts, (1212, 1500));
        Assert.Equal((1212, 1500, 80.8m, true), (meetings.Count, meetings.Total, meetings.Actual, meetings.Met));
        Assert.Equal("Lượt sinh hoạt chi bộ xếp loại Tốt: 80,8% (1212/1500), chỉ tiêu ≥ 75%: đạt", TargetRules.Line(meetings));
        Assert.False(TargetRules.Evaluate(T(TargetMetric.MeetingsGood, 75m), counts).Met); // no confirmed scores: no data
        var collectives = TargetRules.Evaluate(T(TargetMetric.CollectivesExcellent, 20m), counts);
        Assert.Equal((13, 68, 19.12m, false), (collectives.Count, collectives.Total, collectives.Actual, collectives.Met));
    }

    [Fact]
    public void An_at_most_target_is_met_at_or_below_its_value_and_none_gives_no_line()
    {
        var counts = new Dictionary<SubjectType, LevelCounts> { [SubjectType.Member] = new(SubjectType.Member, 100, 15, 80, 5, 0) };
        Assert.True(TargetRules.Evaluate(T(TargetMetric.MembersExcellent, 15m, TargetComparison.AtMost), counts).Met);
        Assert.False(TargetRules.Evaluate(T(TargetMetric.MembersExcellent, 14.99m, TargetComparison.AtMost), counts).Met);
        Assert.True(TargetRules.Evaluate(T(TargetMetric.MembersGoodOrBetter, 95m), counts).Met);
        Assert.Equal("", TargetRules.Summary([]));
    }
}
