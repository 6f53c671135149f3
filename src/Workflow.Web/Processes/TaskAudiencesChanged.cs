namespace Workflow.Web.Processes;

/// <summary>
/// The open tasks of some instances changed (created, claimed, completed, cancelled): these are the principals of their
/// audiences, before and after. Raised by the store with every write, dispatched after the commit.
/// </summary>
public sealed record TaskAudiencesChanged(IReadOnlyCollection<string> Principals) : IDomainEvent;
