using Workflow.Engine.Expressions;
using Workflow.Engine.Model;
using Workflow.Engine.Ports;

namespace Workflow.Engine.Runtime;

/// <summary>Events: end events, catching timers and messages, boundary events and errors.</summary>
internal sealed partial class CommandContext
{
    private readonly List<ProcessInstance> _completedChildren = [];

    private void ExecuteEnd(ProcessInstance instance, ActivityInstance activity, EndEvent end)
    {
        switch (end.Definition.Trigger)
        {
            case EventTrigger.Terminate:
                Complete(instance, activity, end);
                if (activity.ParentId is null)
                {
                    CancelInstance(instance, $"kết thúc bởi {end.Label}", InstanceStatus.Terminated);
                }
                else
                {
                    // A terminate end inside a sub-process ends that sub-process only, which then completes normally.
                    var scope = instance.Activity(activity.ParentId.Value)!;
                    foreach (var sibling in instance.ChildrenOf(scope.Id).ToList())
                    {
                        Cancel(instance, sibling, $"kết thúc bởi {end.Label}");
                    }

                    CheckScopeCompleted(instance, scope.Id);
                }

                break;
            case EventTrigger.Error:
                Complete(instance, activity, end);
                if (!ThrowError(instance, activity.ParentId, end.Definition.ErrorCode, null))
                {
                    // Uncaught error end event: behaves like a none end event (Camunda 7), noted in the journal.
                    Journal(instance, activity, end, JournalEvent.Note, $"Lỗi {end.Definition.ErrorCode} không có sự kiện bắt; xử lý như kết thúc thường.");
                    CheckScopeCompleted(instance, activity.ParentId);
                }

                break;
            default:
                ScheduleLeave(instance, activity);
                break;
        }
    }

    /// <summary>An intermediate catch event (or receive task) starts waiting for its timer or message.</summary>
    private void ArmCatch(ProcessInstance instance, ActivityInstance activity, EventDefinition definition, string elementId)
    {
        activity.State = ActivityState.Waiting;
        if (definition.Trigger == EventTrigger.Timer)
        {
            CreateTimer(instance, activity, elementId, definition.Timer!, occurrence: 1);
        }
        else
        {
            Subscribe(instance, activity, definition.MessageName!, elementId);
        }
    }

    /// <summary>Arms the timer and message boundary events of an activity instance (errors are matched when thrown).</summary>
    private void ArmBoundaries(ProcessInstance instance, ActivityInstance activity)
    {
        foreach (var boundary in ModelOf(instance).BoundaryEventsOf(activity.ElementId))
        {
            switch (boundary.Definition.Trigger)
            {
                case EventTrigger.Timer:
                    CreateTimer(instance, activity, boundary.Id, boundary.Definition.Timer!, occurrence: 1);
                    break;
                case EventTrigger.Message:
                    Subscribe(instance, activity, boundary.Definition.MessageName!, boundary.Id);
                    break;
            }
        }
    }

    private void Subscribe(ProcessInstance instance, ActivityInstance owner, string messageName, string elementId) =>
        instance.Subscriptions.Add(new MessageSubscription
        {
            Id = Uuid7.New(),
            MessageName = messageName,
            ElementId = elementId,
            ActivityInstanceId = owner.Id,
            CreatedAt = Now,
        });

    // ---- timers ---------------------------------------------------------------------------------------------------

    private void CreateTimer(ProcessInstance instance, ActivityInstance owner, string elementId, TimerDefinition definition, int occurrence)
    {
        var text = definition.Expression;
        if (Expression.ContainsExpression(text))
        {
            text = EvaluateString(instance, owner, text) ?? "";
        }

        var plan = TimerPlan.Plan(definition.Kind, text, Now, _engine.Options.TimeZone, _engine.Options.MinTimerCycle);
        var timer = NewTimer(instance, owner, elementId, plan.DueAt, occurrence);
        timer.IsCycle = plan.IsCycle;
        timer.Period = plan.Period;
        timer.RemainingRepetitions = plan.RemainingRepetitions;
        instance.Timers.Add(timer);
        Effects.Add(new TimerScheduled(instance.Id, timer.Id, timer.DueAt));
    }

    private static TimerState NewTimer(ProcessInstance instance, ActivityInstance owner, string elementId, DateTimeOffset due, int occurrence) => new()
    {
        Id = $"{instance.Id:N}:{elementId}:{owner.Id:N}:{occurrence}",
        ElementId = elementId,
        ActivityInstanceId = owner.Id,
        DueAt = due,
        Occurrence = occurrence,
    };

    /// <summary>A timer came due. A timer that no longer exists (its element ended) is silently a no-op.</summary>
    public void FireTimer(ProcessInstance instance, string timerId)
    {
        var timer = instance.Timers.Find(t => t.Id == timerId);
        if (timer is null || instance.IsEnded)
        {
            return;
        }

        var owner = instance.Activity(timer.ActivityInstanceId);
        if (owner is null)
        {
            instance.Timers.Remove(timer);
            return;
        }

        instance.Timers.Remove(timer);
        var node = ModelOf(instance).Node(timer.ElementId);
        Trigger(instance, owner, node, repeat: timer);
    }

    /// <summary>
    /// An event reached the element <paramref name="node"/> waiting on behalf of <paramref name="owner"/>: a catch
    /// event or receive task continues, an event-based gateway takes that branch, a boundary event fires.
    /// </summary>
    private void Trigger(ProcessInstance instance, ActivityInstance owner, FlowNode node, TimerState? repeat = null)
    {
        var model = ModelOf(instance);
        switch (node)
        {
            case BoundaryEvent boundary:
                if (boundary.CancelActivity)
                {
                    var scopeId = owner.ParentId;
                    Cancel(instance, owner, $"ngắt bởi {boundary.Label}");
                    Schedule(instance, boundary.Id, scopeId, null);
                }
                else
                {
                    if (repeat is not null && TimerPlan.Next(repeat.DueAt, repeat.IsCycle, repeat.RemainingRepetitions, repeat.Period) is { } plan)
                    {
                        var next = NewTimer(instance, owner, boundary.Id, plan.DueAt, repeat.Occurrence + 1);
                        next.IsCycle = true;
                        next.Period = plan.Period;
                        next.RemainingRepetitions = plan.RemainingRepetitions;
                        instance.Timers.Add(next);
                        Effects.Add(new TimerScheduled(instance.Id, next.Id, next.DueAt));
                    }

                    Schedule(instance, boundary.Id, owner.ParentId, null);
                }

                break;
            case IntermediateCatchEvent or ReceiveTask when model.Node(owner.ElementId) is Gateway { GatewayKind: GatewayKind.EventBased } gateway:
                // First event wins: the gateway completes and the token continues at the event that happened.
                Complete(instance, owner, gateway, gateway.Outgoing.Where(f => model.Flow(f).TargetId == node.Id).ToList());
                var catchActivity = NewActivity(instance, node, owner.ParentId);
                ScheduleLeave(instance, catchActivity);
                break;
            case IntermediateCatchEvent or ReceiveTask:
                owner.State = ActivityState.Active;
                ScheduleLeave(instance, owner);
                break;
            default:
                throw new EngineException($"Sự kiện cho {node.Label} không xử lý được.");
        }
    }

    // ---- messages -------------------------------------------------------------------------------------------------

    /// <summary>Delivers a message to one subscription of this instance; returns false when there is none.</summary>
    public bool DeliverMessage(ProcessInstance instance, string messageName, IReadOnlyDictionary<string, TypedValue>? variables)
    {
        var subscription = instance.Subscriptions.Where(s => s.MessageName == messageName).OrderBy(s => s.CreatedAt).FirstOrDefault();
        if (subscription is null)
        {
            return false;
        }

        var owner = instance.Activity(subscription.ActivityInstanceId);
        instance.Subscriptions.Remove(subscription);
        if (owner is null)
        {
            return false;
        }

        SetVariables(instance, null, variables);
        var node = ModelOf(instance).Node(subscription.ElementId);
        if (node is BoundaryEvent { CancelActivity: false })
        {
            Subscribe(instance, owner, messageName, node.Id); // a non-interrupting message boundary keeps listening
        }

        Trigger(instance, owner, node);
        return true;
    }

    // ---- errors ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// Throws a BPMN error from inside the scope <paramref name="scopeId"/> (or from the activity
    /// <paramref name="thrower"/> itself): the nearest error boundary event with that code (or none) catches it.
    /// Crossing a process boundary, it continues at the call activity of the parent instance.
    /// </summary>
    public bool ThrowError(ProcessInstance instance, Guid? scopeId, string? errorCode, ActivityInstance? thrower)
    {
        var model = ModelOf(instance);
        for (var a = thrower ?? (scopeId is { } s ? instance.Activity(s) : null); a is not null; a = a.ParentId is { } p ? instance.Activity(p) : null)
        {
            var boundary = model.BoundaryEventsOf(a.ElementId)
                .Where(b => b.Definition.Trigger == EventTrigger.Error)
                .OrderBy(b => b.Definition.ErrorCode is null ? 1 : 0)
                .FirstOrDefault(b => b.Definition.ErrorCode is null || b.Definition.ErrorCode == errorCode);
            if (boundary is null)
            {
                continue;
            }

            // The boundary may sit on the multi-instance body rather than on one iteration.
            var owner = a;
            if (a.ParentId is { } bodyId && instance.Activity(bodyId) is { IsMultiInstanceBody: true } body && body.ElementId == a.ElementId)
            {
                owner = body;
            }

            var scope = owner.ParentId;
            Cancel(instance, owner, $"lỗi {errorCode}");
            Schedule(instance, boundary.Id, scope, null);
            return true;
        }

        if (instance.ParentInstanceId is { } parentId && instance.ParentActivityInstanceId is { } callId
            && _instances.TryGetValue(parentId, out var parent) && parent.Activity(callId) is { } call)
        {
            CancelInstance(instance, $"lỗi {errorCode}", InstanceStatus.Cancelled);
            return ThrowError(parent, call.ParentId, errorCode, call);
        }

        return false;
    }
}
