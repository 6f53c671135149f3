namespace Workflow.Web.Awards;

/// <summary>
/// A unit's yearly emulation titles (danh hiệu thi đua): its emulation council prepares the list, the council's head
/// decides it in one Quyết định công nhận danh hiệu thi đua, within the rules (<see cref="EmulationTitleRules"/>).
/// </summary>
public sealed class TitleRound : Entity, IAudited
{
    public Guid UnitId { get; set; }
    public string UnitPath { get; set; } = "";
    public required string UnitName { get; set; }
    public int Year { get; set; }
    public bool Decided { get; set; }
    public string? Number { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? SignerName { get; set; }
    public string? SignerTitle { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>Loaded from a sheet of prior years' results (decided outside the product).</summary>
    public bool Imported { get; set; }
    public string? CreatedBy { get; set; }
    public int Version { get; set; }
}
