using Workflow.Engine;


namespace Workflow.Web.Audit;

/// <summary>
/// One append-only row per create/update/delete of audited data: who, when, what, and the values before and after.
/// The database refuses UPDATE and DELETE on this table (triggers in the migrations).
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Uuid7.New();
    public DateTime AtUtc { get; set; }
    public Guid? ActorId { get; set; }
    public required string ActorName { get; set; }
    public AuditAction Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    /// <summary>A human-readable label of the row (unit name, member name...).</summary>
    public string? Label { get; set; }
    /// <summary>JSON of the changed properties before the change (null for a create).</summary>
    public string? Before { get; set; }
    /// <summary>JSON of the changed properties after the change (null for a delete).</summary>
    public string? After { get; set; }
}
