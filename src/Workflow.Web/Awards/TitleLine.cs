using Workflow.Engine;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>One title for one subject in a unit's yearly list: proposed by the council, granted when the head decides.</summary>
public sealed class TitleLine
{
    public Guid Id { get; set; } = Uuid7.New();
    public Guid RoundId { get; set; }
    public EmulationTitle Title { get; set; }
    /// <summary>Member for an individual title, organization for a collective one.</summary>
    public SubjectType SubjectType { get; set; }
    public Guid SubjectId { get; set; }
    public required string SubjectName { get; set; }
    public Guid UnitId { get; set; }
    public string UnitPath { get; set; } = "";
    public int Year { get; set; }
    public bool Granted { get; set; }
}
