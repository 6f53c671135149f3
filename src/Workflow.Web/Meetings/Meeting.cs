using System.Text.Json;
using Workflow.Web.Data;

namespace Workflow.Web.Meetings;

/// <summary>The four grades of a branch meeting (sinh hoạt chi bộ).</summary>
public enum MeetingLevel
{
    Good = 1,
    Fair = 2,
    Average = 3,
    Poor = 4,
}

public enum MeetingScoreStatus
{
    /// <summary>Opened with the period, not scored yet.</summary>
    Pending = 0,
    /// <summary>Scored and sent by the branch; waits for the committee above.</summary>
    Submitted = 1,
    /// <summary>Confirmed by the committee above: counted in the roll-ups.</summary>
    Confirmed = 2,
    /// <summary>Sent back by the committee above, with a reason.</summary>
    Returned = 3,
}

public static class MeetingText
{
    public static string Name(MeetingLevel level) => level switch
    {
        MeetingLevel.Good => "Tốt",
        MeetingLevel.Fair => "Khá",
        MeetingLevel.Average => "Trung bình",
        _ => "Kém",
    };

    public static string Status(MeetingScoreStatus status) => status switch
    {
        MeetingScoreStatus.Pending => "Chưa chấm",
        MeetingScoreStatus.Submitted => "Chờ xác nhận",
        MeetingScoreStatus.Confirmed => "Đã xác nhận",
        _ => "Bị trả lại",
    };

    /// <summary>"tháng 5/2024" or "quý 2/2024".</summary>
    public static string Period(int year, int month, int months) =>
        months == 3 ? $"quý {((month - 1) / 3) + 1}/{year}" : $"tháng {month}/{year}";
}

/// <summary>One line of the province's scoring sheet: what is scored and its maximum.</summary>
public sealed record MeetingCriterion(string Code, string Name, int Max);

/// <summary>
/// The province's 100-point sheet for a branch meeting, as data: criteria with their maxima and the lowest total of
/// each grade. The default follows DOMAIN.md (preparation 15, attendance 20, conduct 45, closing 20; Tốt ≥ 90, Khá
/// ≥ 70, Trung bình ≥ 50, else Kém). Saved as versions; a period keeps the version it was opened with.
/// </summary>
public sealed record MeetingSheetDefinition(IReadOnlyList<MeetingCriterion> Criteria, int GoodFrom, int FairFrom, int AverageFrom)
{
    public static MeetingSheetDefinition Default { get; } = new(
    [
        new("preparation", "Chuẩn bị sinh hoạt (nội dung, tài liệu, thông báo)", 15),
        new("attendance", "Tỷ lệ đảng viên dự họp, đúng giờ", 20),
        new("conduct", "Tiến hành sinh hoạt (đúng trình tự, thảo luận, phê bình và tự phê bình, ra nghị quyết)", 45),
        new("closing", "Kết thúc, biên bản và triển khai thực hiện", 20),
    ], 90, 70, 50);

    public int MaxTotal => Criteria.Sum(c => c.Max);

    /// <summary>
    /// The points given on this sheet: every criterion scored from 0 to its maximum, nothing else, a note of at most
    /// 2,000 characters; otherwise a <see cref="DomainException"/> with an error per field.
    /// </summary>
    public Dictionary<string, int> Check(IReadOnlyDictionary<string, int?> points, string? note)
    {
        var errors = new List<FieldError>();
        foreach (var unknown in points.Keys.Where(k => Criteria.All(c => c.Code != k)))
        {
            errors.Add(new($"points.{unknown}", $"Phiếu chấm không có tiêu chí \"{unknown}\"."));
        }

        var given = new Dictionary<string, int>();
        foreach (var c in Criteria)
        {
            if (!points.TryGetValue(c.Code, out var value) || value is null)
            {
                errors.Add(new($"points.{c.Code}", $"Chưa chấm tiêu chí \"{c.Name}\"."));
            }
            else if (value < 0 || value > c.Max)
            {
                errors.Add(new($"points.{c.Code}", $"Tiêu chí \"{c.Name}\": điểm từ 0 đến {c.Max}."));
            }
            else
            {
                given[c.Code] = value.Value;
            }
        }

        if (note is { Length: > 2000 })
        {
            errors.Add(new("note", "Nhận xét tối đa 2.000 ký tự."));
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Phiếu chấm chưa đầy đủ hoặc có điểm không hợp lệ.", errors);
        }

        return given;
    }

    public MeetingLevel LevelOf(int total) =>
        total >= GoodFrom ? MeetingLevel.Good : total >= FairFrom ? MeetingLevel.Fair : total >= AverageFrom ? MeetingLevel.Average : MeetingLevel.Poor;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static MeetingSheetDefinition Parse(string json) => JsonSerializer.Deserialize<MeetingSheetDefinition>(json, Json) ?? Default;

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (Criteria is null || Criteria.Count is 0 or > 20)
        {
            errors.Add(new("criteria", "Phiếu chấm cần từ 1 đến 20 tiêu chí."));
            return errors;
        }

        for (var i = 0; i < Criteria.Count; i++)
        {
            var c = Criteria[i];
            if (string.IsNullOrWhiteSpace(c.Code) || c.Code.Length > 40 || !c.Code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
            {
                errors.Add(new($"criteria[{i}].code", $"Tiêu chí {i + 1}: mã chỉ gồm chữ, số, gạch (tối đa 40 ký tự)."));
            }

            if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 300)
            {
                errors.Add(new($"criteria[{i}].name", $"Tiêu chí {i + 1}: cần tên (tối đa 300 ký tự)."));
            }

            if (c.Max is < 1 or > 100)
            {
                errors.Add(new($"criteria[{i}].max", $"Tiêu chí {i + 1}: điểm tối đa từ 1 đến 100."));
            }
        }

        if (Criteria.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count() != Criteria.Count)
        {
            errors.Add(new("criteria", "Mã tiêu chí bị trùng."));
        }

        if (errors.Count == 0 && MaxTotal != 100)
        {
            errors.Add(new("criteria", $"Tổng điểm tối đa phải là 100 (đang là {MaxTotal})."));
        }

        if (!(GoodFrom > FairFrom && FairFrom > AverageFrom && AverageFrom > 0 && GoodFrom <= 100))
        {
            errors.Add(new("bands", "Ngưỡng điểm phải giảm dần: Tốt > Khá > Trung bình > 0, và Tốt không quá 100."));
        }

        return errors;
    }
}

/// <summary>A saved version of the scoring sheet.</summary>
public sealed class MeetingSheet : Entity, IAudited
{
    public int Version { get; set; }
    public required string Definition { get; set; }
    public DateTime SavedAtUtc { get; set; }
    public string? SavedBy { get; set; }
}

/// <summary>
/// One period of branch meetings to score: a month (or a quarter, when the schedule is quarterly). Opened once per
/// period for every branch active on its first day, by the recurring job or by an admin.
/// </summary>
public sealed class MeetingPeriod : Entity, IAudited
{
    public int Year { get; set; }
    /// <summary>The first month of the period.</summary>
    public int Month { get; set; }
    /// <summary>1 (a month) or 3 (a quarter).</summary>
    public int Months { get; set; } = 1;
    public int SheetVersion { get; set; }
    public DateTime DueUtc { get; set; }
    public DateTime OpenedAtUtc { get; set; }
    public string? OpenedBy { get; set; }
    public int BranchCount { get; set; }

    public int Quarter => ((Month - 1) / 3) + 1;

    public string Label => MeetingText.Period(Year, Month, Months);
}

/// <summary>The score of one branch's meetings in one period: the sheet's points, the total, the grade, who did what.</summary>
public sealed class MeetingScore : Entity
{
    public Guid PeriodId { get; set; }
    public Guid UnitId { get; set; }
    public required string UnitName { get; set; }
    public required string UnitPath { get; set; }
    /// <summary>The committee that confirms: the grassroots committee of an affiliated branch, the committee above a grassroots branch.</summary>
    public Guid ConfirmerUnitId { get; set; }
    /// <summary>Points per criterion code, as JSON ({"preparation": 14, ...}).</summary>
    public string? Points { get; set; }
    public int? Total { get; set; }
    public MeetingLevel? Level { get; set; }
    public MeetingScoreStatus Status { get; set; }
    public string? Note { get; set; }
    public string? ReturnReason { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateTime? ConfirmedAtUtc { get; set; }
    /// <summary>Bumped by every change: a stale save is refused.</summary>
    public int Version { get; set; }
}
