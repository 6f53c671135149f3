namespace Workflow.Web.Processes;

/// <summary>A pending timer start event of a process key (see Workflow.Engine.Ports.StartTimer).</summary>
public sealed class WfStartTimer
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionKey { get; set; }
    public required string ElementId { get; set; }
    public DateTime DueAtUtc { get; set; }
    public int Occurrence { get; set; }
    public bool IsCycle { get; set; }
    public int? RemainingRepetitions { get; set; }
    public double? PeriodSeconds { get; set; }
}
