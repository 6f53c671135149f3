using Workflow.Engine.Expressions;
using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Gateways. Forks choose outgoing flows when leaving; joins collect tokens in one waiting activity instance per gateway
/// and scope (docs/adr/0002): a parallel join fires when every incoming flow has a token, an inclusive join when no
/// other token in its scope can still reach it.
/// </summary>
internal sealed partial class CommandContext
{
    private void ExecuteGateway(ProcessInstance instance, ActivityInstance activity, Gateway gateway)
    {
        if (gateway.GatewayKind != GatewayKind.EventBased)
        {
            ScheduleLeave(instance, activity);
            return;
        }

        activity.State = ActivityState.Waiting;
        var model = ModelOf(instance);
        foreach (var flowId in gateway.Outgoing)
        {
            var target = model.Node(model.Flow(flowId).TargetId);
            switch (target)
            {
                case IntermediateCatchEvent { Definition.Trigger: EventTrigger.Timer } timer:
                    CreateTimer(instance, activity, timer.Id, timer.Definition.Timer!, occurrence: 1);
                    break;
                case IntermediateCatchEvent catchEvent:
                    Subscribe(instance, activity, catchEvent.Definition.MessageName!, catchEvent.Id);
                    break;
                case ReceiveTask receive:
                    Subscribe(instance, activity, receive.MessageName, receive.Id);
                    break;
            }
        }
    }

    private List<string> ChooseFlows(ProcessInstance instance, ActivityInstance activity, Gateway gateway)
    {
        var model = ModelOf(instance);
        switch (gateway.GatewayKind)
        {
            case GatewayKind.Parallel:
                return [.. gateway.Outgoing];
            case GatewayKind.Exclusive:
                foreach (var flowId in gateway.Outgoing.Where(f => f != gateway.DefaultFlowId))
                {
                    var flow = model.Flow(flowId);
                    if (flow.Condition is null || EvaluateCondition(instance, activity, flow.Condition))
                    {
                        return [flowId];
                    }
                }

                return gateway.DefaultFlowId is { } exclusiveDefault
                    ? [exclusiveDefault]
                    : throw new ExpressionException($"Không có luồng ra nào của cổng \"{gateway.Label}\" thỏa điều kiện và không có luồng mặc định.");
            case GatewayKind.Inclusive:
                var taken = gateway.Outgoing.Where(f => f != gateway.DefaultFlowId)
                    .Where(f => model.Flow(f).Condition is not { } c || EvaluateCondition(instance, activity, c)).ToList();
                if (taken.Count > 0)
                {
                    return taken;
                }

                return gateway.DefaultFlowId is { } inclusiveDefault
                    ? [inclusiveDefault]
                    : throw new ExpressionException($"Không có luồng ra nào của cổng \"{gateway.Label}\" thỏa điều kiện và không có luồng mặc định.");
            default:
                return [];
        }
    }

    /// <summary>A token arrives at a joining gateway: it waits there (one activity instance per gateway and scope).</summary>
    private void ArriveAtJoin(ProcessInstance instance, Gateway gateway, Guid? scopeId, string? viaFlow)
    {
        var join = instance.Activities.Find(a => a.ElementId == gateway.Id && a.ParentId == scopeId && a.ArrivedFlows is not null && a.State == ActivityState.Waiting);
        if (join is null)
        {
            join = NewActivity(instance, gateway, scopeId);
            join.ArrivedFlows = [];
            join.State = ActivityState.Waiting;
        }

        join.ArrivedFlows!.Add(viaFlow ?? "");
        if (gateway.GatewayKind == GatewayKind.Parallel && gateway.Incoming.All(join.ArrivedFlows.Contains))
        {
            FireJoin(instance, join, gateway);
        }
    }

    private void FireJoin(ProcessInstance instance, ActivityInstance join, Gateway gateway)
    {
        // Consume one token per incoming flow; extra tokens (a loop that came round again) wait for the next firing.
        var leftover = new List<string>(join.ArrivedFlows!);
        foreach (var incoming in gateway.Incoming)
        {
            leftover.Remove(incoming);
        }

        leftover.RemoveAll(f => !gateway.Incoming.Contains(f) && gateway.GatewayKind == GatewayKind.Parallel);
        join.ArrivedFlows = null;
        join.State = ActivityState.Active;
        ScheduleLeave(instance, join);
        if (leftover.Count > 0 && gateway.GatewayKind == GatewayKind.Parallel)
        {
            var next = NewActivity(instance, gateway, join.ParentId);
            next.ArrivedFlows = leftover;
            next.State = ActivityState.Waiting;
        }
    }

    /// <summary>
    /// Fires every waiting inclusive join that no other token of its scope can still reach. Runs when the agenda is
    /// empty, so tokens that are merely on their way have already arrived or stopped at a wait state.
    /// </summary>
    private bool FireReadyInclusiveJoins()
    {
        var fired = false;
        foreach (var instance in _instances.Values.Where(i => !i.IsEnded))
        {
            var model = ModelOf(instance);
            var joins = instance.Activities.Where(a => a.ArrivedFlows is not null && a.State == ActivityState.Waiting
                && model.Node(a.ElementId) is Gateway { GatewayKind: GatewayKind.Inclusive }).ToList();
            foreach (var join in joins)
            {
                var others = instance.ChildrenOf(join.ParentId).Where(a => a.Id != join.Id && a.ElementId != join.ElementId);
                if (others.Any(o => CanReach(model, o.ElementId, join.ElementId)))
                {
                    continue;
                }

                join.ArrivedFlows = null;
                join.State = ActivityState.Active;
                ScheduleLeave(instance, join);
                fired = true;
            }
        }

        return fired;
    }

    /// <summary>Reachability along flows, counting the boundary events of activities on the way.</summary>
    private static bool CanReach(ProcessModel model, string fromId, string targetId)
    {
        var seen = new HashSet<string>();
        var stack = new Stack<string>([fromId]);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!seen.Add(id))
            {
                continue;
            }

            var node = model.Node(id);
            foreach (var flowId in node.Outgoing)
            {
                var next = model.Flow(flowId).TargetId;
                if (next == targetId)
                {
                    return true;
                }

                stack.Push(next);
            }

            if (node is Activity activity)
            {
                foreach (var boundary in activity.BoundaryEventIds)
                {
                    stack.Push(boundary);
                }
            }
        }

        return false;
    }
}
