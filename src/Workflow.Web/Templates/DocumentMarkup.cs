using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Workflow.Web.Templates;

/// <summary>
/// The line markup templates write, rendered to safe HTML (every text encoded) and to a .docx:
/// <c># title</c> centered bold capitals, <c>## subtitle</c> centered bold, <c>&gt; text</c> right-aligned italic,
/// <c>&gt;&gt; text</c> right-aligned bold (signature), <c>|| left | right</c> a borderless two-column header row,
/// <c>| a | b</c> a table row (the first row of a table is its header), <c>- item</c> an indented line,
/// anything else a justified paragraph; <c>**bold**</c> inside a line.
/// </summary>
public static partial class DocumentMarkup
{
    public abstract record Block;

    public sealed record Heading(string Text, int Level) : Block;

    public sealed record Paragraph(string Text, string Align, bool Italic, bool Bold, bool Indent) : Block;

    public sealed record Table(List<string[]> Rows, bool Borders) : Block;

    /// <summary>A value made safe for one table cell or one line: no column bar, no line break.</summary>
    public static string Cell(string value) => value.Replace('|', '/').Replace('\n', ' ').Replace('\r', ' ');

    public static List<Block> Parse(string text)
    {
        var blocks = new List<Block>();
        Table? table = null;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            var borderless = line.StartsWith("||", StringComparison.Ordinal);
            if (line.StartsWith('|'))
            {
                var cells = line.TrimStart('|').Split('|').Select(c => c.Trim()).ToArray();
                if (table is null || table.Borders == borderless)
                {
                    table = new Table([], !borderless);
                    blocks.Add(table);
                }

                table.Rows.Add(cells);
                continue;
            }

            table = null;
            if (line.Length == 0)
            {
                continue;
            }

            blocks.Add(line switch
            {
                _ when line.StartsWith("## ", StringComparison.Ordinal) => new Heading(line[3..].Trim(), 2),
                _ when line.StartsWith("# ", StringComparison.Ordinal) => new Heading(line[2..].Trim(), 1),
                _ when line.StartsWith(">>", StringComparison.Ordinal) => new Paragraph(line[2..].Trim(), "right", false, true, false),
                _ when line.StartsWith('>') => new Paragraph(line[1..].Trim(), "right", true, false, false),
                _ when line.StartsWith("- ", StringComparison.Ordinal) => new Paragraph(line[2..].Trim(), "justify", true, false, true),
                _ => new Paragraph(line, "justify", false, false, false),
            });
        }

        return blocks;
    }

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex BoldPattern();

    /// <summary>(text, bold) runs of a line with **bold** parts.</summary>
    private static IEnumerable<(string Text, bool Bold)> Runs(string line)
    {
        var at = 0;
        foreach (Match m in BoldPattern().Matches(line))
        {
            if (m.Index > at)
            {
                yield return (line[at..m.Index], false);
            }

            yield return (m.Groups[1].Value, true);
            at = m.Index + m.Length;
        }

        if (at < line.Length)
        {
            yield return (line[at..], false);
        }
    }

    /// <summary>Encodes markup characters only, so Vietnamese stays readable in the page source.</summary>
    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder =
        System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string InlineHtml(string line) =>
        string.Concat(Runs(line).Select(r => r.Bold ? "<strong>" + Encoder.Encode(r.Text) + "</strong>" : Encoder.Encode(r.Text)));

    /// <summary>The document body as HTML; all text is encoded, so a template cannot inject markup.</summary>
    public static string ToHtml(IEnumerable<Block> blocks)
    {
        var html = new StringBuilder();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading h:
                    html.Append(h.Level == 1 ? "<h1 class=\"doc-title\">" : "<h2 class=\"doc-subtitle\">").Append(InlineHtml(h.Text))
                        .Append(h.Level == 1 ? "</h1>" : "</h2>").Append('\n');
                    break;
                case Paragraph p:
                    var css = (p.Align == "right" && p.Bold ? "doc-p doc-sign" : p.Align == "right" ? "doc-p text-end" : "doc-p doc-justify")
                        + (p.Italic ? " fst-italic" : "") + (p.Bold ? " fw-bold" : "") + (p.Indent ? " doc-indent" : "");
                    html.Append("<p class=\"").Append(css).Append("\">").Append(InlineHtml(p.Text)).Append("</p>\n");
                    break;
                case Table t:
                    html.Append(t.Borders ? "<table class=\"doc-table\">" : "<table class=\"doc-header\">");
                    for (var i = 0; i < t.Rows.Count; i++)
                    {
                        var tag = t.Borders && i == 0 ? "th" : "td";
                        html.Append("<tr>");
                        foreach (var cell in t.Rows[i])
                        {
                            html.Append('<').Append(tag).Append('>').Append(InlineHtml(cell)).Append("</").Append(tag).Append('>');
                        }

                        html.Append("</tr>");
                    }

                    html.Append("</table>\n");
                    break;
            }
        }

        return html.ToString();
    }

    /// <summary>The document as a .docx (A4, Times New Roman 13 pt as party documents use).</summary>
    public static byte[] ToDocx(IEnumerable<Block> blocks)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var block in blocks)
            {
                switch (block)
                {
                    case Heading h:
                        body.Append(DocParagraph(h.Text, JustificationValues.Center, bold: true, italic: false, size: h.Level == 1 ? 28 : 26, upper: h.Level == 1));
                        break;
                    case Paragraph p:
                        body.Append(p.Align == "right" && p.Bold
                            ? DocParagraph(p.Text, JustificationValues.Center, true, false, 26, false, signature: true)
                            : DocParagraph(p.Text, p.Align == "right" ? JustificationValues.Right : JustificationValues.Both, p.Bold, p.Italic, 26, false, p.Indent));
                        break;
                    case Table t:
                        body.Append(DocTable(t));
                        break;
                }
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701, Right = 1134, Header = 720, Footer = 720, Gutter = 0U }));
            main.Document = new Document(body);
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman", EastAsia = "Times New Roman" },
                new FontSize { Val = "26" }))));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static DocumentFormat.OpenXml.Wordprocessing.Paragraph DocParagraph(string text, JustificationValues align, bool bold, bool italic, int size, bool upper,
        bool indent = false, bool signature = false)
    {
        // The signature block sits centered in the right half of the page, as in party documents.
        var paragraph = new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new ParagraphProperties(
            new Justification { Val = align }, new SpacingBetweenLines { After = "80" },
            new Indentation { FirstLine = indent ? "567" : "0", Left = signature ? "4535" : "0" }));
        foreach (var (run, runBold) in Runs(upper ? text.ToUpperInvariant() : text))
        {
            var properties = new RunProperties();
            if (bold || runBold)
            {
                properties.Append(new Bold());
            }

            if (italic)
            {
                properties.Append(new Italic());
            }

            properties.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            // Stored text may predate today's checks: what XML cannot hold is dropped, so the document always writes.
            paragraph.Append(new Run(properties, new Text(TextRules.XmlSafe(run)) { Space = SpaceProcessingModeValues.Preserve }));
        }

        return paragraph;
    }

    private static DocumentFormat.OpenXml.Wordprocessing.Table DocTable(Table t)
    {
        var border = t.Borders ? BorderValues.Single : BorderValues.None;
        var table = new DocumentFormat.OpenXml.Wordprocessing.Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(
                new TopBorder { Val = border, Size = 4 }, new BottomBorder { Val = border, Size = 4 }, new LeftBorder { Val = border, Size = 4 },
                new RightBorder { Val = border, Size = 4 }, new InsideHorizontalBorder { Val = border, Size = 4 }, new InsideVerticalBorder { Val = border, Size = 4 })));
        for (var i = 0; i < t.Rows.Count; i++)
        {
            var row = new TableRow();
            foreach (var cell in t.Rows[i])
            {
                var header = t.Borders && i == 0;
                row.Append(new TableCell(DocParagraph(cell, t.Borders ? JustificationValues.Left : JustificationValues.Center, header || !t.Borders && i < 2, false, 26, false)));
            }

            table.Append(row);
        }

        return table;
    }
}
