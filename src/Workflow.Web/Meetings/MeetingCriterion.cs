namespace Workflow.Web.Meetings;

/// <summary>One line of the province's scoring sheet: what is scored and its maximum.</summary>
public sealed record MeetingCriterion(string Code, string Name, int Max);
