using Workflow.Engine.Bpmn;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
namespace Workflow.Web.Processes;

/// <summary>
/// A process the product drives with its own commands (the rating of a subject, the publication of a decision): its
/// BPMN carries <c>&lt;camunda:property name="productDriven" value="true"/&gt;</c>, and the feature that drives it
/// registers it here with the variables it alone writes and the page where its steps are done.
/// </summary>
/// <param name="Key">The process key.</param>
/// <param name="ReservedVariables">Variables only the product's commands (or an Admin's audited edit) may write.</param>
/// <param name="CommandSteps">User tasks that only the product's own forms complete (any other step is generic).</param>
/// <param name="PageFor">The page to use for an instance, from its business key.</param>
public sealed record ProductProcess(string Key, IReadOnlySet<string> ReservedVariables, IReadOnlySet<string> CommandSteps, Func<string?, string> PageFor);

/// <summary>
/// Which processes the product drives, and what that forbids: their tasks are completed and their variables written
/// only through the product's commands, never through /engine-rest (for everyone, Admin included); variables that
/// route work are never written by a task holder; a new version keeps the marker.
/// </summary>
public sealed class ProductProcesses(IEnumerable<ProductProcess> registered)
{
    public const string MarkerProperty = "productDriven";

    private readonly Dictionary<string, ProductProcess> _byKey = registered.ToDictionary(p => p.Key, StringComparer.Ordinal);

    /// <summary>Every variable some product process reserves.</summary>
    public IReadOnlySet<string> AllReservedVariables => field ??= _byKey.Values.SelectMany(p => p.ReservedVariables).ToHashSet(StringComparer.Ordinal);

    public static bool IsMarked(ProcessModel model) =>
        model.Properties.TryGetValue(MarkerProperty, out var value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Driven by the product: marked in its BPMN, or registered by a feature (so removing the marker opens nothing).</summary>
    public bool IsProductDriven(ProcessModel model) => IsMarked(model) || _byKey.ContainsKey(model.Key);

    public ProductProcess? Registered(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The variables reserved on instances of this process (the registered ones, or all of them for a marked, unregistered key).</summary>
    public IReadOnlySet<string> ReservedFor(ProcessModel model) =>
        _byKey.TryGetValue(model.Key, out var process) ? process.ReservedVariables : IsMarked(model) ? AllReservedVariables : new HashSet<string>();

    /// <summary>The page where an instance's steps are done.</summary>
    public string PageFor(string key, string? businessKey) => _byKey.TryGetValue(key, out var process) ? process.PageFor(businessKey) : "/Inbox";

    /// <summary>
    /// Problems of a file about to be deployed: a registered product process must keep its marker, or /engine-rest
    /// would treat its next version as an ordinary process.
    /// </summary>
    public IReadOnlyList<BpmnProblem> CheckDeployment(IEnumerable<ProcessModel> models) =>
        models.Where(m => _byKey.ContainsKey(m.Key) && !IsMarked(m))
            .Select(m => new BpmnProblem(m.Key, m.Name,
                $"Quy trình \"{m.Key}\" do hệ thống điều khiển: phiên bản mới phải giữ thuộc tính camunda:property {MarkerProperty}=\"true\" của quy trình."))
            .ToList();

    /// <summary>Reads a file's processes and checks them as <see cref="CheckDeployment(IEnumerable{ProcessModel})"/>.</summary>
    public IReadOnlyList<BpmnProblem> CheckDeployment(IEnumerable<(string Name, byte[] Content)> files) =>
        CheckDeployment(files.SelectMany(f => BpmnReader.Read(f.Content, f.Name, BpmnReadOptions.Stored).Processes));

    /// <summary>Whether the instance's definition is driven by the product.</summary>
    public async Task<bool> IsProductDrivenAsync(WorkflowEngine engine, string definitionId, CancellationToken ct) =>
        IsProductDriven(await engine.ModelAsync(definitionId, ct));

    /// <summary>The reserved names among <paramref name="names"/> for an instance of <paramref name="definitionId"/>.</summary>
    public async Task<IReadOnlyList<string>> ReservedAmongAsync(WorkflowEngine engine, string definitionId, IEnumerable<string> names, CancellationToken ct)
    {
        var model = await engine.ModelAsync(definitionId, ct);
        if (!IsProductDriven(model))
        {
            return [];
        }

        var reserved = ReservedFor(model);
        return names.Where(reserved.Contains).Distinct().ToList();
    }
}
