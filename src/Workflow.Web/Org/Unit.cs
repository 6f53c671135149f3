namespace Workflow.Web.Org;

/// <summary>
/// A party organization in the tree. Units are never deleted: closing sets <see cref="ValidTo"/>; moving changes the
/// parent and records a <see cref="UnitMove"/>. <see cref="Path"/> is the materialized path of ids ("/a/b/c/") so that
/// a subtree is one indexed prefix query; it is rewritten for the whole subtree when a unit moves.
/// </summary>
public sealed class Unit : Entity, IAudited
{
    public Guid? ParentId { get; set; }
    public Unit? Parent { get; set; }
    public UnitKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>Short code used in document numbers, e.g. "ĐUK".</summary>
    public string? Code { get; set; }
    /// <summary>The name folded to lower-case ASCII for diacritic-insensitive search.</summary>
    public string SearchName { get; set; } = "";
    public string Path { get; set; } = "";
    public int Depth { get; set; }
    public int SortOrder { get; set; }
    /// <summary>Whether the unit has its own elected committee (cấp ủy, chi ủy) rather than a secretary alone.</summary>
    public bool HasCommittee { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }

    public bool IsActiveOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || ValidTo >= day);

    /// <summary>Builds the materialized path of a child of <paramref name="parent"/> (or of a root).</summary>
    public static string PathUnder(Unit? parent, Guid id) => (parent?.Path ?? "/") + id.ToString("N") + "/";
}
