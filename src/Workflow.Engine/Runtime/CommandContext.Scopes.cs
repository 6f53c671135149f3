using System.Text.Json.Nodes;
using Workflow.Engine.Expressions;
using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>Multi-instance bodies and call activities (embedded sub-processes are in the core).</summary>
internal sealed partial class CommandContext
{
    // ---- multi-instance -------------------------------------------------------------------------------------------

    private void StartMultiInstance(ProcessInstance instance, ActivityInstance body, Activity activity)
    {
        var mi = activity.MultiInstance!;
        List<TypedValue> items;
        if (mi.Collection is { } collectionText)
        {
            var collection = Expression.ContainsExpression(collectionText)
                ? Evaluate(instance, body, collectionText)
                : Lookup(instance, body, collectionText) is (true, var v) ? v : throw new ExpressionException($"Biến tập hợp \"{collectionText}\" không tồn tại.");
            items = collection is JsonArray array
                ? array.Select(item => TypedValue.From(item?.DeepClone())).ToList()
                : throw new ExpressionException($"camunda:collection \"{collectionText}\" phải là một mảng, nhưng là: {collection?.ToJsonString() ?? "null"}.");
        }
        else
        {
            var cardinality = Evaluate(instance, body, mi.LoopCardinality!);
            var count = TypedValue.AsLong(cardinality)
                ?? (cardinality is JsonValue sv && sv.TryGetValue<string>(out var s) && long.TryParse(s, out var parsed) ? parsed
                : throw new ExpressionException($"loopCardinality \"{mi.LoopCardinality}\" phải là số nguyên không âm."));
            if (count is < 0 or > 100_000)
            {
                throw new ExpressionException($"loopCardinality = {count} nằm ngoài khoảng cho phép (0 – 100000).");
            }

            items = Enumerable.Repeat(TypedValue.Null, (int)count).ToList();
        }

        body.Variables = new()
        {
            ["nrOfInstances"] = TypedValue.Integer(items.Count),
            ["nrOfCompletedInstances"] = TypedValue.Integer(0),
            ["nrOfActiveInstances"] = TypedValue.Integer(0),
        };
        body.NrOfInstances = items.Count;
        body.State = ActivityState.Waiting;
        ArmBoundaries(instance, body);
        if (items.Count == 0)
        {
            ScheduleLeaveBody(instance, body);
            return;
        }

        if (mi.IsSequential)
        {
            body.PendingItems = items.Skip(1).ToList();
            StartIteration(instance, body, activity, 0, items[0]);
        }
        else
        {
            for (var i = 0; i < items.Count; i++)
            {
                StartIteration(instance, body, activity, i, items[i]);
            }
        }
    }

    private void StartIteration(ProcessInstance instance, ActivityInstance body, Activity activity, int index, TypedValue item)
    {
        var inner = NewActivity(instance, activity, body.Id);
        inner.LoopCounter = index;
        inner.Variables = new() { ["loopCounter"] = TypedValue.Integer(index) };
        if (activity.MultiInstance!.ElementVariable is { } elementVariable)
        {
            inner.Variables[elementVariable] = item;
        }

        body.NrOfActiveInstances++;
        UpdateCounters(body);
        ScheduleExecute(instance, inner);
    }

    private void InnerInstanceCompleted(ProcessInstance instance, ActivityInstance body, ActivityInstance inner)
    {
        body.NrOfActiveInstances--;
        body.NrOfCompletedInstances++;
        UpdateCounters(body);
        var activity = (Activity)ModelOf(instance).Node(body.ElementId);
        var mi = activity.MultiInstance!;
        var done = body.NrOfCompletedInstances >= body.NrOfInstances;
        if (!done && mi.CompletionCondition is { } condition)
        {
            try
            {
                // Evaluated on the body: it holds nrOfInstances, nrOfCompletedInstances and nrOfActiveInstances.
                done = EvaluateCondition(instance, body, condition);
            }
            catch (ExpressionException ex)
            {
                RaiseIncident(instance, body, "failedExpression", ex.Message, Operation.Leave);
                return;
            }
        }

        if (done)
        {
            foreach (var remaining in instance.ChildrenOf(body.Id).ToList())
            {
                Cancel(instance, remaining, "điều kiện hoàn thành đa thể hiện đã thỏa");
            }

            ScheduleLeaveBody(instance, body);
            return;
        }

        if (mi.IsSequential && body.PendingItems is { Count: > 0 } pending)
        {
            var next = pending[0];
            pending.RemoveAt(0);
            StartIteration(instance, body, activity, body.NrOfCompletedInstances, next);
        }
    }

    private static void UpdateCounters(ActivityInstance body)
    {
        body.Variables!["nrOfInstances"] = TypedValue.Integer(body.NrOfInstances);
        body.Variables["nrOfCompletedInstances"] = TypedValue.Integer(body.NrOfCompletedInstances);
        body.Variables["nrOfActiveInstances"] = TypedValue.Integer(body.NrOfActiveInstances);
    }

    /// <summary>The body leaves like a plain activity: it takes the activity's outgoing flows.</summary>
    private void ScheduleLeaveBody(ProcessInstance instance, ActivityInstance body)
    {
        body.IsMultiInstanceBody = false; // from here on it is "the activity" leaving; its children are gone
        body.State = ActivityState.Active;
        ScheduleLeave(instance, body);
    }

    // ---- call activities ------------------------------------------------------------------------------------------

    private async Task StartCalledInstanceAsync(ProcessInstance parent, ActivityInstance activity, CallActivity call, CancellationToken ct)
    {
        var definition = await Store.GetLatestDefinitionAsync(call.CalledElement, ct);
        if (definition is null)
        {
            RaiseIncident(parent, activity, "failedCallActivity", $"Không có quy trình \"{call.CalledElement}\" nào được triển khai để gọi.", Operation.Execute);
            return;
        }

        var variables = new Dictionary<string, TypedValue>();
        foreach (var mapping in call.In)
        {
            if (mapping.All)
            {
                foreach (var (name, value) in parent.Variables)
                {
                    variables[name] = value;
                }

                continue;
            }

            variables[mapping.Target!] = mapping.SourceExpression is { } expression
                ? TypedValue.From(Evaluate(parent, activity, expression))
                : Lookup(parent, activity, mapping.Source!) is (true, var v) ? TypedValue.From(v?.DeepClone()) : TypedValue.Null;
        }

        var businessKey = call.BusinessKey is null ? null : EvaluateString(parent, activity, call.BusinessKey);
        ArmBoundaries(parent, activity);
        activity.State = ActivityState.Waiting;
        var child = await StartInstanceAsync(definition, variables, businessKey, startEventId: null, ct, parent, activity);
        activity.CalledInstanceId = child.Id;
    }

    /// <summary>Copies camunda:out mappings from the finished child back into the parent before the call activity leaves.</summary>
    private async Task MapOutAsync(ProcessInstance parent, ActivityInstance activity, CallActivity call, CancellationToken ct)
    {
        if (activity.CalledInstanceId is not { } childId)
        {
            return;
        }

        var child = await LoadAsync(childId, ct);
        foreach (var mapping in call.Out)
        {
            if (mapping.All)
            {
                SetVariables(parent, activity, child.Variables);
                continue;
            }

            var value = mapping.SourceExpression is { } expression
                ? TypedValue.From(Evaluate(child, null, expression))
                : child.Variables.GetValueOrDefault(mapping.Source!) ?? TypedValue.Null;
            SetVariable(parent, activity, mapping.Target!, value);
        }
    }

    /// <summary>Children that completed in this command hand control back to their call activity.</summary>
    private async Task<bool> ResumeParentsAsync(CancellationToken ct)
    {
        var resumed = false;
        while (_completedChildren.Count > 0)
        {
            var child = _completedChildren[^1];
            _completedChildren.RemoveAt(_completedChildren.Count - 1);
            if (child.ParentInstanceId is not { } parentId || child.ParentActivityInstanceId is not { } callId)
            {
                continue;
            }

            var parent = await LoadAsync(parentId, ct);
            if (parent.Activity(callId) is { } call && !parent.IsEnded)
            {
                call.State = ActivityState.Active;
                ScheduleLeave(parent, call);
                resumed = true;
            }
        }

        return resumed;
    }

    // ---- starting instances ---------------------------------------------------------------------------------------

    public async Task<ProcessInstance> StartInstanceAsync(
        Ports.DeployedDefinition definition, IReadOnlyDictionary<string, TypedValue>? variables, string? businessKey, string? startEventId,
        CancellationToken ct, ProcessInstance? parent = null, ActivityInstance? callActivity = null)
    {
        var instance = new ProcessInstance
        {
            Id = Uuid7.New(),
            DefinitionId = definition.Id,
            DefinitionKey = definition.Key,
            DefinitionVersion = definition.Version,
            BusinessKey = businessKey,
            ParentInstanceId = parent?.Id,
            ParentActivityInstanceId = callActivity?.Id,
            Status = InstanceStatus.Active,
            StartedAt = Now,
            StartedBy = Actor,
            Version = 0,
        };
        await Track(instance, ct);
        var model = ModelOf(instance);
        var start = startEventId is null ? model.NoneStart(null) : model.Node(startEventId) as StartEvent;
        if (start is null)
        {
            throw new EngineStateException(startEventId is null
                ? $"Quy trình \"{definition.Key}\" không có sự kiện bắt đầu thường để khởi động trực tiếp."
                : $"\"{startEventId}\" không phải sự kiện bắt đầu của quy trình \"{definition.Key}\".");
        }

        if (variables is not null)
        {
            foreach (var (name, value) in variables)
            {
                instance.Variables[name] = value;
            }
        }

        if (start.Initiator is { } initiator && Actor is not null)
        {
            instance.Variables[initiator] = TypedValue.String(Actor);
        }

        Schedule(instance, start.Id, null, null);
        return instance;
    }
}
