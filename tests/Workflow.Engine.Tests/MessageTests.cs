using System.Globalization;

namespace Workflow.Engine.Tests;

/// <summary>
/// A <see cref="Message"/> keeps the Vietnamese composite format of an interpolated string and its values, so a page can
/// say it in the reader's language; plain strings convert too.
/// </summary>
public sealed class MessageTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private static string Say(Message message, Dictionary<string, string> translations, CultureInfo culture) =>
        message.Render(format => translations.GetValueOrDefault(format, format), culture);

    [Fact]
    public void An_interpolated_sentence_keeps_its_format_and_values_and_is_said_in_the_readers_language()
    {
        var count = 1234;
        var name = "Chi bộ {A}"; // braces in a value are a value, not a placeholder
        Message message = $"Có {count:N0} hồ sơ ở {name}.";

        Assert.Equal("Có {0:N0} hồ sơ ở {1}.", message.Format);
        Assert.Equal([count, name], message.Arguments);
        Assert.Equal("Có 1.234 hồ sơ ở Chi bộ {A}.", message.Render(f => f, Vietnamese));
        Assert.Equal("1,234 files in Chi bộ {A}.", Say(message, new() { ["Có {0:N0} hồ sơ ở {1}."] = "{0:N0} files in {1}." }, English));
    }

    [Fact]
    public void A_plain_string_is_its_own_format_with_its_braces_kept_as_text()
    {
        Message message = "Cần giá trị dạng {\"type\": ...}.";
        Assert.Equal("Cần giá trị dạng {{\"type\": ...}}.", message.Format);
        Assert.Empty(message.Arguments);
        Assert.Equal("Cần giá trị dạng {\"type\": ...}.", message.ToString());
    }

    [Fact]
    public void A_message_inside_a_message_is_translated_too()
    {
        var key = "rating";
        Message what = $"quy trình \"{key}\"";
        Message message = $"Không tìm thấy {what}, hoặc bạn không có quyền xem.";
        var english = new Dictionary<string, string>
        {
            ["Không tìm thấy {0}, hoặc bạn không có quyền xem."] = "Not found: {0}, or you may not see it.",
            ["quy trình \"{0}\""] = "process \"{0}\"",
        };

        Assert.Equal("Not found: process \"rating\", or you may not see it.", Say(message, english, English));
        Assert.Equal("Không tìm thấy quy trình \"rating\", hoặc bạn không có quyền xem.", message.Render(f => f, Vietnamese));
    }

    [Fact]
    public void A_translation_that_does_not_fit_its_values_falls_back_to_the_Vietnamese_instead_of_failing()
    {
        var year = 2024;
        Message message = $"Năm {year} đã có đợt đánh giá.";
        Assert.Equal("Năm 2024 đã có đợt đánh giá.", Say(message, new() { [message.Format] = "Year {1} already has a round." }, English));
    }

    [Fact]
    public void An_engine_refusal_carries_the_message_and_its_Vietnamese_text()
    {
        var id = Guid.Parse("0190a5f0-0000-7000-8000-000000000001");
        var refusal = new Workflow.Engine.Runtime.EngineStateException($"Tác vụ ngoài đang được {id} giữ khóa.");
        Assert.Equal("Tác vụ ngoài đang được {0} giữ khóa.", refusal.Text.Format);
        Assert.Equal($"Tác vụ ngoài đang được {id} giữ khóa.", refusal.Message);
    }
}
