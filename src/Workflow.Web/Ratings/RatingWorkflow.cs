namespace Workflow.Web.Ratings;

/// <summary>
/// What the domain knows of the rating BPMN (workflows/rating-subject.bpmn): the process key, the elements it acts
/// on and the messages it sends. Any other user task in an edited version is handled generically (approve, return,
/// comment), so adding a step is a BPMN edit, not a code change.
/// </summary>
public static class RatingWorkflow
{
    public const string ProcessKey = "rating-subject";
    public const string SelfAssessment = "selfAssessment";
    public const string BoardReview = "boardReview";
    public const string InspectionOpinion = "inspectionOpinion";
    public const string AwaitDecision = "awaitDecision";
    public const string Reverify = "reverify";
    public const string Redecide = "redecide";
    public const string DecidedMessage = "rating.decided";
    public const string ComplaintMessage = "rating.complaint";

    public static readonly IReadOnlySet<string> KnownTasks = new HashSet<string> { SelfAssessment, BoardReview, InspectionOpinion, Reverify, Redecide };

    /// <summary>
    /// The variables the product writes on a rating instance: who holds each step (routing), the deadlines, and the
    /// outcomes of its commands. Nobody else writes them: not /engine-rest, not a task form, not a worker.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedVariables = new HashSet<string>
    {
        "subjectUnitId", "decidingUnitId", "superiorUnitId", "selfAssessors", "selfAssessmentDue", "reviewDue", "selfLevel", "suggestedLevel",
        "boardAction", "returnReason", "proposedLevel", "inspectionOpinion", "degradation", "decidedLevel", "decisionNumber", "complaintDeadline",
        "complaintReason", "reverifiedLevel",
    };
}

/// <summary>A file went back to its self-assessment step (a return took effect): whoever holds that step should hear why.</summary>
public sealed record FileReturned(Guid FileId, Guid InstanceId, string SubjectName, string? Reason) : IDomainEvent;

/// <summary>A Decision (or an amended one) was issued: what it earns (certificates, awards) follows from here.</summary>
public sealed record DecisionPublished(Guid DecisionId, string Number, string Actor) : IDomainEvent;
