using Workflow.Web.Ratings;

namespace Workflow.Web.Tests.Rules;

/// <summary>The rating's pure rules, without a host: level checks, the quota, caps, suggestion, submission, member kinds.</summary>
public sealed class RatingRulesTests
{
    private static RatingFile File(RatingLevel? cap = null, RatingLevel? suggested = null, decimal? points = null) => new()
    {
        SubjectName = "Chi bộ Thôn Bình Cách", FormCode = "Mẫu 01", SubjectType = SubjectType.GrassrootsOrganization,
        CapLevel = cap, SuggestedLevel = suggested, Points = points,
    };

    private static RuleSetDefinition Rules(decimal percent = 20, OverQuotaPolicy policy = OverQuotaPolicy.Refuse, QuotaRounding rounding = QuotaRounding.Up) =>
        new() { Quota = new QuotaRule { Percent = percent, OverQuota = policy, Rounding = rounding } };

    [Fact]
    public void A_chosen_level_must_be_known_within_the_cap_and_the_band_and_explained_when_it_differs()
    {
        Assert.Equal(RatingLevel.Good, LevelRules.Check(File(), "httnv", null, null, "mức gợi ý"));

        var unknown = Assert.Throws<DomainException>(() => LevelRules.Check(File(), "TOT", null, null, "mức gợi ý", "choices.x"));
        Assert.Equal("choices.x", Assert.Single(unknown.Errors).Field);

        var capped = Assert.Throws<DomainException>(() => LevelRules.Check(File(cap: RatingLevel.Complete), "HTTNV", "lý do", null, ""));
        Assert.Contains("tối đa HTNV", capped.Message, StringComparison.Ordinal);

        var banded = Assert.Throws<DomainException>(() =>
            LevelRules.Check(File(suggested: RatingLevel.Good, points: 82.5m), "HTXSNV", "đạt nhiều thành tích", RatingLevel.Good, "mức gợi ý", bandLimit: RatingLevel.Good));
        Assert.Contains("82,5 điểm", banded.Message, StringComparison.Ordinal);

        var unexplained = Assert.Throws<DomainException>(() => LevelRules.Check(File(), "HTNV", " ", RatingLevel.Good, "mức gợi ý"));
        Assert.Equal("reason", Assert.Single(unexplained.Errors).Field);
        Assert.Equal(RatingLevel.Complete, LevelRules.Check(File(), "HTNV", "chưa đạt chỉ tiêu", RatingLevel.Good, "mức gợi ý"));

        // A lower level than the band stays possible (with its reason); the band limits only when the rule set says so.
        Assert.Equal(RatingLevel.Complete, LevelRules.Check(File(suggested: RatingLevel.Good), "HTNV", "lý do", RatingLevel.Good, "", bandLimit: RatingLevel.Good));
        Assert.Null(LevelRules.BandLimit(Rules() with { BandsAreLimits = false }, File(suggested: RatingLevel.Good)));
        Assert.Equal(RatingLevel.Good, LevelRules.BandLimit(Rules() with { BandsAreLimits = true }, File(suggested: RatingLevel.Good)));
    }

    [Theory]
    [InlineData(QuotaRounding.Up, 7, 3)]      // 20% of 11 = 2.2 → 3
    [InlineData(QuotaRounding.Down, 7, 2)]
    [InlineData(QuotaRounding.Nearest, 7, 2)]
    public void The_quota_is_a_share_of_those_rated_good_or_better_rounded_as_the_rule_set_says(QuotaRounding rounding, int good, int expected)
    {
        Assert.Equal(expected, Rules(rounding: rounding).MaxExcellent(4, good));
    }

    [Fact]
    public void Over_the_quota_a_decision_is_refused_or_needs_a_recorded_reason()
    {
        RatingLevel[] within = [RatingLevel.Excellent, RatingLevel.Good, RatingLevel.Good, RatingLevel.Good, RatingLevel.Good];
        Assert.Equal((1, (string?)null), QuotaRules.Check(Rules(), within, "không cần"));

        RatingLevel[] over = [RatingLevel.Excellent, RatingLevel.Excellent, RatingLevel.Good, RatingLevel.Good, RatingLevel.Complete];
        var refused = Assert.Throws<DomainException>(() => QuotaRules.Check(Rules(), over, "thành tích đặc biệt"));
        Assert.Equal("quota", Assert.Single(refused.Errors).Field);
        Assert.Contains("chọn 2 hoàn thành xuất sắc nhiệm vụ, tối đa 1 (20% ", refused.Message, StringComparison.Ordinal);

        var unexplained = Assert.Throws<DomainException>(() => QuotaRules.Check(Rules(policy: OverQuotaPolicy.RequireReason), over, null));
        Assert.Equal("overQuotaReason", Assert.Single(unexplained.Errors).Field);
        Assert.Equal((1, "thành tích đặc biệt"), QuotaRules.Check(Rules(policy: OverQuotaPolicy.RequireReason), over, "thành tích đặc biệt"));
    }

    [Fact]
    public void A_re_decision_may_not_push_a_group_further_over_the_quota_than_it_was()
    {
        RatingLevel[] before = [RatingLevel.Excellent, RatingLevel.Good, RatingLevel.Good, RatingLevel.Good, RatingLevel.Good];
        RatingLevel[] lower = [RatingLevel.Excellent, RatingLevel.Good, RatingLevel.Good, RatingLevel.Good, RatingLevel.Complete];
        RatingLevel[] higher = [RatingLevel.Excellent, RatingLevel.Excellent, RatingLevel.Good, RatingLevel.Good, RatingLevel.Good];
        Assert.Null(QuotaRules.CheckChange(Rules(), before, lower, null).RecordedReason);
        var refused = Assert.Throws<DomainException>(() => QuotaRules.CheckChange(Rules(), before, higher, "khiếu nại đúng"));
        Assert.Contains("sau quyết định lại", refused.Message, StringComparison.Ordinal);
        Assert.Equal("khiếu nại đúng", QuotaRules.CheckChange(Rules(policy: OverQuotaPolicy.RequireReason), before, higher, "khiếu nại đúng").RecordedReason);
        // A group already over keeps its level when the change does not make it worse.
        Assert.Null(QuotaRules.CheckChange(Rules(), higher, higher, null).RecordedReason);
    }

    [Fact]
    public void Caps_take_the_strictest_rule_that_applies_to_the_subject_type()
    {
        var rules = Rules() with
        {
            Caps =
            [
                new(CapFact.Discipline, RatingLevel.Complete, "Bị kỷ luật trong năm", []),
                new(CapFact.Degradation, RatingLevel.NotComplete, "Có kết luận suy thoái", [SubjectType.Member]),
            ],
        };
        var (best, reasons) = rules.Cap(SubjectType.Member, new HashSet<CapFact> { CapFact.Discipline, CapFact.Degradation });
        Assert.Equal(RatingLevel.NotComplete, best);
        Assert.Equal(2, reasons.Count);
        Assert.Equal(RatingLevel.Complete, rules.Cap(SubjectType.GrassrootsOrganization, new HashSet<CapFact> { CapFact.Discipline, CapFact.Degradation }).Best);
        Assert.Equal(RatingLevel.Excellent, rules.Cap(SubjectType.Member, new HashSet<CapFact>()).Best);
    }

    [Fact]
    public void The_suggestion_follows_the_shipped_forms_and_names_what_is_missing()
    {
        var rules = RuleSetSeeds.All.First(r => r.Code == "124-QĐ/TW").Definition;
        var form = rules.FormFor(SubjectType.GrassrootsOrganization)!;
        var all = form.Criteria.ToDictionary(c => c.Code, _ => "T");
        var (level, _, errors) = LevelSuggestion.Suggest(rules, form, new Answers(all));
        Assert.Empty(errors);
        Assert.NotNull(level);

        var missing = new Dictionary<string, string>(all);
        missing.Remove(form.Criteria[0].Code);
        var (none, _, problems) = LevelSuggestion.Suggest(rules, form, new Answers(missing));
        Assert.Null(none);
        Assert.True(Assert.Single(problems).Missing);

        var (wrong, _, invalid) = LevelSuggestion.Suggest(rules, form, new Answers(new Dictionary<string, string>(all) { [form.Criteria[0].Code] = "rất tốt" }));
        Assert.Null(wrong);
        Assert.False(Assert.Single(invalid).Missing);
    }

    [Fact]
    public void A_submission_needs_its_texts_a_level_within_the_cap_and_a_meeting_record_that_adds_up()
    {
        var today = new DateOnly(2024, 12, 20);
        var complete = new SelfAssessment
        {
            Achievements = "Hoàn thành nhiệm vụ.", Shortcomings = "Không có.", ProposedLevel = "HTTNV",
            Meeting = new MeetingRecord(new DateOnly(2024, 12, 5), 20, 19, 18),
        };
        Assert.Empty(SelfAssessmentRules.SubmissionErrors(File(), complete, RatingLevel.Good, null, today));

        var fields = SelfAssessmentRules.SubmissionErrors(File(cap: RatingLevel.Complete), complete with
        {
            Achievements = " ", Meeting = new MeetingRecord(new DateOnly(2024, 12, 21), 20, 21, 22),
        }, RatingLevel.Good, null, today).Select(e => e.Field).ToList();
        Assert.Equal(["achievements", "proposedLevel", "meeting.date", "meeting.membersPresent", "meeting.votesFor"], fields);

        var member = File();
        member.SubjectType = SubjectType.Member;
        Assert.Contains(SelfAssessmentRules.SubmissionErrors(member, complete, RatingLevel.Good, null, today), e => e.Field == "branchComment");
        Assert.Contains(SelfAssessmentRules.SubmissionErrors(File(), complete, RatingLevel.Excellent, RatingLevel.Good, today), e => e.Field == "proposedLevel");
    }

    [Theory]
    [InlineData("Phó Giám đốc Sở", true, MemberKind.Leader)]
    [InlineData("Chuyên viên", true, MemberKind.Staff)]
    [InlineData("Trưởng thôn", false, MemberKind.Other)]
    [InlineData(null, true, MemberKind.Staff)]
    public void The_members_form_follows_the_position(string? position, bool politicalSystem, MemberKind expected) =>
        Assert.Equal(expected, MemberKinds.Of(position, politicalSystem));

    [Fact]
    public void A_decisions_document_is_checked_and_its_complaint_period_ends_at_five_in_the_afternoon()
    {
        var errors = new List<FieldError>();
        var document = DecisionDocument.Read(" 12-QĐ/ĐU ", new DateOnly(2025, 1, 5), "Nguyễn Văn An", "Bí thư", errors);
        Assert.Empty(errors);
        Assert.Equal("12-QĐ/ĐU", document.Number);
        DecisionDocument.Read(null, new DateOnly(1999, 1, 1), "", "Bí thư", errors);
        Assert.Equal(["number", "signerName", "decidedOn"], errors.Select(e => e.Field).ToList());
        Assert.Equal("2025-01-20T17:00:00+07:00", DecisionDocument.ComplaintDeadline(new DateOnly(2025, 1, 5), 15));
        Assert.Equal("Hà Nội, ngày 05 tháng 01 năm 2025", DecisionDocument.DateLine("Hà Nội", new DateOnly(2025, 1, 5)));
    }
}
