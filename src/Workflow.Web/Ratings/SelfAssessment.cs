namespace Workflow.Web.Ratings;

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
