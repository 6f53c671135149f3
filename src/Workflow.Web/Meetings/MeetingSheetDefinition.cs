using System.Text.Json;

namespace Workflow.Web.Meetings;

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
