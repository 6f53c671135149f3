using System.Globalization;

namespace Workflow.Web.Ratings;

/// <summary>
/// Whether a level chosen by a reviewer or the standing committee may stand: a known code, not above the subject's cap
/// (disciplines, degradation, …), not above the answers' band when the rule set makes bands limits, and with a reason
/// when it differs from the level it was chosen against.
/// </summary>
public static class LevelRules
{
    /// <summary>The level <paramref name="code"/> names, or a <see cref="DomainException"/> that says why it may not stand.</summary>
    public static RatingLevel Check(RatingFile file, string? code, string? reason, RatingLevel? reference, string referenceName, string field = "level",
        RatingLevel? bandLimit = null)
    {
        var level = RatingText.ParseLevel(code)
            ?? throw DomainException.Invalid($"Mức \"{code}\" không hợp lệ (HTXSNV, HTTNV, HTNV hoặc KHTNV).", [new(field, "Chưa chọn mức hợp lệ.")]);
        if (file.CapLevel is { } cap && level < cap)
        {
            throw DomainException.Invalid($"{file.SubjectName}: mức {RatingText.Code(level)} không được phép theo bộ quy tắc (tối đa {RatingText.Code(cap)}).",
                [new(field, $"Tối đa {RatingText.Code(cap)}.")]);
        }

        if (bandLimit is { } band && level < band)
        {
            var points = file.Points is { } p ? $"{p.ToString("0.##", CultureInfo.GetCultureInfo("vi-VN"))} điểm" : "kết quả tự đánh giá";
            throw DomainException.Invalid(
                $"{file.SubjectName}: mức {RatingText.Code(level)} vượt ngưỡng của {points} (tối đa {RatingText.Code(band)}); theo bộ quy tắc, ngưỡng điểm và điều kiện hoàn thành xuất sắc là giới hạn, lý do không thay được.",
                [new(field, $"Tối đa {RatingText.Code(band)} theo ngưỡng điểm.")]);
        }

        if (reference is { } r && r != level && string.IsNullOrWhiteSpace(reason))
        {
            throw DomainException.Invalid($"{file.SubjectName}: mức {RatingText.Code(level)} khác {referenceName} ({RatingText.Code(r)}), cần nêu lý do.",
                [new("reason", "Cần nêu lý do khi chọn mức khác.")]);
        }

        return level;
    }

    /// <summary>The best level the answers' band allows, when the rule set makes bands limits (366-QĐ/TW); otherwise none.</summary>
    public static RatingLevel? BandLimit(RuleSetDefinition rules, RatingFile file) => rules.BandsLimit ? file.SuggestedLevel : null;
}
