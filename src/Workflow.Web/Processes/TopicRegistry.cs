using Workflow.Engine.Ports;
namespace Workflow.Web.Processes;

/// <summary>
/// The topics the host runs itself (registered <see cref="ITopicHandler"/>s). Service tasks of these topics run as
/// Hangfire jobs and are never handed to external workers; every other topic waits for fetchAndLock.
/// </summary>
public sealed class TopicRegistry(IEnumerable<TopicRegistration> registrations)
{
    private readonly Dictionary<string, Type> _handlers = registrations.ToDictionary(r => r.Topic, r => r.HandlerType, StringComparer.Ordinal);

    public bool IsInProcess(string topic) => _handlers.ContainsKey(topic);

    public IReadOnlyCollection<string> Topics => _handlers.Keys;

    /// <summary>The handler type registered for an in-process topic.</summary>
    public Type HandlerType(string topic) => _handlers[topic];
}

/// <summary>Registered once per handler type so the registry knows topics without resolving scoped handlers.</summary>
public sealed record TopicRegistration(string Topic, Type HandlerType);
