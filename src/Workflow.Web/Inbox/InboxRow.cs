using Workflow.Web.Ratings;

namespace Workflow.Web.Inbox;

/// <summary>One task as a row of the inbox, with its subject's file when it has one.</summary>
public sealed class InboxRow
{
    public Guid TaskId { get; set; }
    public Guid InstanceId { get; set; }
    public string ElementId { get; set; } = "";
    public string? TaskName { get; set; }
    public string? Assignee { get; set; }
    public string? Owner { get; set; }
    public string? DelegationState { get; set; }
    public string? FormKey { get; set; }
    public string DefinitionId { get; set; } = "";
    public string DefinitionKey { get; set; } = "";
    public string? BusinessKey { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? DueAtUtc { get; set; }
    public Guid? FileId { get; set; }
    public string? Subject { get; set; }
    public string? SearchName { get; set; }
    public string? UnitPath { get; set; }
    public Guid? RoundId { get; set; }
    public string? RoundName { get; set; }
    public RatingLevel? SelfLevel { get; set; }
    public RatingLevel? Suggested { get; set; }
    public RatingLevel? Proposed { get; set; }
    public int? FileVersion { get; set; }
}
