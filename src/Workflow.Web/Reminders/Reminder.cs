using Workflow.Engine;
using Workflow.Web.Ratings;
namespace Workflow.Web.Reminders;

/// <summary>
/// One reminder given: who, which task, which rule ("before-3", "due", "overdue-2", "escalate"). The key (task, rule,
/// user) is unique, so a scan that runs twice, or on two nodes at once, gives nobody the same reminder twice.
/// </summary>
public sealed class Reminder
{
    public Guid Id { get; set; } = Uuid7.New();
    public Guid TaskId { get; set; }
    public Guid InstanceId { get; set; }
    public required string Rule { get; set; }
    /// <summary>The Vietnam date the rule was for, as yyyymmdd (a task gets at most one rule a day, plus one escalation).</summary>
    public int Day { get; set; }
    public required string UserName { get; set; }
    public bool Escalation { get; set; }
    public DateTime DueAtUtc { get; set; }
    public string TaskName { get; set; } = "";
    public string SubjectName { get; set; } = "";
    public Guid ScanId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public ReminderEmail Email { get; set; }
}

/// <summary>
/// When reminders are given for a deadline: some days before, on the day, every N days once overdue, and an
/// escalation to the superior's organization board after some days overdue (0 turns a part off).
/// </summary>
public sealed record ReminderPolicy(IReadOnlyList<int> BeforeDays, bool OnDueDay, int OverdueEveryDays, int EscalateAfterDays)
{
    public const string Escalate = "escalate";

    public static ReminderPolicy Default { get; } = new([3, 1], true, 1, 3);

    /// <summary>"3,1" → [3, 1]; refuses anything that is not a list of whole days from 1 to 60.</summary>
    public static bool TryParseDays(string? text, out IReadOnlyList<int> days)
    {
        var list = new List<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) || d is < 1 or > 60)
            {
                days = [];
                return false;
            }

            list.Add(d);
        }

        days = list.Distinct().OrderByDescending(d => d).ToList();
        return true;
    }

    public string BeforeText => string.Join(',', BeforeDays);

    public int MaxBefore => BeforeDays.Count == 0 ? 0 : BeforeDays.Max();

    /// <summary>
    /// The rule for a deadline <paramref name="daysLeft"/> days away (negative: overdue) on the scan's day, and whether
    /// it is time to escalate.
    /// </summary>
    public (string? Rule, bool Escalate) Evaluate(int daysLeft)
    {
        if (daysLeft > 0)
        {
            return (BeforeDays.Contains(daysLeft) ? $"before-{daysLeft}" : null, false);
        }

        if (daysLeft == 0)
        {
            return (OnDueDay ? "due" : null, false);
        }

        var late = -daysLeft;
        var rule = OverdueEveryDays > 0 && late % OverdueEveryDays == 0 ? $"overdue-{late}" : null;
        return (rule, EscalateAfterDays > 0 && late >= EscalateAfterDays);
    }

    /// <summary>The round's own policy: the parts it sets, the <paramref name="defaults"/> (appsettings.json) for the rest.</summary>
    public static ReminderPolicy For(RatingRound round, ReminderPolicy defaults) => new(
        TryParseDays(round.ReminderBeforeDays, out var days) && round.ReminderBeforeDays is not null ? days : defaults.BeforeDays,
        round.ReminderOnDueDay ?? defaults.OnDueDay,
        round.ReminderOverdueEveryDays ?? defaults.OverdueEveryDays,
        round.ReminderEscalateAfterDays ?? defaults.EscalateAfterDays);
}
