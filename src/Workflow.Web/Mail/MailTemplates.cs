using System.Text;
using System.Text.RegularExpressions;
using Scriban;
using Scriban.Runtime;
using Workflow.Web.Templates;

namespace Workflow.Web.Mail;

/// <summary>A rendered email: subject, plain text and the same as simple HTML.</summary>
public sealed record MailContent(string Subject, string Text, string Html);

/// <summary>
/// Email text from the admin-editable Scriban templates. A mail template is plain text: its first line is the subject,
/// the rest the body; blank lines separate paragraphs, lines starting "- " are list items, **bold** and web addresses
/// become bold text and links in the HTML part (every character of the text is encoded; a template cannot inject markup).
/// </summary>
public static partial class MailTemplates
{
    public sealed class Compiled(Template template)
    {
        /// <summary>Renders the mail; the model's text values stay text in the HTML part (see <see cref="Protect"/>).</summary>
        public MailContent Render(ScriptObject model) => Split(DocumentRenderer.Render(template, Protect(model)));
    }

    // Data values travel through the template between these two private-use characters, so the HTML part can tell a
    // template author's **bold** and web addresses (formatting) from a user's name that happens to look like them (text).
    private const char DataStart = '\uE000';
    private const char DataEnd = '\uE001';

    /// <summary>
    /// A copy of the model whose text values are marked as data. Links the product computes itself (keys ending in
    /// "link") stay formatting, so they still become links.
    /// </summary>
    public static ScriptObject Protect(ScriptObject model)
    {
        var copy = new ScriptObject();
        foreach (var (key, value) in model)
        {
            copy[key] = key.EndsWith("link", StringComparison.Ordinal) ? value : ProtectValue(value);
        }

        return copy;
    }

    private static object? ProtectValue(object? value) => value switch
    {
        string text => DataStart + text.Replace(DataStart.ToString(), "", StringComparison.Ordinal).Replace(DataEnd.ToString(), "", StringComparison.Ordinal) + DataEnd,
        ScriptObject o => Protect(o),
        ScriptArray a => new ScriptArray(a.Select(ProtectValue)),
        _ => value,
    };

    /// <summary>The text without the data marks (subject and plain-text part).</summary>
    private static string Plain(string text) =>
        text.Replace(DataStart.ToString(), "", StringComparison.Ordinal).Replace(DataEnd.ToString(), "", StringComparison.Ordinal);

    public static Compiled Compile(string text) => new(DocumentRenderer.Compile(text));

    /// <summary>Sample data for the editor's preview and the check on save.</summary>
    public static ScriptObject SampleReminder() => new()
    {
        ["recipient_name"] = "Nguyễn Văn An", ["task_name"] = "Tự đánh giá, xếp loại", ["subject_name"] = "Chi bộ Trường THCS Vĩnh Hưng",
        ["due"] = "25/12/2024 17:00", ["days_left"] = 1, ["status"] = "còn 1 ngày", ["overdue"] = false, ["escalation"] = false,
        ["link"] = "https://xeploai.example.vn/Inbox", ["inbox_link"] = "https://xeploai.example.vn/Inbox",
    };

    public static ScriptObject SampleDigest()
    {
        var items = new ScriptArray();
        foreach (var (name, days) in new[] { ("Chi bộ Trường THCS Vĩnh Hưng", 1), ("Chi bộ Thôn Bình Cách", 0), ("Chi bộ Trạm Y tế xã", -2) })
        {
            items.Add(new ScriptObject
            {
                ["task_name"] = "Tự đánh giá, xếp loại", ["subject_name"] = name, ["due"] = "25/12/2024 17:00", ["days_left"] = days,
                ["status"] = Localization.DueText.Status(days), ["overdue"] = days < 0, ["escalation"] = false,
                ["link"] = "https://xeploai.example.vn/Inbox",
            });
        }

        return new ScriptObject
        {
            ["recipient_name"] = "Nguyễn Văn An", ["items"] = items, ["count"] = 3, ["overdue_count"] = 1, ["date"] = "25/12/2024",
            ["daily"] = true, ["inbox_link"] = "https://xeploai.example.vn/Inbox",
        };
    }

    public static MailContent Split(string rendered)
    {
        var text = rendered.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n', ' ');
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var subject = (newline < 0 ? text : text[..newline]).Trim();
        var body = newline < 0 ? "" : text[(newline + 1)..].Trim('\n');
        if (subject.Length == 0)
        {
            throw new TemplateException("Dòng đầu của mẫu thư (tiêu đề) đang trống.", []);
        }

        subject = Plain(subject);
        subject = subject.Length > 200 ? subject[..200] : subject;
        return new MailContent(subject, Plain(body), ToHtml(subject, body));
    }

    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder =
        System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>HTML-encodes text, leaving Vietnamese letters as they are.</summary>
    public static string Encode(string text) => Encoder.Encode(text);

    [GeneratedRegex(@"\*\*(.+?)\*\*|(https?://[^\s<>""\uE000-\uF8FF]+)")]
    private static partial Regex InlinePattern();

    /// <summary>
    /// One line as HTML: the template's **bold** and web addresses become markup, everything else is encoded. A data
    /// value (marked by <see cref="Protect"/>) is replaced by a placeholder before the formatting is read, so its own
    /// asterisks or addresses stay text; it may still sit inside the template's bold.
    /// </summary>
    private static string Inline(string line)
    {
        var data = new List<string>();
        var masked = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == DataStart && data.Count < 0x1000)
            {
                var end = line.IndexOf(DataEnd, i + 1);
                end = end < 0 ? line.Length : end;
                masked.Append((char)(0xE100 + data.Count));
                data.Add(line[(i + 1)..end]);
                i = end;
            }
            else if (line[i] is not (DataStart or DataEnd or >= '\uE100' and < '\uF100'))
            {
                masked.Append(line[i]);
            }
        }

        var text = masked.ToString();
        string Encode(string part)
        {
            var encoded = new StringBuilder();
            var run = 0;
            for (var i = 0; i <= part.Length; i++)
            {
                if (i == part.Length || part[i] is >= '\uE100' and < '\uF100')
                {
                    encoded.Append(Encoder.Encode(part[run..i]));
                    if (i < part.Length)
                    {
                        encoded.Append(Encoder.Encode(data[part[i] - 0xE100]));
                    }

                    run = i + 1;
                }
            }

            return encoded.ToString();
        }

        var html = new StringBuilder();
        var at = 0;
        foreach (Match m in InlinePattern().Matches(text))
        {
            html.Append(Encode(text[at..m.Index]));
            if (m.Groups[1].Success)
            {
                html.Append("<strong>").Append(Encode(m.Groups[1].Value)).Append("</strong>");
            }
            else
            {
                var url = Encoder.Encode(m.Groups[2].Value);
                html.Append("<a href=\"").Append(url).Append("\">").Append(url).Append("</a>");
            }

            at = m.Index + m.Length;
        }

        return html.Append(Encode(text[at..])).ToString();
    }

    public static string ToHtml(string subject, string body) =>
        new StringBuilder("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encoder.Encode(subject))
            .Append("</title></head><body style=\"font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#212121\">")
            .Append(BodyFragment(body))
            .Append("</body></html>").ToString();

    /// <summary>The body as HTML paragraphs and lists (every character of the text encoded).</summary>
    public static string BodyFragment(string body)
    {
        var html = new StringBuilder();
        foreach (var paragraph in Regex.Split(body, @"\n\s*\n"))
        {
            var lines = paragraph.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Trim().Length > 0).ToList();
            if (lines.Count == 0)
            {
                continue;
            }

            if (lines.All(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal)))
            {
                html.Append("<ul>");
                foreach (var line in lines)
                {
                    html.Append("<li>").Append(Inline(line.TrimStart()[2..])).Append("</li>");
                }

                html.Append("</ul>");
            }
            else
            {
                html.Append("<p>").Append(string.Join("<br>", lines.Select(Inline))).Append("</p>");
            }
        }

        return html.ToString();
    }
}
