namespace Workflow.Web.Common;

/// <summary>
/// The part of the organization tree the current caller may see: the subtree of the unit they are bound to.
/// It is the single place where data access is decided; <see cref="Data.AppDbContext"/> applies it as a global query
/// filter on units, members and users, so a page cannot forget it. Background work (no HTTP request) runs as the
/// system with the whole tree; an anonymous request sees nothing.
/// </summary>
public sealed class DataScope
{
    private DataScope(bool unrestricted, string? unitPath, Guid? memberId)
    {
        Unrestricted = unrestricted;
        UnitPath = unitPath;
        MemberId = memberId;
    }

    /// <summary>True for system work (jobs, start-up): no filter applies.</summary>
    public bool Unrestricted { get; }

    /// <summary>Materialized path prefix of the visible subtree; null means nothing is visible.</summary>
    public string? UnitPath { get; }

    /// <summary>For the Member role: the only member record they may see.</summary>
    public Guid? MemberId { get; }

    public static DataScope System { get; } = new(true, null, null);

    public static DataScope Nothing { get; } = new(false, null, null);

    public static DataScope Subtree(string unitPath, Guid? onlyMember = null) => new(false, unitPath, onlyMember);

    /// <summary>True when a unit with this path is inside the scope.</summary>
    public bool Covers(string unitPath) =>
        Unrestricted || (UnitPath is not null && unitPath.StartsWith(UnitPath, StringComparison.Ordinal));
}
