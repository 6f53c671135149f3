using System.Text.Json.Nodes;
using Workflow.Engine.Expressions;
using Workflow.Engine.Model;
using Workflow.Engine.Ports;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Runs one engine command: the instances it loaded, an agenda of small operations (enter an element, execute it,
/// leave it), the effects for after commit and the journal. Element behaviour lives in the partial files beside this
/// one (events, tasks, gateways, scopes). Nothing here touches the store until <see cref="WorkflowEngine"/> saves.
/// </summary>
internal sealed partial class CommandContext
{
    /// <summary>An operation on the agenda. Enter creates the activity instance; Execute and Leave act on it.</summary>
    private sealed record Op(OpKind Kind, ProcessInstance Instance, ActivityInstance? Activity, string? NodeId = null, Guid? ParentId = null, string? ViaFlow = null);

    private enum OpKind
    {
        Enter,
        Execute,
        Leave,
    }

    private const int MaxSteps = 20_000;

    private readonly WorkflowEngine _engine;
    private readonly Dictionary<Guid, ProcessInstance> _instances = [];
    private readonly Dictionary<Guid, ProcessModel> _models = [];
    private readonly Queue<Op> _agenda = new();
    private int _steps;

    private readonly bool _detached;

    /// <param name="engine">The engine whose store, scheduler and clock the command uses.</param>
    /// <param name="actor">Who runs the command (journal and task history); null for the system.</param>
    /// <param name="detached">
    /// The command runs off the caller's thread and must not touch the store (bulk starts prepared while the previous
    /// batch is being written): any store access throws <see cref="EngineDetachedException"/>.
    /// </param>
    public CommandContext(WorkflowEngine engine, string? actor, bool detached = false)
    {
        _engine = engine;
        Actor = actor;
        Now = engine.Clock.GetUtcNow();
        _detached = detached;
    }

    public DateTimeOffset Now { get; }
    public string? Actor { get; }
    public List<EngineEffect> Effects { get; } = [];
    public IReadOnlyCollection<ProcessInstance> Instances => _instances.Values;

    private IWorkflowStore Store => _detached ? throw new EngineDetachedException() : _engine.Store;

    // ---- loading --------------------------------------------------------------------------------------------------

    public async Task<ProcessInstance> LoadAsync(Guid instanceId, CancellationToken ct)
    {
        if (_instances.TryGetValue(instanceId, out var loaded))
        {
            return loaded;
        }

        var instance = await Store.LoadInstanceAsync(instanceId, ct)
            ?? throw new EngineNotFoundException($"Không tìm thấy phiên bản quy trình {instanceId}.");
        await Track(instance, ct);
        // The parent chain comes along: an error or a completion may have to continue there.
        if (instance.ParentInstanceId is { } parentId)
        {
            await LoadAsync(parentId, ct);
        }

        return instance;
    }

    /// <summary>Loads many instances with one store call (bulk commands); those already loaded are kept.</summary>
    public async Task PreloadAsync(IReadOnlyCollection<Guid> instanceIds, CancellationToken ct)
    {
        var missing = instanceIds.Where(id => !_instances.ContainsKey(id)).Distinct().ToList();
        foreach (var instance in await Store.LoadInstancesAsync(missing, ct))
        {
            await Track(instance, ct);
            if (instance.ParentInstanceId is { } parentId)
            {
                await LoadAsync(parentId, ct);
            }
        }
    }

    private async Task Track(ProcessInstance instance, CancellationToken ct)
    {
        _instances[instance.Id] = instance;
        if (!_models.ContainsKey(instance.Id))
        {
            _models[instance.Id] = _detached
                ? _engine.CachedModel(instance.DefinitionId) ?? throw new EngineDetachedException()
                : await _engine.GetModelAsync(instance.DefinitionId, ct);
        }
    }

    public ProcessModel ModelOf(ProcessInstance instance) => _models[instance.Id];

    // ---- running the agenda ---------------------------------------------------------------------------------------

    /// <summary>Runs until nothing is left to do: every token is waiting, failed or gone.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (true)
        {
            while (_agenda.TryDequeue(out var op))
            {
                if (++_steps > MaxSteps)
                {
                    throw new EngineException(
                        $"Quy trình chạy quá {MaxSteps} bước trong một lệnh mà không dừng chờ: có thể có vòng lặp không có điểm chờ.");
                }

                await DispatchAsync(op, ct);
            }

            // Inclusive joins are decided only when the scope is otherwise quiet (see docs/adr/0002); finished
            // children hand control back to their call activity.
            if (!FireReadyInclusiveJoins() && !await ResumeParentsAsync(ct))
            {
                break;
            }
        }
    }

    private async Task DispatchAsync(Op op, CancellationToken ct)
    {
        var instance = op.Instance;
        if (instance.IsEnded)
        {
            return;
        }

        if (op.Kind == OpKind.Enter)
        {
            Enter(instance, op.NodeId!, op.ParentId, op.ViaFlow);
            return;
        }

        var activity = op.Activity!;
        if (instance.Activity(activity.Id) is null)
        {
            return; // cancelled meanwhile (an interrupting event, a terminate end, a completion condition)
        }

        try
        {
            if (op.Kind == OpKind.Execute)
            {
                await ExecuteAsync(instance, activity, ct);
            }
            else
            {
                await LeaveAsync(instance, activity, ct);
            }
        }
        catch (ExpressionException ex)
        {
            RaiseIncident(instance, activity, "failedExpression", ex.Message, op.Kind == OpKind.Execute ? Operation.Execute : Operation.Leave);
        }
    }

    public void Schedule(ProcessInstance instance, string nodeId, Guid? parentId, string? viaFlow) =>
        _agenda.Enqueue(new Op(OpKind.Enter, instance, null, nodeId, parentId, viaFlow));

    private void ScheduleExecute(ProcessInstance instance, ActivityInstance activity) =>
        _agenda.Enqueue(new Op(OpKind.Execute, instance, activity));

    public void ScheduleLeave(ProcessInstance instance, ActivityInstance activity) =>
        _agenda.Enqueue(new Op(OpKind.Leave, instance, activity));

    /// <summary>Re-runs the operation an incident stopped.</summary>
    public void ScheduleRetry(ProcessInstance instance, ActivityInstance activity, Operation operation)
    {
        activity.State = ActivityState.Active;
        activity.FailedOperation = null;
        _agenda.Enqueue(new Op(operation == Operation.Execute ? OpKind.Execute : OpKind.Leave, instance, activity));
    }

    // ---- entering and leaving -------------------------------------------------------------------------------------

    private void Enter(ProcessInstance instance, string nodeId, Guid? parentId, string? viaFlow)
    {
        var node = ModelOf(instance).Node(nodeId);
        if (node is Gateway { GatewayKind: GatewayKind.Parallel or GatewayKind.Inclusive } join && join.Incoming.Length > 1)
        {
            ArriveAtJoin(instance, join, parentId, viaFlow);
            return;
        }

        if (node is Activity { MultiInstance: not null })
        {
            var body = NewActivity(instance, node, parentId);
            body.IsMultiInstanceBody = true;
            ScheduleExecute(instance, body);
            return;
        }

        ScheduleExecute(instance, NewActivity(instance, node, parentId));
    }

    public ActivityInstance NewActivity(ProcessInstance instance, FlowNode node, Guid? parentId)
    {
        var activity = new ActivityInstance
        {
            Id = Uuid7.New(),
            ParentId = parentId,
            ElementId = node.Id,
            State = ActivityState.Active,
            StartedAt = Now,
        };
        instance.Activities.Add(activity);
        Journal(instance, activity, node, JournalEvent.ActivityStarted);
        return activity;
    }

    private async Task ExecuteAsync(ProcessInstance instance, ActivityInstance activity, CancellationToken ct)
    {
        var node = ModelOf(instance).Node(activity.ElementId);
        if (activity.IsMultiInstanceBody)
        {
            StartMultiInstance(instance, activity, (Activity)node);
            return;
        }

        switch (node)
        {
            case StartEvent or PassThroughTask:
                ScheduleLeave(instance, activity);
                break;
            case EndEvent end:
                ExecuteEnd(instance, activity, end);
                break;
            case IntermediateCatchEvent catchEvent:
                ArmCatch(instance, activity, catchEvent.Definition, catchEvent.Id);
                break;
            case BoundaryEvent:
                ScheduleLeave(instance, activity);
                break;
            case UserTask task:
                CreateUserTask(instance, activity, task);
                break;
            case ServiceTask service:
                CreateExternalTask(instance, activity, service);
                break;
            case ReceiveTask receive:
                ArmBoundaries(instance, activity);
                Subscribe(instance, activity, receive.MessageName, receive.Id);
                activity.State = ActivityState.Waiting;
                break;
            case Gateway gateway:
                ExecuteGateway(instance, activity, gateway);
                break;
            case SubProcess sub:
                ArmBoundaries(instance, activity);
                activity.State = ActivityState.Waiting;
                Schedule(instance, ModelOf(instance).NoneStart(sub.Id)!.Id, activity.Id, null);
                break;
            case CallActivity call:
                await StartCalledInstanceAsync(instance, activity, call, ct);
                break;
            default:
                throw new EngineException($"Phần tử {node.Kind} không chạy được.");
        }
    }

    private async Task LeaveAsync(ProcessInstance instance, ActivityInstance activity, CancellationToken ct)
    {
        var model = ModelOf(instance);
        var node = model.Node(activity.ElementId);
        IReadOnlyList<string> flows = node is Gateway gateway ? ChooseFlows(instance, activity, gateway) : node.Outgoing;
        if (node is CallActivity call)
        {
            await MapOutAsync(instance, activity, call, ct);
        }

        Complete(instance, activity, node, node is Gateway ? flows : null);
        var parent = activity.ParentId is { } pid ? instance.Activity(pid) : null;
        if (parent is { IsMultiInstanceBody: true })
        {
            InnerInstanceCompleted(instance, parent, activity);
            return;
        }

        foreach (var flowId in flows)
        {
            Schedule(instance, model.Flow(flowId).TargetId, activity.ParentId, flowId);
        }

        if (flows.Count == 0)
        {
            CheckScopeCompleted(instance, activity.ParentId);
        }
    }

    /// <summary>
    /// Ends an activity instance normally: journal, boundary events disarmed, removed from the open set. An activity that
    /// starts and ends within one command (start events, gateways, pass-through tasks) is journaled once, as completed:
    /// its start time is the same instant, and a bulk opening of thousands of instances writes a third fewer rows.
    /// </summary>
    /// <remarks>
    /// A gateway's line names the flows it took (<see cref="TakenFlows"/>): the instance viewer highlights only those, not
    /// every flow between two elements that happened to complete (a loop back, a branch not chosen).
    /// </remarks>
    private void Complete(ProcessInstance instance, ActivityInstance activity, FlowNode node, IReadOnlyList<string>? takenFlows = null)
    {
        DisarmOwnedBy(instance, activity);
        instance.Activities.Remove(activity);
        var journal = instance.NewJournal;
        for (var i = journal.Count - 1; i >= 0; i--)
        {
            if (journal[i].ActivityInstanceId == activity.Id && journal[i].Event == JournalEvent.ActivityStarted)
            {
                journal.RemoveAt(i);
                break;
            }
        }

        Journal(instance, activity, node, JournalEvent.ActivityCompleted, takenFlows is null ? null : TakenFlows.Format(takenFlows));
    }

    /// <summary>Cancels an activity instance and everything under it (tasks, timers, subscriptions, child instances).</summary>
    public void Cancel(ProcessInstance instance, ActivityInstance activity, string reason)
    {
        foreach (var child in instance.ChildrenOf(activity.Id).ToList())
        {
            Cancel(instance, child, reason);
        }

        DisarmOwnedBy(instance, activity);
        foreach (var task in instance.Tasks.Where(t => t.ActivityInstanceId == activity.Id).ToList())
        {
            instance.Tasks.Remove(task);
            Effects.Add(new UserTaskEnded(instance.Id, task.Id, Completed: false));
        }

        instance.ExternalTasks.RemoveAll(t => t.ActivityInstanceId == activity.Id);
        foreach (var incident in instance.Incidents.Where(i => i.ActivityInstanceId == activity.Id).ToList())
        {
            instance.Incidents.Remove(incident);
            Journal(instance, activity, null, JournalEvent.IncidentResolved, "đã hủy cùng hoạt động");
        }

        if (activity.CalledInstanceId is { } childId && _instances.TryGetValue(childId, out var called))
        {
            CancelInstance(called, reason, InstanceStatus.Cancelled);
        }
        else if (activity.CalledInstanceId is { } pendingChild)
        {
            _pendingChildCancels.Add(pendingChild);
        }

        instance.Activities.Remove(activity);
        Journal(instance, activity, ModelOf(instance).Nodes.GetValueOrDefault(activity.ElementId), JournalEvent.ActivityCancelled, reason);
    }

    private readonly List<Guid> _pendingChildCancels = [];

    /// <summary>Child instances of cancelled call activities that were not loaded yet: cancelled before saving.</summary>
    public async Task CancelPendingChildrenAsync(CancellationToken ct)
    {
        while (_pendingChildCancels.Count > 0)
        {
            var id = _pendingChildCancels[^1];
            _pendingChildCancels.RemoveAt(_pendingChildCancels.Count - 1);
            var child = await LoadAsync(id, ct);
            if (!child.IsEnded)
            {
                CancelInstance(child, "hoạt động gọi đã bị hủy", InstanceStatus.Cancelled);
            }
        }
    }

    /// <summary>Removes the timers and subscriptions an activity instance owns (its boundary events, its waits).</summary>
    private void DisarmOwnedBy(ProcessInstance instance, ActivityInstance activity)
    {
        foreach (var timer in instance.Timers.Where(t => t.ActivityInstanceId == activity.Id).ToList())
        {
            instance.Timers.Remove(timer);
            Effects.Add(new TimerCancelled(instance.Id, timer.Id));
        }

        instance.Subscriptions.RemoveAll(s => s.ActivityInstanceId == activity.Id);
    }

    /// <summary>After a token ended in a scope: a sub-process with nothing left completes; so does the process.</summary>
    private void CheckScopeCompleted(ProcessInstance instance, Guid? scopeId)
    {
        if (instance.IsEnded || instance.ChildrenOf(scopeId).Any())
        {
            return;
        }

        if (scopeId is null)
        {
            EndInstance(instance, InstanceStatus.Completed, null);
            return;
        }

        var scope = instance.Activity(scopeId.Value);
        if (scope is not null && !scope.IsMultiInstanceBody && scope.State != ActivityState.Failed)
        {
            ScheduleLeave(instance, scope);
        }
    }

    public void CancelInstance(ProcessInstance instance, string reason, InstanceStatus status)
    {
        foreach (var top in instance.ChildrenOf(null).ToList())
        {
            Cancel(instance, top, reason);
        }

        EndInstance(instance, status, reason);
    }

    private void EndInstance(ProcessInstance instance, InstanceStatus status, string? reason)
    {
        instance.Status = status;
        instance.EndedAt = Now;
        instance.EndReason = reason;
        Journal(instance, null, null, status switch
        {
            InstanceStatus.Completed => JournalEvent.InstanceCompleted,
            InstanceStatus.Terminated => JournalEvent.InstanceTerminated,
            _ => JournalEvent.InstanceCancelled,
        }, reason);
        Effects.Add(new InstanceEnded(instance.Id, status));
        if (status == InstanceStatus.Completed)
        {
            _completedChildren.Add(instance);
        }
    }

    // ---- incidents ------------------------------------------------------------------------------------------------

    public Incident RaiseIncident(ProcessInstance instance, ActivityInstance activity, string type, string message, Operation? operation, Guid? externalTaskId = null)
    {
        activity.State = ActivityState.Failed;
        activity.FailedOperation = operation;
        var incident = new Incident
        {
            Id = Uuid7.New(),
            ActivityInstanceId = activity.Id,
            ElementId = activity.ElementId,
            Type = type,
            Message = message,
            ExternalTaskId = externalTaskId,
            CreatedAt = Now,
        };
        instance.Incidents.Add(incident);
        Journal(instance, activity, ModelOf(instance).Nodes.GetValueOrDefault(activity.ElementId), JournalEvent.IncidentCreated, message);
        return incident;
    }

    // ---- variables ------------------------------------------------------------------------------------------------

    /// <summary>Looks a variable up from an activity instance outwards: locals of each enclosing scope, then the process.</summary>
    public static (bool Found, JsonNode? Value) Lookup(ProcessInstance instance, ActivityInstance? from, string name)
    {
        for (var a = from; a is not null; a = a.ParentId is { } p ? instance.Activity(p) : null)
        {
            if (a.Variables is { } locals && locals.TryGetValue(name, out var local))
            {
                return (true, local.Value);
            }
        }

        return instance.Variables.TryGetValue(name, out var value) ? (true, value.Value) : (false, null);
    }

    /// <summary>
    /// Sets a variable as Camunda does: in the nearest enclosing scope that already has it, otherwise on the process
    /// instance, so iteration-local variables of a multi-instance are not overwritten by a task's result.
    /// </summary>
    public void SetVariable(ProcessInstance instance, ActivityInstance? from, string name, TypedValue value)
    {
        for (var a = from; a is not null; a = a.ParentId is { } p ? instance.Activity(p) : null)
        {
            if (a.Variables is { } locals && locals.ContainsKey(name))
            {
                locals[name] = value;
                Journal(instance, a, null, JournalEvent.VariableSet, $"{name} = {Describe(value)}");
                return;
            }
        }

        instance.Variables[name] = value;
        Journal(instance, from, null, JournalEvent.VariableSet, $"{name} = {Describe(value)}");
    }

    public void SetVariables(ProcessInstance instance, ActivityInstance? from, IReadOnlyDictionary<string, TypedValue>? values)
    {
        if (values is null)
        {
            return;
        }

        foreach (var (name, value) in values)
        {
            SetVariable(instance, from, name, value);
        }
    }

    private static string Describe(TypedValue value)
    {
        var text = value.Value?.ToJsonString() ?? "null";
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    public JsonNode? Evaluate(ProcessInstance instance, ActivityInstance? at, string text)
    {
        var expression = Expression.Parse(text);
        return _engine.Evaluator.Evaluate(expression, name => Lookup(instance, at, name), Globals(instance, at, expression));
    }

    public string? EvaluateString(ProcessInstance instance, ActivityInstance? at, string? text)
    {
        if (text is null)
        {
            return null;
        }

        var value = Evaluate(instance, at, text);
        return value is null ? null : ExpressionEvaluator.Describe(value);
    }

    public bool EvaluateCondition(ProcessInstance instance, ActivityInstance? at, string text)
    {
        var expression = Expression.Parse(text);
        return _engine.Evaluator.EvaluateCondition(expression, name => Lookup(instance, at, name));
    }

    /// <summary>Camunda's <c>execution</c> object, for expressions such as <c>${execution.processBusinessKey}</c>.</summary>
    private static Dictionary<string, JsonNode?>? Globals(ProcessInstance instance, ActivityInstance? at, Expression expression) =>
        expression.Names.Contains("execution")
            ? new()
            {
                ["execution"] = new JsonObject
                {
                    ["processInstanceId"] = instance.Id.ToString(),
                    ["processBusinessKey"] = instance.BusinessKey,
                    ["processDefinitionId"] = instance.DefinitionId,
                    ["processDefinitionKey"] = instance.DefinitionKey,
                    ["currentActivityId"] = at?.ElementId,
                },
            }
            : null;

    // ---- journal --------------------------------------------------------------------------------------------------

    public void Journal(ProcessInstance instance, ActivityInstance? activity, FlowNode? node, JournalEvent kind, string? detail = null) =>
        instance.NewJournal.Add(new JournalEntry(
            instance.Id, activity?.Id, node?.Id ?? activity?.ElementId, node?.Kind, kind, Now, Actor, detail));
}

/// <summary>
/// An engine command could not be carried out; the message is for the user: Vietnamese in <see cref="Exception.Message"/>,
/// and as a <see cref="Engine.Message"/> (<see cref="Text"/>) that the host shows in the reader's language.
/// </summary>
public class EngineException(Message message) : Exception(message.ToString())
{
    public Message Text { get; } = message;
}

/// <summary>The instance, task or definition named by a command does not exist (or no longer exists).</summary>
public sealed class EngineNotFoundException(Message message) : EngineException(message);

/// <summary>A command prepared off the caller's thread needed the store (a call activity, say): run it the ordinary way.</summary>
public sealed class EngineDetachedException() : EngineException("Lệnh cần đọc cơ sở dữ liệu nên không chuẩn bị trước được.");

/// <summary>The command is not valid in the current state (a task already completed, a lock held by another worker...).</summary>
public sealed class EngineStateException(Message message) : EngineException(message);
