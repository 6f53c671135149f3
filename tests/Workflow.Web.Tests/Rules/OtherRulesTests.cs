using System.IO.Compression;
using System.Text.Json.Nodes;
using Workflow.Web.Awards;
using Workflow.Web.Designer;
using Workflow.Web.Localization;
using Workflow.Web.Meetings;
using Workflow.Web.Ratings;
using Workflow.Web.Reminders;

namespace Workflow.Web.Tests.Rules;

/// <summary>The other features' pure rules: percentages, file sniffing, task forms, certificate layouts, reminders, meeting sheets.</summary>
public sealed class OtherRulesTests
{
    [Theory]
    [InlineData(new[] { 3, 35 }, 38, new[] { "7.89", "92.11" })]
    [InlineData(new[] { 7, 26, 5, 0 }, 38, new[] { "18.42", "68.42", "13.16", "0" })]
    [InlineData(new[] { 1, 1, 1 }, 3, new[] { "33.33", "33.33", "33.33" })]
    [InlineData(new[] { 1, 7 }, 8, new[] { "12.5", "87.5" })]
    [InlineData(new[] { 1, 15 }, 16, new[] { "6.25", "93.75" })]
    [InlineData(new[] { 1, 79_999 }, 80_000, new[] { "0", "100" })]
    [InlineData(new[] { 1, 1999 }, 2000, new[] { "0.05", "99.95" })]
    [InlineData(new[] { 0, 0 }, 0, new[] { "0", "0" })]
    public void Each_share_is_correctly_rounded_on_its_own_even_when_they_do_not_sum_to_100(int[] counts, int total, string[] expected)
    {
        Assert.Equal(expected.Select(s => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture)), Percentages.Of(counts, total));
    }

    [Fact]
    public void Statistics_read_like_the_seeds_upper_levels_reach_their_share_lower_ones_take_it_and_none_is_said_in_words()
    {
        static LevelStatistics Of(params int[] counts) => new(SubjectType.GrassrootsOrganization, counts.Sum(),
            RatingText.Levels.Select((l, i) => (l, counts[i], Percentages.Of(counts[i], counts.Sum()))).ToList());

        Assert.Equal("có 3/38 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, đạt tỷ lệ 7,89%; 34/38 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ, "
            + "đạt tỷ lệ 89,47%; 1/38 tổ chức cơ sở đảng hoàn thành nhiệm vụ, chiếm tỷ lệ 2,63%; không có tổ chức cơ sở đảng không hoàn thành nhiệm vụ.",
            Of(3, 34, 1, 0).Sentence());
        Assert.Contains("1/88 tổ chức cơ sở đảng không hoàn thành nhiệm vụ, chiếm tỷ lệ 1,14%", Of(8, 70, 9, 1).Sentence(), StringComparison.Ordinal);
        Assert.StartsWith("không có tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ; 38/38 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ, đạt tỷ lệ 100%",
            Of(0, 38, 0, 0).Sentence(), StringComparison.Ordinal);
        Assert.Equal("chưa có tổ chức cơ sở đảng nào được xếp loại.", Of(0, 0, 0, 0).Sentence());
        Assert.Equal("Of the 38 grassroots party organizations, 3 of 38 (7.89%) completed their tasks excellently; 34 of 38 (89.47%) completed their tasks well; "
            + "1 of 38 (2.63%) completed their tasks; none failed to complete their tasks.",
            Of(3, 34, 1, 0).SentenceCapitalized(System.Globalization.CultureInfo.GetCultureInfo("en")));

        var meeting = new MeetingStatistics(2023, 2, 1500, [(MeetingLevel.Good, 1212, Percentages.Of(1212, 1500)), (MeetingLevel.Fair, 266, Percentages.Of(266, 1500)),
            (MeetingLevel.Average, 21, Percentages.Of(21, 1500)), (MeetingLevel.Poor, 1, Percentages.Of(1, 1500))], 0);
        Assert.Equal("Kết quả đánh giá, xếp loại chất lượng sinh hoạt chi bộ quý 2/2023 như sau: Tốt: 80,8%, Khá: 17,73%, Trung bình: 1,4%, Kém: 0,07% (1.500 lượt sinh hoạt chi bộ).",
            meeting.Sentence());
        Assert.Equal("Branch meeting quality, quarter 2/2023: Good: 80.8%, Fair: 17.73%, Average: 1.4%, Poor: 0.07% (1,500 meetings).",
            meeting.Sentence(System.Globalization.CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void Names_sort_in_the_Vietnamese_alphabet_and_people_by_given_name()
    {
        string[] units = ["Chi bộ Đông Hưng", "Chi bộ Dương Quang", "chi bộ An Lạc", "Chi bộ Ân Thi", "Chi bộ Ăn Uống", "Chi bộ Ô Mễ", "Chi bộ Ơn Nghĩa", "Chi bộ Oanh Liệt"];
        Assert.Equal(["chi bộ An Lạc", "Chi bộ Ăn Uống", "Chi bộ Ân Thi", "Chi bộ Dương Quang", "Chi bộ Đông Hưng", "Chi bộ Oanh Liệt", "Chi bộ Ô Mễ", "Chi bộ Ơn Nghĩa"],
            units.OrderBy(VietnameseOrder.Key, StringComparer.Ordinal));

        // Tones only break ties between the same letters: ma, má, mà, mả, mã, mạ; then "mai" after all of them.
        string[] tones = ["mai", "mạ", "mã", "mà", "má", "ma", "mả"];
        Assert.Equal(["ma", "má", "mà", "mả", "mã", "mạ", "mai"], tones.OrderBy(VietnameseOrder.Key, StringComparer.Ordinal));

        // People by given name first (the last word), then the whole name.
        string[] people = ["Trần Văn Bình", "Nguyễn Thị Anh", "Lê Văn Bình", "Phạm Đức", "Vũ Thị Dung"];
        Assert.Equal(["Nguyễn Thị Anh", "Lê Văn Bình", "Trần Văn Bình", "Vũ Thị Dung", "Phạm Đức"], people.OrderBy(VietnameseOrder.PersonKey, StringComparer.Ordinal));
        Assert.True(VietnameseOrder.Key(new string('ư', 400)).Length <= VietnameseOrder.MaxLength);
    }

    [Fact]
    public void An_upload_is_what_its_first_bytes_say_whatever_its_name()
    {
        Assert.Equal(("application/pdf", ".pdf"), FileSniffing.Sniff("%PDF-1.7\n"u8.ToArray()));
        Assert.Equal(("image/png", ".png"), FileSniffing.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]));
        Assert.Equal(("image/jpeg", ".jpg"), FileSniffing.Sniff([0xFF, 0xD8, 0xFF, 0xE0]));
        Assert.Null(FileSniffing.Sniff("<html><script>alert(1)</script>"u8.ToArray()));
        Assert.Null(FileSniffing.Sniff([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])); // a broken ZIP

        using var word = new MemoryStream();
        using (var zip = new ZipArchive(word, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml");
            zip.CreateEntry("word/document.xml");
        }

        Assert.Equal(".docx", FileSniffing.Sniff(word.ToArray())?.Extension);
        using var other = new MemoryStream();
        using (var zip = new ZipArchive(other, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("payload.exe");
        }

        Assert.Null(FileSniffing.Sniff(other.ToArray()));
    }

    private static JsonObject Form(string components) => JsonNode.Parse($$"""{"type":"default","components":{{components}}}""")!.AsObject();

    [Fact]
    public void A_form_schema_is_refused_for_unknown_fields_unsafe_keys_and_patterns_that_do_not_compile()
    {
        Assert.Empty(FormSchemaRules.Check(Form("""[{"type":"textfield","key":"note","label":"Ghi chú"}]""")));
        Assert.NotEmpty(FormSchemaRules.Check(Form("""[{"type":"filepicker","key":"upload","label":"Tệp"}]""")));
        Assert.NotEmpty(FormSchemaRules.Check(Form("""[{"type":"textfield","key":"a b","label":"Sai khóa"}]""")));
        Assert.NotEmpty(FormSchemaRules.Check(Form("""[{"type":"textfield","key":"code","label":"Mã","validate":{"pattern":"(["}}]""")));
        Assert.NotEmpty(FormSchemaRules.Check(JsonNode.Parse("""{"type":"default"}""")!.AsObject()));
        Assert.Throws<DomainException>(() => FormSchemaRules.Parse("[1, 2]"));
        Assert.Throws<DomainException>(() => FormSchemaRules.Parse("{ not json"));
        Assert.Throws<DomainException>(() => FormSchemaRules.CheckKeyAndName("1abc", "Tên"));
        Assert.Throws<DomainException>(() => FormSchemaRules.CheckKeyAndName("abc", " "));
    }

    [Fact]
    public void A_submitted_form_passes_its_rules_on_the_server_and_only_its_own_fields_become_variables()
    {
        var schema = Form("""
            [{"type":"textfield","key":"note","label":"Ghi chú","validate":{"required":true,"maxLength":5}},
             {"type":"number","key":"score","label":"Điểm","validate":{"min":0,"max":10}},
             {"type":"select","key":"grade","label":"Mức","values":[{"label":"Tốt","value":"T"},{"label":"Khá","value":"K"}]}]
            """);
        var (variables, errors) = FormSchemaRules.Validate(schema, JsonNode.Parse("""{"note":"ổn","score":7,"grade":"T","extra":"x"}""")!.AsObject());
        Assert.Empty(errors);
        Assert.Equal(["grade", "note", "score"], variables.Keys.Order(StringComparer.Ordinal));

        var (_, refused) = FormSchemaRules.Validate(schema, JsonNode.Parse("""{"note":"quá dài rồi","score":11,"grade":"X"}""")!.AsObject());
        Assert.Equal(["grade", "note", "score"], refused.Select(e => e.Field).Order(StringComparer.Ordinal));
        var (_, missing) = FormSchemaRules.Validate(schema, null);
        Assert.Contains(missing, e => e.Field == "note");
    }

    [Fact]
    public void A_certificate_layout_is_checked_field_by_field_and_its_texts_render_on_the_sample()
    {
        var sample = CertificateLayout.Model(CertificateLayout.Sample());
        Assert.Empty(CertificateLayout.Default.Validate(sample));
        var broken = CertificateLayout.Default with
        {
            Blocks = [CertificateLayout.Default.Blocks[0] with { X = -5, Color = "red", Text = "{{ for }}" }],
        };
        var fields = broken.Validate(sample).Select(e => e.Field).ToList();
        Assert.Contains("blocks[0].x", fields);
        Assert.Contains("blocks[0].color", fields);
        Assert.Contains("blocks[0].text", fields);
        Assert.Contains((CertificateLayout.Default with { Blocks = [] }).Validate(sample), e => e.Field == "blocks");
    }

    [Fact]
    public void Reminder_rules_say_which_reminder_is_due_today_and_when_to_escalate()
    {
        var policy = ReminderPolicy.Default; // 3 and 1 days before, on the day, every day overdue, escalate after 3
        Assert.Equal(("before-3", false), policy.Evaluate(3));
        Assert.Equal(((string?)null, false), policy.Evaluate(2));
        Assert.Equal(("due", false), policy.Evaluate(0));
        Assert.Equal(("overdue-2", false), policy.Evaluate(-2));
        Assert.Equal(("overdue-3", true), policy.Evaluate(-3));
        var weekly = policy with { OverdueEveryDays = 7, EscalateAfterDays = 0 };
        Assert.Equal(((string?)null, false), weekly.Evaluate(-3));
        Assert.Equal(("overdue-7", false), weekly.Evaluate(-7));

        Assert.True(ReminderPolicy.TryParseDays(" 1, 7,3,7 ", out var days));
        Assert.Equal([7, 3, 1], days);
        Assert.False(ReminderPolicy.TryParseDays("0,3", out _));
        Assert.False(ReminderPolicy.TryParseDays("ba", out _));
        Assert.Equal("còn 3 ngày", DueText.Status(3));
        Assert.Equal("hạn là hôm nay", DueText.Status(0));
        Assert.Equal("đã quá hạn 2 ngày", DueText.Status(-2));
    }

    [Fact]
    public void A_rounds_own_reminder_policy_overrides_only_the_parts_it_sets()
    {
        var round = new RatingRound { Name = "Đợt 2024", SubjectTypes = "Member", ReminderBeforeDays = "5", ReminderEscalateAfterDays = 0 };
        var policy = ReminderPolicy.For(round, ReminderPolicy.Default);
        Assert.Equal([5], policy.BeforeDays);
        Assert.Equal(0, policy.EscalateAfterDays);
        Assert.Equal(ReminderPolicy.Default.OverdueEveryDays, policy.OverdueEveryDays);
        Assert.True(policy.OnDueDay);
    }

    [Fact]
    public void A_meeting_score_needs_every_criterion_within_its_maximum_and_nothing_else()
    {
        var sheet = MeetingSheetDefinition.Default;
        var full = sheet.Criteria.ToDictionary(c => c.Code, c => (int?)c.Max);
        var given = sheet.Check(full, null);
        Assert.Equal(sheet.MaxTotal, given.Values.Sum());
        Assert.Equal(MeetingLevel.Good, sheet.LevelOf(given.Values.Sum()));

        var wrong = new Dictionary<string, int?>(full) { [sheet.Criteria[0].Code] = sheet.Criteria[0].Max + 1, ["bonus"] = 5 };
        wrong.Remove(sheet.Criteria[1].Code);
        var refused = Assert.Throws<DomainException>(() => sheet.Check(wrong, new string('x', 2001)));
        Assert.Equal(new[] { "note", "points.bonus", $"points.{sheet.Criteria[0].Code}", $"points.{sheet.Criteria[1].Code}" }.Order(StringComparer.Ordinal),
            refused.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }
}
