
namespace Workflow.Web.Common;

/// <summary>
/// How features talk without calling each other: a command raises events while it works; they are handed to every
/// registered <see cref="IHandles{TEvent}"/> once its changes are committed (the database interceptor calls
/// <see cref="DispatchAsync"/> after a commit, or after a save made without a transaction) and dropped if they roll
/// back. Handlers run in a scope of their own (their own unit of work and database context, as the system), so the
/// command's context is left as it was; what they raise is dispatched the same way. A handler that fails is logged and
/// never undoes what was committed (what must not be lost has its own recovery at start).
/// </summary>
public sealed class DomainEvents(IServiceScopeFactory scopes, ILogger<DomainEvents> logger)
{
    private readonly List<IDomainEvent> _pending = [];
    private bool _dispatching;

    public void Raise(IDomainEvent domainEvent) => _pending.Add(domainEvent);

    /// <summary>The unit of work rolled back: what it raised did not happen.</summary>
    public void Discard()
    {
        if (!_dispatching)
        {
            _pending.Clear();
        }
    }

    public async Task DispatchAsync(CancellationToken ct = default)
    {
        if (_dispatching || _pending.Count == 0)
        {
            return; // already dispatching in this scope: the loop below takes what was added
        }

        _dispatching = true;
        try
        {
            while (_pending.Count > 0)
            {
                var batch = _pending.ToList();
                _pending.Clear();
                await using var scope = scopes.CreateAsyncScope();
                foreach (var domainEvent in batch)
                {
                    var handlerType = typeof(IHandles<>).MakeGenericType(domainEvent.GetType());
                    var handle = handlerType.GetMethod(nameof(IHandles<IDomainEvent>.HandleAsync))!;
                    foreach (var handler in scope.ServiceProvider.GetServices(handlerType))
                    {
                        try
                        {
                            await (Task)handle.Invoke(handler, [domainEvent, ct])!;
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            logger.LogError(ex, "Handling {Event} in {Handler} failed after its change was committed", domainEvent.GetType().Name, handler!.GetType().Name);
                        }
                    }
                }
            }
        }
        finally
        {
            _dispatching = false;
        }
    }
}
