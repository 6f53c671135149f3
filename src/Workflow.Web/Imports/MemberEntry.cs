namespace Workflow.Web.Imports;

/// <summary>A member as the import matches it.</summary>
public sealed class MemberEntry
{
    public Guid Id { get; init; }
    public Guid UnitId { get; set; }
    public required string Name { get; set; }
    public string? Code { get; set; }
    public DateOnly Birth { get; set; }
}
