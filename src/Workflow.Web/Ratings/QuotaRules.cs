using System.Globalization;
using Workflow.Engine;

namespace Workflow.Web.Ratings;

/// <summary>
/// The quota of "hoàn thành xuất sắc nhiệm vụ" in a peer group (a share of those rated "hoàn thành tốt" or better):
/// beyond it a decision is refused, or allowed with a recorded reason, as the rule set says.
/// </summary>
public static class QuotaRules
{
    /// <summary>How far a group's levels exceed the quota (excellent beyond the maximum; 0 or less when within), and the maximum.</summary>
    public static (int Over, int Max) Over(RuleSetDefinition rules, IReadOnlyCollection<RatingLevel> levels)
    {
        var excellent = levels.Count(l => l == RatingLevel.Excellent);
        var max = rules.MaxExcellent(excellent, levels.Count(l => l == RatingLevel.Good));
        return (excellent - max, max);
    }

    /// <summary>
    /// A group decided at <paramref name="levels"/>: the maximum, and the over-quota reason to record (null when within).
    /// Over the quota, a rule set that refuses refuses; one that allows needs <paramref name="overQuotaReason"/>.
    /// </summary>
    public static (int Max, string? RecordedReason) Check(RuleSetDefinition rules, IReadOnlyCollection<RatingLevel> levels, string? overQuotaReason)
    {
        var (over, max) = Over(rules, levels);
        if (over <= 0)
        {
            return (max, null);
        }

        var excellent = levels.Count(l => l == RatingLevel.Excellent);
        return (max, Refuse($"Vượt tỷ lệ: chọn {excellent} hoàn thành xuất sắc nhiệm vụ, tối đa {max} ({Percent(rules)}% số hoàn thành tốt nhiệm vụ trở lên).",
            rules, overQuotaReason));
    }

    /// <summary>
    /// A re-decision changes one level in a decided group: it may not push the group further over the quota than it was
    /// (<paramref name="before"/> → <paramref name="after"/>) unless the rule set allows it with a reason.
    /// </summary>
    public static (int Max, string? RecordedReason) CheckChange(RuleSetDefinition rules, IReadOnlyCollection<RatingLevel> before,
        IReadOnlyCollection<RatingLevel> after, string? overQuotaReason)
    {
        var (overBefore, _) = Over(rules, before);
        var (overAfter, maxAfter) = Over(rules, after);
        if (overAfter <= 0 || overAfter <= overBefore)
        {
            return (maxAfter, null);
        }

        var excellentAfter = after.Count(l => l == RatingLevel.Excellent);
        return (maxAfter, Refuse(
            $"Vượt tỷ lệ: sau quyết định lại, nhóm có {excellentAfter} hoàn thành xuất sắc nhiệm vụ, tối đa {maxAfter} ({Percent(rules)}% số hoàn thành tốt nhiệm vụ trở lên).",
            rules, overQuotaReason));
    }

    private static string Refuse(Message message, RuleSetDefinition rules, string? overQuotaReason)
    {
        if (rules.Quota.OverQuota == OverQuotaPolicy.Refuse)
        {
            throw DomainException.Invalid(message, [new("quota", message)]);
        }

        return overQuotaReason
            ?? throw DomainException.Invalid($"{message} Cần ghi rõ lý do vượt tỷ lệ.", [new("overQuotaReason", "Cần nêu lý do vượt tỷ lệ.")]);
    }

    private static string Percent(RuleSetDefinition rules) => rules.Quota.Percent.ToString("0.##", CultureInfo.GetCultureInfo("vi-VN"));
}
