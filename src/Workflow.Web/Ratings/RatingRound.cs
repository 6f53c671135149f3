namespace Workflow.Web.Ratings;

/// <summary>
/// One rating round (đợt đánh giá, xếp loại): a year, a rule set, a deciding unit, the subject types and the
/// calendar. Opening it creates one <see cref="RatingFile"/> and one workflow instance per subject.
/// </summary>
public sealed class RatingRound : Entity, IAudited
{
    public required string Name { get; set; }
    public int Year { get; set; }
    public Guid RuleSetId { get; set; }
    public RuleSet? RuleSet { get; set; }
    public Guid DecidingUnitId { get; set; }
    /// <summary>Materialized path of the deciding unit (the round is visible in that subtree and above).</summary>
    public string DecidingUnitPath { get; set; } = "";
    /// <summary>Comma-separated <see cref="SubjectType"/> names.</summary>
    public string SubjectTypes { get; set; } = "";
    public DateTime SelfAssessmentDueUtc { get; set; }
    public DateTime ReviewDueUtc { get; set; }
    public DateTime DecisionDueUtc { get; set; }
    /// <summary>Days after a decision during which a unit may file a complaint.</summary>
    public int ComplaintDays { get; set; } = 15;
    public string DefinitionKey { get; set; } = RatingWorkflow.ProcessKey;
    public RoundStatus Status { get; set; }
    public int SubjectCount { get; set; }
    public int OpenedCount { get; set; }
    public string? Error { get; set; }

    /// <summary>The opener at work (a token of its own) and until when its claim holds without a committed batch.</summary>
    public Guid? OpeningClaim { get; set; }
    public DateTime? OpeningLeaseUntilUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedBy { get; set; }

    // The round's own reminder policy (Reminders.ReminderPolicy.For); null parts take the defaults of appsettings.json.
    public string? ReminderBeforeDays { get; set; }
    public bool? ReminderOnDueDay { get; set; }
    public int? ReminderOverdueEveryDays { get; set; }
    public int? ReminderEscalateAfterDays { get; set; }


    public IReadOnlyList<SubjectType> Types =>
        SubjectTypes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<SubjectType>).ToList();
}
