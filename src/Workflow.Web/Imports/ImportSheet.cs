using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace Workflow.Web.Imports;

/// <summary>One data row of a sheet: its line number in the file (the header is line 1) and its cells (trimmed), found by column key through the sheet's index.</summary>
public sealed record ImportRow(int Line, string[] Values, IReadOnlyDictionary<string, int> Index)
{
    public string this[string key] => Index.TryGetValue(key, out var i) && i < Values.Length ? Values[i] : "";
}

/// <summary>
/// Reads an uploaded .xlsx (first sheet, MiniExcel, streamed) or .csv (UTF-8, separator ',' ';' or tab found from the
/// header) into rows keyed by the kind's columns, matching headers without regard to case, diacritics or spacing. A file
/// that is not a readable sheet, or lacks a required column, is refused as a whole with a message saying which.
/// </summary>
public static class ImportSheet
{
    public const int MaxBytes = 30 * 1024 * 1024;

    private static readonly char[] Separators = [',', ';', '\t'];

    public static (IReadOnlyList<ImportRow> Rows, IReadOnlyList<string> Ignored) Read(byte[] content, string fileName, ImportKind kind)
    {
        var csv = fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            throw DomainException.Invalid("Chỉ nhận tệp .xlsx hoặc .csv.", [new FieldError("file", "Chỉ nhận tệp .xlsx hoặc .csv.")]);
        }

        if (content.Length == 0)
        {
            throw DomainException.Invalid("Tệp rỗng.", [new FieldError("file", "Tệp rỗng.")]);
        }

        if (content.Length > MaxBytes)
        {
            throw DomainException.Invalid($"Tệp lớn hơn {MaxBytes / 1024 / 1024} MB.", [new FieldError("file", "Tệp quá lớn.")]);
        }

        List<string[]> table;
        try
        {
            table = csv ? Csv(content) : Xlsx(content);
        }
        catch (Exception ex) when (ex is not DomainException and not OutOfMemoryException)
        {
            throw DomainException.Invalid(csv ? "Không đọc được tệp .csv (cần mã UTF-8, dòng đầu là tiêu đề cột)." : "Không đọc được tệp .xlsx: tệp hỏng hoặc không phải bảng tính Excel.",
                [new FieldError("file", "Tệp không đọc được.")]);
        }

        if (table.Count == 0)
        {
            throw DomainException.Invalid("Tệp không có dòng tiêu đề.", [new FieldError("file", "Tệp không có dòng tiêu đề.")]);
        }

        var columns = ImportColumn.Of(kind);
        var header = table[0];
        var keys = new string?[header.Length];
        var ignored = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            var folded = Fold(header[i]);
            var column = columns.FirstOrDefault(c => Fold(c.Header) == folded || c.Aliases.Any(a => Fold(a) == folded));
            if (column is not null && !keys.Contains(column.Key))
            {
                keys[i] = column.Key;
            }
            else if (header[i].Trim().Length > 0)
            {
                ignored.Add(header[i].Trim());
            }
        }

        var missing = columns.Where(c => c.Required && !keys.Contains(c.Key)).Select(c => c.Header).ToList();
        if (missing.Count > 0)
        {
            var text = $"Thiếu cột: {string.Join(", ", missing.Select(m => $"'{m}'"))}. Tải mẫu để xem các cột cần có.";
            throw DomainException.Invalid(text, [new FieldError("file", text)]);
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] is { } key)
            {
                index[key] = i;
            }
        }

        var rows = new List<ImportRow>(table.Count - 1);
        for (var r = 1; r < table.Count; r++)
        {
            var values = table[r];
            var any = false;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = values[i].Trim();
                any |= values[i].Length > 0 && i < keys.Length && keys[i] is not null;
            }

            if (any)
            {
                rows.Add(new ImportRow(r + 1, values, index));
            }
        }

        return (rows, ignored);
    }

    /// <summary>A header or a name compared loosely: lower case, no diacritics (đ → d), single spaces.</summary>
    public static string Fold(string text) => Org.TextFolding.Fold(text);

    private static List<string[]> Xlsx(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        var table = new List<string[]>();
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            table.Add(row.Values.Select(Text).ToArray());
        }

        // Trailing empty columns of the header do not count.
        return table;
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        double n => n.ToString("0.##########", CultureInfo.InvariantCulture),
        decimal n => n.ToString("0.##########", CultureInfo.InvariantCulture),
        bool b => b ? "Có" : "Không",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "",
    };

    /// <summary>RFC 4180 fields (quotes, doubled quotes, line breaks inside quotes); the separator is the header's most frequent of , ; tab.</summary>
    private static List<string[]> Csv(byte[] content)
    {
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content).TrimStart('\uFEFF');
        var firstLine = text.Split('\n', 2)[0];
        var separator = Separators.OrderByDescending(c => firstLine.Count(x => x == c)).First();
        var table = new List<string[]>();
        if (!text.Contains('"', StringComparison.Ordinal))
        {
            // No quoting anywhere (most exports): each line splits as it is; blank lines keep their place (line numbers).
            var lines = text.Split('\n');
            var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
            for (var i = 0; i < count; i++)
            {
                table.Add(lines[i].TrimEnd('\r').Split(separator));
            }

            return table;
        }

        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                table.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            table.Add([.. row]);
        }

        return table;
    }
}
