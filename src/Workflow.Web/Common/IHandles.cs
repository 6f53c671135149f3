namespace Workflow.Web.Common;

/// <summary>A feature's reaction to an event of another feature: run after the unit of work that raised it has committed.</summary>
public interface IHandles<in TEvent>
    where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken ct);
}
