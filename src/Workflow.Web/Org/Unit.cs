using Workflow.Web.Data;

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
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }

    public bool IsActiveOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || ValidTo >= day);

    /// <summary>Builds the materialized path of a child of <paramref name="parent"/> (or of a root).</summary>
    public static string PathUnder(Unit? parent, Guid id) => (parent?.Path ?? "/") + id.ToString("N") + "/";
}

/// <summary>A committee inside a unit (Ban Thường vụ, Ban Tổ chức, Ủy ban Kiểm tra).</summary>
public sealed class Committee : Entity, IAudited
{
    public Guid UnitId { get; set; }
    public Unit? Unit { get; set; }
    public CommitteeKind Kind { get; set; }
    public required string Name { get; set; }
}

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

/// <summary>A party member (đảng viên) belonging to one unit.</summary>
public sealed class PartyMember : Entity, IAudited
{
    public Guid UnitId { get; set; }
    public Unit? Unit { get; set; }
    public required string FullName { get; set; }
    public string SearchName { get; set; } = "";
    public DateOnly DateOfBirth { get; set; }
    public bool IsFemale { get; set; }
    public MemberStatus Status { get; set; }
    public DateOnly JoinedOn { get; set; }
    /// <summary>Position in their agency (chức vụ), free text.</summary>
    public string? Position { get; set; }
    /// <summary>Works in the political system (cán bộ, công chức, viên chức): decides the self-assessment form later.</summary>
    public bool WorksInPoliticalSystem { get; set; }
    /// <summary>Exempt from party activity (miễn sinh hoạt đảng).</summary>
    public bool ExemptFromActivity { get; set; }
    /// <summary>Set when the member left the unit (transfer, death, removal); records are never deleted.</summary>
    public DateOnly? LeftOn { get; set; }
}
