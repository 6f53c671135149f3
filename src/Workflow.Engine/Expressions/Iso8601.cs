using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflow.Engine.Expressions;

/// <summary>A repeating interval "R[n]/[start/]duration"; <see cref="Repetitions"/> is null for "R/..." (unbounded).</summary>
public sealed record TimerCycle(int? Repetitions, DateTimeOffset? Start, TimeSpan Period);

/// <summary>
/// ISO 8601 as BPMN timers use it: durations (P1DT2H, P2W), date-times (2026-12-15T17:00:00+07:00) and repeating
/// intervals (R3/PT24H, R/2026-12-01T08:00:00+07:00/P1D). Calendar units are fixed lengths (a month is 30 days, a
/// year 365) because a timer needs a span, not a calendar walk; the reminder patterns use days and hours.
/// </summary>
public static partial class Iso8601
{
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var m = DurationPattern().Match(text.Trim());
        if (!m.Success || m.Groups.Cast<Group>().Skip(1).All(g => !g.Success))
        {
            return false;
        }

        double Part(string name) => m.Groups[name].Success
            ? double.Parse(m.Groups[name].Value.Replace(',', '.'), CultureInfo.InvariantCulture)
            : 0;

        var days = (Part("y") * 365) + (Part("mo") * 30) + (Part("w") * 7) + Part("d");
        var seconds = (Part("h") * 3600) + (Part("mi") * 60) + Part("s");
        if (text.Contains('T', StringComparison.Ordinal) && m.Groups["h"].Success is false && m.Groups["mi"].Success is false && m.Groups["s"].Success is false)
        {
            return false; // "P1DT" has a time designator with nothing after it
        }

        try
        {
            duration = TimeSpan.FromDays(days) + TimeSpan.FromSeconds(seconds);
        }
        catch (OverflowException)
        {
            return false;
        }

        return duration > TimeSpan.Zero;
    }

    /// <summary>Parses a date-time; one without an offset is read in <paramref name="zone"/>.</summary>
    public static bool TryParseDate(string text, TimeZoneInfo zone, out DateTimeOffset value)
    {
        text = text.Trim();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            && (text.EndsWith('Z') || OffsetPattern().IsMatch(text)))
        {
            return true;
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && text.Contains('-', StringComparison.Ordinal))
        {
            var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            value = new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
            return true;
        }

        return false;
    }

    /// <summary>A period in Vietnamese words for messages ("1 phút", "30 giây").</summary>
    public static string Describe(TimeSpan period) =>
        period.TotalMinutes >= 1 && period.TotalMinutes == Math.Floor(period.TotalMinutes)
            ? $"{period.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} phút"
            : $"{period.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} giây";

    public static bool TryParseCycle(string text, TimeZoneInfo zone, out TimerCycle cycle)
    {
        cycle = null!;
        var parts = text.Trim().Split('/');
        if (parts.Length is < 2 or > 3 || !parts[0].StartsWith('R'))
        {
            return false;
        }

        int? repetitions = null;
        if (parts[0].Length > 1)
        {
            if (!int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                return false;
            }

            repetitions = n;
        }

        DateTimeOffset? start = null;
        if (parts.Length == 3)
        {
            if (!TryParseDate(parts[1], zone, out var s))
            {
                return false;
            }

            start = s;
        }

        if (!TryParseDuration(parts[^1], out var period))
        {
            return false;
        }

        cycle = new TimerCycle(repetitions, start, period);
        return true;
    }

    [GeneratedRegex(@"^P(?:(?<y>\d+(?:[.,]\d+)?)Y)?(?:(?<mo>\d+(?:[.,]\d+)?)M)?(?:(?<w>\d+(?:[.,]\d+)?)W)?(?:(?<d>\d+(?:[.,]\d+)?)D)?(?:T(?:(?<h>\d+(?:[.,]\d+)?)H)?(?:(?<mi>\d+(?:[.,]\d+)?)M)?(?:(?<s>\d+(?:[.,]\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"[+-]\d\d:?\d\d$")]
    private static partial Regex OffsetPattern();
}
