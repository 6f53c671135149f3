using Workflow.Web.Org;

namespace Workflow.Web.Imports;

/// <summary>A unit as the import matches it.</summary>
public sealed class UnitEntry
{
    public Guid Id { get; init; }
    public Guid? ParentId { get; init; }
    public required string Name { get; set; }
    public string? Code { get; set; }
    public required string Path { get; init; }
    public int Depth { get; init; }
    public UnitKind Kind { get; set; }
    public bool HasCommittee { get; set; }
}
