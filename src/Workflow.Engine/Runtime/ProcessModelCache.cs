using System.Collections.Concurrent;
using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Parsed models by definition id. A deployed definition never changes, so one cache serves every engine instance in
/// the process (the host creates an engine per request scope, and must not parse XML per command).
/// </summary>
public sealed class ProcessModelCache
{
    private readonly ConcurrentDictionary<string, ProcessModel> _models = new();

    public bool TryGet(string definitionId, out ProcessModel model) => _models.TryGetValue(definitionId, out model!);

    public ProcessModel GetOrAdd(string definitionId, Func<string, ProcessModel> parse) => _models.GetOrAdd(definitionId, parse);

    public void Set(string definitionId, ProcessModel model) => _models[definitionId] = model;
}
