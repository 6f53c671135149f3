namespace Workflow.Web.Ratings;

/// <summary>
/// The file of one subject in a round: its self-assessment, the reviews, the levels (self, suggested, proposed,
/// decided) and the caps that apply. Peer group = (round, deciding unit, subject type).
/// </summary>
public sealed class RatingFile : Entity
{
    public Guid RoundId { get; set; }
    public RatingRound? Round { get; set; }
    public SubjectType SubjectType { get; set; }
    /// <summary>The unit rated, or the unit of the member rated.</summary>
    public Guid SubjectUnitId { get; set; }
    public Guid? MemberId { get; set; }
    public required string SubjectName { get; set; }
    public string SearchName { get; set; } = "";
    /// <summary>Lists of files follow Vietnamese name order by this key (<see cref="VietnameseOrder"/>): people by given name.</summary>
    public string SortKey { get; set; } = "";
    /// <summary>Materialized path of the subject's unit: the data scope of the file.</summary>
    public string UnitPath { get; set; } = "";
    public Guid DecidingUnitId { get; set; }
    public MemberKind MemberKind { get; set; }
    public required string FormCode { get; set; }
    public Guid? InstanceId { get; set; }
    public FileStatus Status { get; set; }
    /// <summary>The self-assessment as JSON (<see cref="SelfAssessment"/>).</summary>
    public string? Content { get; set; }
    public RatingLevel? SelfLevel { get; set; }
    public RatingLevel? SuggestedLevel { get; set; }
    public decimal? Points { get; set; }
    public RatingLevel? ProposedLevel { get; set; }
    public string? ProposalReason { get; set; }
    public string? InspectionOpinion { get; set; }
    /// <summary>A formal conclusion of degradation recorded by the inspection committee.</summary>
    public bool Degradation { get; set; }
    /// <summary>Comma-separated <see cref="CapFact"/> names that hold for this subject.</summary>
    public string CapFacts { get; set; } = "";
    /// <summary>The best level the caps allow (null: no cap).</summary>
    public RatingLevel? CapLevel { get; set; }
    public RatingLevel? DecidedLevel { get; set; }
    public string? DecisionReason { get; set; }
    public Guid? DecisionId { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    /// <summary>Optimistic concurrency: bumped by every change.</summary>
    public int Version { get; set; }

    public IReadOnlySet<CapFact> Facts =>
        CapFacts.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<CapFact>).ToHashSet();

    public string BusinessKey => Id.ToString();
}
