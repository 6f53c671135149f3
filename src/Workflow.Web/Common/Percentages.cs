using System.Globalization;

namespace Workflow.Web.Common;

/// <summary>
/// Shares of a whole as percentages, each one correctly rounded to two decimals on its own (half away from zero):
/// 3/38 is 7,89%, as the seed reports print it. The shares need not add up to exactly 100 (7/38, 26/38, 5/38 give
/// 18,42 + 68,42 + 13,16 = 100,00, but 1/3 three times gives 99,99); no printed figure is forced off its true value
/// to make them.
/// </summary>
public static class Percentages
{
    /// <summary>Each count's share of <paramref name="total"/>, rounded to hundredths of a percent; all zero when the total is zero.</summary>
    public static decimal[] Of(int[] counts, int total) => counts.Select(c => Of(c, total)).ToArray();

    /// <summary>One count's share of <paramref name="total"/>, rounded to hundredths of a percent; zero when the total is zero.</summary>
    public static decimal Of(int count, int total) =>
        total == 0 ? 0m : Math.Round((decimal)count * 100 / total, 2, MidpointRounding.AwayFromZero);

    /// <summary>A percentage as the reports write it: up to two decimals, none when whole ("18,42", "80,8", "50").</summary>
    public static string Text(decimal percent, CultureInfo culture) => percent.ToString("0.##", culture);
}
