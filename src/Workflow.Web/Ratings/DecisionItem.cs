using Workflow.Engine;

namespace Workflow.Web.Ratings;

public sealed class DecisionItem
{
    public Guid Id { get; set; } = Uuid7.New();
    public Guid DecisionId { get; set; }
    public Guid FileId { get; set; }
    public int Order { get; set; }
    public RatingLevel Level { get; set; }
    public string? Reason { get; set; }

    /// <summary>Whether the committee marked the reason for publication: only then is it printed in the Decision's "Ghi chú" column.</summary>
    public bool ReasonPublished { get; set; }
}
