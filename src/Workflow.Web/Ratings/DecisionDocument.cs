using System.Globalization;

namespace Workflow.Web.Ratings;

/// <summary>A decision's number, date and signer, as entered and checked.</summary>
public sealed record DecisionDocument(string Number, DateOnly DecidedOn, string SignerName, string SignerTitle)
{
    /// <summary>The document cleaned and checked (lengths, characters, a plausible date); what is wrong goes to <paramref name="errors"/>.</summary>
    public static DecisionDocument Read(string? number, DateOnly? decidedOn, string? signerName, string? signerTitle, List<FieldError> errors)
    {
        var n = TextRules.Collect(errors, number, 100, "number", "Số quyết định", required: true);
        var name = TextRules.Collect(errors, signerName, 200, "signerName", "Người ký", required: true);
        var title = TextRules.Collect(errors, signerTitle, 200, "signerTitle", "Chức vụ người ký", required: true);
        if (decidedOn is null)
        {
            errors.Add(new("decidedOn", "Chưa nhập ngày quyết định."));
        }
        else if (decidedOn.Value.Year is < 2000 or > 2200)
        {
            errors.Add(new("decidedOn", "Ngày quyết định không hợp lệ."));
        }

        return new(n ?? "", decidedOn ?? default, name ?? "", title ?? "");
    }

    /// <summary>The complaint period ends at 17:00 Việt Nam time, <paramref name="days"/> days after the decision (ISO 8601).</summary>
    public static string ComplaintDeadline(DateOnly decidedOn, int days) =>
        decidedOn.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T17:00:00+07:00";

    /// <summary>"Hà Nội, ngày 05 tháng 01 năm 2025": the place and date line of a decision or certificate.</summary>
    public static string DateLine(string place, DateOnly day) =>
        $"{place}, ngày {day.Day:00} tháng {day.Month:00} năm {day.Year}";
}
