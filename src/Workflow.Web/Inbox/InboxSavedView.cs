using Workflow.Engine;

namespace Workflow.Web.Inbox;

/// <summary>A filter a user saved under a name; <see cref="Query"/> is the filter's query string.</summary>
public sealed class InboxSavedView
{
    public Guid Id { get; set; } = Uuid7.New();
    public required string UserName { get; set; }
    public required string Name { get; set; }
    public required string Query { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
