namespace Workflow.Web.Org;

/// <summary>A party member (đảng viên) belonging to one unit.</summary>
public sealed class PartyMember : Entity, IAudited
{
    public Guid UnitId { get; set; }
    public Unit? Unit { get; set; }
    public required string FullName { get; set; }
    /// <summary>A stable code from the province's records (mã đảng viên, số thẻ), unique when present; imports match by it.</summary>
    public string? Code { get; set; }
    /// <summary>The self-assessment form set by the records ("2A", "2B", "2C"); when empty it follows from the position.</summary>
    public string? Form { get; set; }
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
