using Workflow.Web.Data;

namespace Workflow.Web.Ratings;

public enum RoundStatus
{
    /// <summary>Created; its files and workflow instances are being created in batches.</summary>
    Opening = 0,
    Open = 1,
    /// <summary>Opening stopped on an error (shown on the page); running it again resumes.</summary>
    Failed = 2,
}

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

public enum FileStatus
{
    /// <summary>Opened, nothing entered yet.</summary>
    Opened = 0,
    Draft = 1,
    Submitted = 2,
    /// <summary>Returned by the organization board for revision.</summary>
    Returned = 3,
    /// <summary>Reviewed: a level is proposed and the standing committee may decide.</summary>
    Proposed = 4,
    Decided = 5,
    /// <summary>A complaint was filed after the decision.</summary>
    Complained = 6,
}

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

public enum FileEventKind
{
    Opened = 0,
    DraftSaved = 1,
    Submitted = 2,
    Returned = 3,
    Proposed = 4,
    InspectionOpinion = 5,
    DisciplineRecorded = 6,
    Decided = 7,
    ComplaintFiled = 8,
    Reverified = 9,
    Redecided = 10,
    EvidenceAdded = 11,
    Comment = 12,
    EvidenceRemoved = 13,
}

/// <summary>One entry of a file's timeline: who did what, when, with which level and text.</summary>
public sealed class FileEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FileId { get; set; }
    public DateTime AtUtc { get; set; }
    public required string Actor { get; set; }
    public string? ActorName { get; set; }
    public FileEventKind Kind { get; set; }
    public RatingLevel? Level { get; set; }
    public string? Text { get; set; }
    /// <summary>For a submission: the self-assessment as submitted (the history kept across returns).</summary>
    public string? Snapshot { get; set; }
}

public enum DisciplineForm
{
    /// <summary>Khiển trách.</summary>
    Reprimand = 0,
    /// <summary>Cảnh cáo.</summary>
    Warning = 1,
    /// <summary>Cách chức.</summary>
    Dismissal = 2,
    /// <summary>Khai trừ (members) / giải tán (organizations).</summary>
    Expulsion = 3,
}

/// <summary>A discipline recorded by the inspection committee, against a member or an organization, in a year.</summary>
public sealed class Discipline : Entity, IAudited
{
    public Guid? MemberId { get; set; }
    /// <summary>The disciplined organization, or the unit of the disciplined member.</summary>
    public Guid UnitId { get; set; }
    public string UnitPath { get; set; } = "";
    public int Year { get; set; }
    public DisciplineForm Form { get; set; }
    public DateOnly DecidedOn { get; set; }
    /// <summary>Self-discovered, reported and its consequences remedied: does not cap a member's level.</summary>
    public bool SelfRemedied { get; set; }
    /// <summary>The member held a leadership position (counts against the collective).</summary>
    public bool IsLeader { get; set; }
    public string? Note { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    public string? RecordedBy { get; set; }
}

/// <summary>
/// A formal conclusion of degradation ("suy thoái") about one subject for a year, recorded by the inspection committee.
/// Like a discipline it is a fact of the year: it caps every open file of that subject in that year, in every round.
/// </summary>
public sealed class DegradationConclusion : Entity, IAudited
{
    public int Year { get; set; }
    public SubjectType SubjectType { get; set; }
    /// <summary>The organization concluded about, or the unit of the member.</summary>
    public Guid UnitId { get; set; }
    public Guid? MemberId { get; set; }
    public string UnitPath { get; set; } = "";
    /// <summary>The file whose inspection opinion recorded it.</summary>
    public Guid FileId { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    public string? RecordedBy { get; set; }
}

/// <summary>A Decision (Quyết định công nhận xếp loại chất lượng) for one peer group, or an amendment of one.</summary>
public sealed class Decision : Entity, IAudited
{
    public Guid RoundId { get; set; }
    public Guid DecidingUnitId { get; set; }
    public SubjectType SubjectType { get; set; }
    /// <summary>"125-QĐ/ĐUK".</summary>
    public required string Number { get; set; }
    public DateOnly DecidedOn { get; set; }
    public required string SignerName { get; set; }
    public required string SignerTitle { get; set; }
    public Guid? AmendsDecisionId { get; set; }
    public string? OverQuotaReason { get; set; }
    public int MaxExcellent { get; set; }
    /// <summary>When the certificates this decision earns were issued (null: the issuing job has not finished yet).</summary>
    public DateTime? CertificatesIssuedAtUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedBy { get; set; }
}

public sealed class DecisionItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DecisionId { get; set; }
    public Guid FileId { get; set; }
    public int Order { get; set; }
    public RatingLevel Level { get; set; }
    public string? Reason { get; set; }
}

/// <summary>The self-assessment a unit (or member) fills in; stored as JSON on the file.</summary>
public sealed record SelfAssessment
{
    public Dictionary<string, string> Criteria { get; init; } = [];
    public decimal? OnTimePercent { get; init; }
    public decimal? ExceedingPercent { get; init; }
    public string? Achievements { get; init; }
    public string? Shortcomings { get; init; }
    public MeetingRecord? Meeting { get; init; }
    /// <summary>For a member: the branch meeting's comment on the member's self-assessment.</summary>
    public string? BranchComment { get; init; }
    /// <summary>The level the subject proposes for itself (code, e.g. "HTTNV").</summary>
    public string? ProposedLevel { get; init; }

    public Answers ToAnswers() => new(Criteria, OnTimePercent, ExceedingPercent);
}

/// <summary>The branch meeting that discussed the self-assessment: date, attendance and the vote on the proposal.</summary>
public sealed record MeetingRecord(DateOnly? Date, int? MembersTotal, int? MembersPresent, int? VotesFor);
