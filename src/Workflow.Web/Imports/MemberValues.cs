using Workflow.Web.Org;

namespace Workflow.Web.Imports;

/// <summary>A member's values as a row gives them.</summary>
public sealed record MemberValues(Guid UnitId, string Name, string? Code, DateOnly Birth, bool Female, MemberStatus Status, DateOnly Joined, string? Position, string? Form)
{
    /// <summary>The name folded for search (computed once, when the row is read).</summary>
    public string? SearchName { get; init; }
}
