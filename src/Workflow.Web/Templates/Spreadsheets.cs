using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using Workflow.Engine;

namespace Workflow.Web.Templates;

/// <summary>One column of a sheet: its key in the rows, its Vietnamese header, its width and number format.</summary>
public sealed record SheetColumn(string Key, string Header, double Width = 18, string? Format = null);

/// <summary>One sheet: a name (≤ 31 characters), its columns, and its rows (enumerated once, as they are written).</summary>
public sealed record Sheet(string Name, IReadOnlyList<SheetColumn> Columns, IEnumerable<object?[]> Rows);

/// <summary>
/// Writes formatted .xlsx workbooks (MiniExcel, docs/adr/0012-excel-with-miniexcel.md): a styled header row with the
/// Vietnamese headers, an autofilter, the header frozen, set widths. Rows stream from their source into a temporary
/// file (deleted when closed), so a 75,000-row list never sits in memory as a whole.
/// </summary>
public static class Spreadsheets
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<Stream> WriteAsync(IReadOnlyList<Sheet> sheets, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"workflow-{Uuid7.New():N}.xlsx");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var content = new Dictionary<string, object>();
            for (var i = 0; i < sheets.Count; i++)
            {
                content[SheetName(sheets[i].Name, content.Keys)] = Rows(sheets[i], i);
            }

            var configuration = new OpenXmlConfiguration
            {
                TableStyles = TableStyles.Default, AutoFilter = true, FreezeRowCount = 1, FastMode = true, EnableAutoWidth = false,
                // Keys are made unique per sheet: two sheets may use the same key under different headers.
                DynamicColumns = sheets.SelectMany((s, i) => s.Columns.Select(c => new DynamicExcelColumn(Key(i, c)) { Name = c.Header, Width = c.Width, Format = c.Format })).ToArray(),
            };
            await MiniExcel.SaveAsAsync(file, content, true, excelType: ExcelType.XLSX, configuration: configuration, cancellationToken: ct);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>The download of a workbook: streamed from its temporary file.</summary>
    public static async Task<IResult> FileAsync(IReadOnlyList<Sheet> sheets, string name, CancellationToken ct) =>
        Results.File(await WriteAsync(sheets, ct), ContentType, FileNames.Safe(name) + ".xlsx");

    private static string Key(int sheet, SheetColumn column) => $"{sheet}.{column.Key}";

    private static IEnumerable<IDictionary<string, object?>> Rows(Sheet sheet, int index)
    {
        var keys = sheet.Columns.Select(c => Key(index, c)).ToArray();
        foreach (var row in sheet.Rows)
        {
            var values = new Dictionary<string, object?>(keys.Length);
            for (var i = 0; i < keys.Length; i++)
            {
                values[keys[i]] = i < row.Length ? row[i] : null;
            }

            yield return values;
        }
    }

    /// <summary>Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], unique.</summary>
    private static string SheetName(string name, IEnumerable<string> taken)
    {
        var clean = new string(name.Select(c => ":\\/?*[]".Contains(c, StringComparison.Ordinal) ? '-' : c).ToArray()).Trim();
        clean = clean.Length == 0 ? "Sheet" : clean[..Math.Min(clean.Length, 31)];
        var unique = clean;
        for (var n = 2; taken.Contains(unique, StringComparer.OrdinalIgnoreCase); n++)
        {
            unique = $"{clean[..Math.Min(clean.Length, 27)]} ({n})";
        }

        return unique;
    }
}
