using Workflow.Engine;

namespace Workflow.Web.Imports;

/// <summary>One problem of one row: its line in the sheet (the header is line 1), the column's header, and what is wrong (a Vietnamese format and its values).</summary>
public sealed record ImportError(int Row, string Column, string Format, IReadOnlyList<string> Args)
{
    public static ImportError Of(int row, string column, Message message) =>
        new(row, column, message.Format, message.Arguments.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.CurrentCulture) ?? "").ToList());

    public Message Text => Message.FromFormat(Format, Args);

    /// <summary>"Dòng 14, cột 'Đơn vị': không tìm thấy …".</summary>
    public Message Line => Column.Length == 0 ? $"Dòng {Row}: {Text}" : $"Dòng {Row}, cột '{Column}': {Text}";
}
