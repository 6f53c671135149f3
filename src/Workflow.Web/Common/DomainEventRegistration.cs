namespace Workflow.Web.Common;

public static class DomainEventRegistration
{
    /// <summary>Registers a feature's handler of an event (scoped, like the unit of work that raised it).</summary>
    public static IServiceCollection AddHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IDomainEvent
        where THandler : class, IHandles<TEvent> =>
        services.AddScoped<IHandles<TEvent>, THandler>();
}
