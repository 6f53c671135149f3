using Workflow.Engine;

namespace Workflow.Web.Ratings;

/// <summary>One entry of a file's timeline: who did what, when, with which level and text.</summary>
public sealed class FileEvent
{
    public Guid Id { get; set; } = Uuid7.New();
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
