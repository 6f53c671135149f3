namespace Workflow.Web.Ratings;

/// <summary>The branch meeting that discussed the self-assessment: date, attendance and the vote on the proposal.</summary>
public sealed record MeetingRecord(DateOnly? Date, int? MembersTotal, int? MembersPresent, int? VotesFor);
