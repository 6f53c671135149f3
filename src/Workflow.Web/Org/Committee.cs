namespace Workflow.Web.Org;

/// <summary>A committee inside a unit (Ban Thường vụ, Ban Tổ chức, Ủy ban Kiểm tra).</summary>
public sealed class Committee : Entity, IAudited
{
    public Guid UnitId { get; set; }
    public Unit? Unit { get; set; }
    public CommitteeKind Kind { get; set; }
    public required string Name { get; set; }
}
