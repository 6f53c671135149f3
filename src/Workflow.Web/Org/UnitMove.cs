namespace Workflow.Web.Org;

/// <summary>History of moves: a unit's parent changed on a date (the tree is reorganized, e.g. in 2025).</summary>
public sealed class UnitMove : Entity
{
    public Guid UnitId { get; set; }
    public Guid? FromParentId { get; set; }
    public Guid? ToParentId { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    public string? RecordedBy { get; set; }
}
