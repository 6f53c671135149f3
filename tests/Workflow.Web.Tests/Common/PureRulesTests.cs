using System.Text;
using Scriban.Runtime;
using Workflow.Web.Mail;
using Workflow.Web.Ratings;
using Workflow.Web.Templates;

namespace Workflow.Web.Tests.Common;

/// <summary>The pure rules behind the edges' validation: no host, no database.</summary>
public sealed class PureRulesTests
{
    [Theory]
    [InlineData("Chi bộ\u202Eabc", "đảo chiều")]
    [InlineData("Chi bộ\u2067x\u2069", "đảo chiều")]
    [InlineData("Nguyễn\u0007Văn", "điều khiển")]
    [InlineData("Số\u0000 1", "điều khiển")]
    [InlineData("Hai\ndòng", "xuống dòng")]
    public void Names_refuse_controls_bidi_overrides_line_breaks_and_broken_text(string value, string why)
    {
        var (clean, error) = TextRules.Check(value, 300, "name", "Tên");
        Assert.Null(clean);
        Assert.NotNull(error);
        Assert.Equal("name", error.Field);
        Assert.Contains(why, error.Message.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unpaired_surrogate_is_refused()
    {
        var (clean, error) = TextRules.Check("a" + (char)0xD800 + "b", 300, "name", "Tên");
        Assert.Null(clean);
        Assert.Contains("Unicode hỏng", error!.Message.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_is_trimmed_normalised_to_NFC_and_held_to_its_length()
    {
        var decomposed = "Nguye\u0302\u0303n Va\u0306n Bi\u0300nh"; // "Nguyễn Văn Bình" typed with combining marks
        var (clean, error) = TextRules.Check("  " + decomposed + " ", 300, "signerName", "Người ký");
        Assert.Null(error);
        Assert.Equal("Nguyễn Văn Bình", clean);
        Assert.True(clean!.IsNormalized(NormalizationForm.FormC));

        var (tooLong, lengthError) = TextRules.Check(new string('9', 325), 100, "number", "Số quyết định");
        Assert.Null(tooLong);
        Assert.Contains("tối đa 100", lengthError!.Message.ToString(), StringComparison.Ordinal);

        Assert.Equal("Dòng 1\nDòng 2", TextRules.Check("Dòng 1\nDòng 2", 100, "x", "X", multiline: true).Value);
        var (_, missing) = TextRules.Check("  ", 100, "reason", "Lý do", required: true);
        Assert.True(missing!.Missing);
    }

    [Fact]
    public void The_document_writer_drops_what_XML_cannot_hold()
    {
        Assert.Equal("AB\tC", TextRules.XmlSafe("A\u0001B\tC\uFFFF"));
        Assert.Equal("Hà Nội", TextRules.XmlSafe("Hà Nội"));
    }

    [Fact]
    public void A_self_assessment_is_cleaned_and_bounded_and_a_blank_form_is_recognised()
    {
        var (clean, errors) = SelfAssessmentRules.Clean(new SelfAssessment
        {
            Criteria = new() { ["ctt"] = " XS ", ["tccb"] = new string('T', 21) },
            Achievements = new string('a', TextRules.LongText + 1),
            Shortcomings = "Không có.\r\nCòn chậm.",
            Meeting = new MeetingRecord(null, -1, null, null),
        });
        Assert.Equal(["criteria.tccb", "achievements", "meeting.membersTotal"], errors.Select(e => e.Field));
        Assert.Equal("XS", clean.Criteria["ctt"]);
        Assert.True(SelfAssessmentRules.IsEmpty(new SelfAssessment { Meeting = new MeetingRecord(null, null, null, null) }));
        Assert.False(SelfAssessmentRules.IsEmpty(new SelfAssessment { Achievements = "x" }));
    }

    [Fact]
    public void A_users_name_in_an_email_stays_text_while_the_templates_own_formatting_still_works()
    {
        var template = MailTemplates.Compile("Nhắc việc {{ recipient_name }}\nKính gửi **{{ recipient_name }}**,\nXem tại {{ link }}\n");
        var mail = template.Render(new ScriptObject
        {
            ["recipient_name"] = "**http://evil.example/x** <b>A</b>",
            ["link"] = "https://xeploai.example.vn/Inbox",
        });
        Assert.DoesNotContain("href=\"http://evil.example", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>A</b>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("**http://evil.example/x** &lt;b&gt;A&lt;/b&gt;", mail.Html, StringComparison.Ordinal);
        // The template's own bold (around the name) and the product's link are formatting.
        Assert.Contains("<strong>**http://evil.example/x** &lt;b&gt;A&lt;/b&gt;</strong>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://xeploai.example.vn/Inbox\">", mail.Html, StringComparison.Ordinal);
        // Subject and plain text carry the name as it is, without marks.
        Assert.Equal("Nhắc việc **http://evil.example/x** <b>A</b>", mail.Subject);
        Assert.DoesNotContain('\uE000', mail.Text);
    }

    [Fact]
    public void A_catastrophic_regex_in_a_template_stops_at_its_own_time_limit()
    {
        var error = Assert.Throws<TemplateException>(() =>
            DocumentRenderer.Render("{{ \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\" | regex.match \"^(a+)+$\" }}", new ScriptObject()));
        // The regex's own limit stopped it (its message), not the rendering's 2 s one.
        Assert.Contains("regex", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{DocumentRenderer.RegexTimeLimit.TotalMilliseconds:0} ms", error.Problems[0], StringComparison.Ordinal);
    }
}
