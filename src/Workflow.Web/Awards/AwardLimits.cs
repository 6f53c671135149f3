using Workflow.Engine;

namespace Workflow.Web.Awards;

/// <summary>
/// The limit of an award kind in one group (collectives or individuals of one round): at most a number, at most a
/// share of the group's eligible candidates (rounded down: 20% of 11 is 2), whichever is smaller; none when the kind
/// sets neither. Refusals name the kind, the group and the numbers.
/// </summary>
public static class AwardLimits
{
    /// <summary>The most that may be selected from <paramref name="candidates"/> eligible subjects; null for no limit.</summary>
    public static int? Max(int? limitCount, decimal? limitPercent, int candidates)
    {
        int? byShare = limitPercent is { } percent ? (int)Math.Floor(percent * candidates / 100m) : null;
        return (limitCount, byShare) switch
        {
            (null, null) => null,
            ({ } count, null) => count,
            (null, { } share) => share,
            ({ } count, { } share) => Math.Min(count, share),
        };
    }

    /// <summary>How the limit reads: "tối đa 2 (20% của 11 đối tượng đủ điều kiện)".</summary>
    public static Message Describe(int? limitCount, decimal? limitPercent, int candidates)
    {
        var max = Max(limitCount, limitPercent, candidates);
        if (max is null)
        {
            return "không giới hạn";
        }

        var percent = limitPercent ?? 0m;
        return (limitCount, limitPercent) switch
        {
            ({ } count, not null) => (Message)$"tối đa {max} (không quá {count} và không quá {percent:0.##}% của {candidates} đối tượng đủ điều kiện)",
            (not null, null) => (Message)$"tối đa {max}",
            _ => (Message)$"tối đa {max} ({percent:0.##}% của {candidates} đối tượng đủ điều kiện)",
        };
    }

    /// <summary>The refusal when <paramref name="selected"/> exceeds the limit, or null when it fits.</summary>
    public static Message? Exceeded(string kindName, bool individuals, int selected, int? limitCount, decimal? limitPercent, int candidates)
    {
        var max = Max(limitCount, limitPercent, candidates);
        if (max is null || selected <= max)
        {
            return null;
        }

        Message group = individuals ? "cá nhân" : "tập thể";
        return $"{kindName} ({group}): đã chọn {selected}, {Describe(limitCount, limitPercent, candidates)}.";
    }
}
