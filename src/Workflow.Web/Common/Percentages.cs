namespace Workflow.Web.Common;

/// <summary>
/// Shares of a whole as percentages to two decimals that always sum to exactly 100 (largest remainder), so a report
/// computed here never shows the kind of slip seen in seed 004 (shares that add up to 100.01).
/// </summary>
public static class Percentages
{
    /// <summary>
    /// Each count's share of <paramref name="total"/>; all zero when the total is zero. The hundredths lost by rounding
    /// down go one each to the largest remainders (ties to the earlier count).
    /// </summary>
    public static decimal[] Of(int[] counts, int total)
    {
        if (total == 0)
        {
            return new decimal[counts.Length];
        }

        const int Scale = 10_000; // hundredths of a percent
        var exact = counts.Select(c => (decimal)c * Scale / total).ToArray();
        var floors = exact.Select(Math.Floor).ToArray();
        var missing = Scale - (int)floors.Sum();
        foreach (var i in Enumerable.Range(0, counts.Length).OrderByDescending(i => exact[i] - floors[i]).ThenBy(i => i).Take(missing))
        {
            floors[i] += 1;
        }

        return floors.Select(f => f / 100m).ToArray();
    }
}
