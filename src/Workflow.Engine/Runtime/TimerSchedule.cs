using Workflow.Engine.Expressions;
using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>When a timer definition first fires, and how it repeats. Shared by catching, boundary and start timers.</summary>
public sealed record TimerPlan(DateTimeOffset DueAt, bool IsCycle, int? RemainingRepetitions, TimeSpan? Period)
{
    /// <summary>
    /// Plans a timer whose ISO 8601 text is already evaluated (a cycle shorter than <paramref name="minCycle"/> is refused,
    /// as at deploy time for literal cycles). A date is absolute (read in <paramref name="zone"/> when it
    /// has no offset), a duration counts from <paramref name="now"/>, a cycle starts at its start date if that is still
    /// ahead, otherwise one period from now.
    /// </summary>
    public static TimerPlan Plan(TimerKind kind, string text, DateTimeOffset now, TimeZoneInfo zone, TimeSpan minCycle = default)
    {
        switch (kind)
        {
            case TimerKind.Date:
                return Iso8601.TryParseDate(text, zone, out var date)
                    ? new TimerPlan(date, false, null, null)
                    : throw new ExpressionException($"Hẹn giờ \"{text}\" không phải ngày giờ ISO 8601.");
            case TimerKind.Duration:
                return Iso8601.TryParseDuration(text, out var duration)
                    ? new TimerPlan(now + duration, false, null, null)
                    : throw new ExpressionException($"Hẹn giờ \"{text}\" không phải khoảng thời gian ISO 8601.");
            default:
                if (!Iso8601.TryParseCycle(text, zone, out var cycle))
                {
                    throw new ExpressionException($"Hẹn giờ \"{text}\" không phải chu kỳ ISO 8601.");
                }

                if (cycle.Period < minCycle)
                {
                    throw new ExpressionException($"Chu kỳ hẹn giờ \"{text}\" quá ngắn: tối thiểu {Iso8601.Describe(minCycle)} giữa hai lần.");
                }

                var due = cycle.Start is { } start && start > now ? start : now + cycle.Period;
                return new TimerPlan(due, true, cycle.Repetitions is { } n ? n - 1 : null, cycle.Period);
        }
    }

    /// <summary>The next occurrence of a cycle after one fired, or null when its repetitions are used up.</summary>
    public static TimerPlan? Next(DateTimeOffset firedDue, bool isCycle, int? remaining, TimeSpan? period) =>
        isCycle && remaining is not 0 && period is { } p
            ? new TimerPlan(firedDue + p, true, remaining - 1, p)
            : null;
}
