using Workflow.Engine.Expressions;
using Workflow.Engine.Model;

namespace Workflow.Engine.Bpmn;

/// <summary>
/// Checks a read process before it may be deployed: structure (starts, reachability, gateways, flows), semantics
/// (which boundary events go where, what an event-based gateway may lead to) and every expression and timer.
/// </summary>
public static class BpmnValidator
{
    public static IReadOnlyList<BpmnProblem> Validate(ProcessModel process, BpmnReadOptions? options = null)
    {
        options ??= BpmnReadOptions.Default;
        var problems = new List<BpmnProblem>();
        void Problem(FlowNode node, Message message) => problems.Add(new BpmnProblem(node.Id, node.Name, message));
        void FlowProblem(SequenceFlow flow, Message message) => problems.Add(new BpmnProblem(flow.Id, flow.Name, message));

        CheckFlows(process, FlowProblem);
        CheckScopes(process, Problem, problems);
        foreach (var node in process.Nodes.Values)
        {
            CheckNode(process, node, options, Problem, FlowProblem);
        }

        CheckReachability(process, Problem);
        return problems;
    }

    private static void CheckFlows(ProcessModel process, Action<SequenceFlow, Message> problem)
    {
        foreach (var flow in process.Flows.Values)
        {
            if (!process.Nodes.TryGetValue(flow.SourceId, out var source) || !process.Nodes.TryGetValue(flow.TargetId, out var target))
            {
                problem(flow, $"Luồng nối tới phần tử không tồn tại ({flow.SourceId} → {flow.TargetId}).");
                continue;
            }

            if (source.ScopeId != target.ScopeId)
            {
                problem(flow, "Luồng không được vượt qua ranh giới tiểu quy trình.");
            }

            if (target is StartEvent || target is BoundaryEvent)
            {
                problem(flow, "Không được có luồng đi vào sự kiện bắt đầu hoặc sự kiện biên.");
            }

            if (source is EndEvent)
            {
                problem(flow, "Không được có luồng đi ra từ sự kiện kết thúc.");
            }

            if (flow.Condition is not null)
            {
                var fromBranchingGateway = source is Gateway { GatewayKind: GatewayKind.Exclusive or GatewayKind.Inclusive };
                if (!fromBranchingGateway)
                {
                    problem(flow, "Điều kiện chỉ đặt được trên luồng ra từ cổng rẽ nhánh (exclusive hoặc inclusive).");
                }
                else
                {
                    CheckExpression(flow.Condition, m => problem(flow, m), requireSingle: true);
                }
            }
        }
    }

    private static void CheckScopes(ProcessModel process, Action<FlowNode, Message> problem, List<BpmnProblem> problems)
    {
        var starts = process.NodesIn(null).OfType<StartEvent>().ToList();
        if (starts.Count == 0)
        {
            problems.Add(new BpmnProblem(process.Key, process.Name, "Quy trình không có sự kiện bắt đầu."));
        }

        if (starts.Count(s => s.Definition.Trigger == EventTrigger.None) > 1)
        {
            problems.Add(new BpmnProblem(process.Key, process.Name, "Quy trình có nhiều sự kiện bắt đầu thường (none start); chỉ được một."));
        }

        foreach (var sub in process.Nodes.Values.OfType<SubProcess>())
        {
            var inner = process.NodesIn(sub.Id).OfType<StartEvent>().ToList();
            if (inner.Count != 1 || inner[0].Definition.Trigger != EventTrigger.None)
            {
                problem(sub, "Tiểu quy trình phải có đúng một sự kiện bắt đầu thường (none start).");
            }
        }
    }

    private static void CheckNode(ProcessModel process, FlowNode node, BpmnReadOptions options, Action<FlowNode, Message> problem, Action<SequenceFlow, Message> flowProblem)
    {
        void Expr(string? text, string what, bool single = false)
        {
            if (text is not null)
            {
                CheckExpression(text, m => problem(node, $"{what}: {m}"), single);
            }
        }

        switch (node)
        {
            case StartEvent start:
                if (start.ScopeId is not null && start.Definition.Trigger != EventTrigger.None)
                {
                    problem(node, "Sự kiện bắt đầu trong tiểu quy trình phải là sự kiện thường.");
                }

                if (start.Outgoing.Length == 0)
                {
                    problem(node, "Sự kiện bắt đầu không có luồng ra.");
                }

                CheckTimer(start.Definition.Timer, node, options, problem);
                break;
            case IntermediateCatchEvent catchEvent:
                CheckTimer(catchEvent.Definition.Timer, node, options, problem);
                break;
            case BoundaryEvent boundary:
                CheckTimer(boundary.Definition.Timer, node, options, problem);
                if (boundary.Outgoing.Length == 0)
                {
                    problem(node, "Sự kiện biên không có luồng ra.");
                }

                if (boundary.Definition.Trigger == EventTrigger.Error
                    && process.Nodes.GetValueOrDefault(boundary.AttachedToId) is not (ServiceTask or SubProcess or CallActivity))
                {
                    problem(node, "Sự kiện biên lỗi chỉ gắn được vào tác vụ dịch vụ, tiểu quy trình hoặc hoạt động gọi.");
                }

                break;
            case UserTask task:
                Expr(task.Assignee, "camunda:assignee");
                Expr(task.CandidateUsers, "camunda:candidateUsers");
                Expr(task.CandidateGroups, "camunda:candidateGroups");
                Expr(task.DueDate, "camunda:dueDate");
                Expr(task.FollowUpDate, "camunda:followUpDate");
                Expr(task.Priority, "camunda:priority");
                Expr(task.FormKey, "camunda:formKey");
                foreach (var (text, what) in new[] { (task.DueDate, "camunda:dueDate"), (task.FollowUpDate, "camunda:followUpDate") })
                {
                    if (text is not null && !Expression.ContainsExpression(text) && !Iso8601.TryParseDate(text, TimeZoneInfo.Utc, out _)
                        && !Iso8601.TryParseDuration(text, out _))
                    {
                        problem(node, $"{what} \"{text}\" không phải ngày giờ hay khoảng thời gian ISO 8601 (ví dụ 2026-12-15T17:00:00+07:00 hoặc P3D).");
                    }
                }

                if (task.Priority is { } priority && !Expression.ContainsExpression(priority) && !int.TryParse(priority, out _))
                {
                    problem(node, $"camunda:priority \"{priority}\" phải là số nguyên.");
                }

                break;
            case ReceiveTask receive when string.IsNullOrEmpty(receive.MessageName):
                problem(node, "Tác vụ nhận cần một thông điệp (messageRef).");
                break;
            case CallActivity call:
                if (string.IsNullOrWhiteSpace(call.CalledElement))
                {
                    problem(node, "Hoạt động gọi cần calledElement (khóa quy trình được gọi).");
                }

                Expr(call.BusinessKey, "camunda:in businessKey");
                foreach (var mapping in call.In.Concat(call.Out))
                {
                    Expr(mapping.SourceExpression, "sourceExpression");
                }

                break;
            case Gateway gateway:
                CheckGateway(process, gateway, problem, flowProblem);
                break;
        }

        if (node is Activity { MultiInstance: { } mi })
        {
            if (mi.LoopCardinality is null && mi.Collection is null)
            {
                problem(node, "Đa thể hiện cần loopCardinality hoặc camunda:collection.");
            }

            Expr(mi.LoopCardinality, "loopCardinality");
            Expr(mi.CompletionCondition, "completionCondition", single: true);
            if (mi.Collection is { } collection && Expression.ContainsExpression(collection))
            {
                Expr(collection, "camunda:collection", single: true);
            }
        }
    }

    private static void CheckGateway(ProcessModel process, Gateway gateway, Action<FlowNode, Message> problem, Action<SequenceFlow, Message> flowProblem)
    {
        if (gateway.Outgoing.Length == 0)
        {
            problem(gateway, "Cổng không có luồng ra.");
            return;
        }

        if (gateway.DefaultFlowId is { } defaultId && !gateway.Outgoing.Contains(defaultId))
        {
            problem(gateway, $"Luồng mặc định \"{defaultId}\" không phải luồng ra của cổng.");
        }

        switch (gateway.GatewayKind)
        {
            case GatewayKind.Exclusive or GatewayKind.Inclusive when gateway.Outgoing.Length > 1:
                foreach (var flowId in gateway.Outgoing)
                {
                    var flow = process.Flow(flowId);
                    if (flow.Condition is null && flow.Id != gateway.DefaultFlowId)
                    {
                        flowProblem(flow, $"Luồng ra từ cổng \"{gateway.Label}\" không có điều kiện và không phải luồng mặc định.");
                    }
                }

                break;
            case GatewayKind.Parallel:
                foreach (var flowId in gateway.Outgoing.Where(f => process.Flow(f).Condition is not null))
                {
                    flowProblem(process.Flow(flowId), "Luồng ra từ cổng song song không được có điều kiện.");
                }

                break;
            case GatewayKind.EventBased:
                if (gateway.Outgoing.Length < 2)
                {
                    problem(gateway, "Cổng sự kiện cần ít nhất hai luồng ra.");
                }

                foreach (var flowId in gateway.Outgoing)
                {
                    var target = process.Nodes.GetValueOrDefault(process.Flow(flowId).TargetId);
                    if (target is not (IntermediateCatchEvent or ReceiveTask) || target.Incoming.Length != 1)
                    {
                        problem(gateway, "Sau cổng sự kiện chỉ được là sự kiện chờ (hẹn giờ, thông điệp) hoặc tác vụ nhận, mỗi cái chỉ một luồng vào.");
                        break;
                    }
                }

                break;
        }
    }

    private static void CheckTimer(TimerDefinition? timer, FlowNode node, BpmnReadOptions options, Action<FlowNode, Message> problem)
    {
        if (timer is null)
        {
            return;
        }

        if (Expression.ContainsExpression(timer.Expression))
        {
            CheckExpression(timer.Expression, m => problem(node, $"Hẹn giờ: {m}"), requireSingle: false);
            return;
        }

        TimerCycle? cycle = null;
        var ok = timer.Kind switch
        {
            TimerKind.Date => Iso8601.TryParseDate(timer.Expression, TimeZoneInfo.Utc, out _),
            TimerKind.Duration => Iso8601.TryParseDuration(timer.Expression, out _),
            _ => Iso8601.TryParseCycle(timer.Expression, TimeZoneInfo.Utc, out cycle),
        };
        if (ok && cycle is not null && cycle.Period < options.MinTimerCycle)
        {
            problem(node, $"Chu kỳ hẹn giờ \"{timer.Expression}\" quá ngắn: tối thiểu {Iso8601.Describe(options.MinTimerCycle)} giữa hai lần.");
            return;
        }

        if (!ok)
        {
            var hint = timer.Kind switch
            {
                TimerKind.Date => "ngày giờ ISO 8601, ví dụ 2026-12-15T17:00:00+07:00",
                TimerKind.Duration => "khoảng thời gian ISO 8601, ví dụ P3D hoặc PT24H",
                _ => "chu kỳ ISO 8601, ví dụ R3/PT24H (biểu thức cron chưa được hỗ trợ)",
            };
            problem(node, $"Hẹn giờ \"{timer.Expression}\" không hợp lệ: cần {hint}.");
        }
    }

    private static void CheckExpression(string text, Action<string> problem, bool requireSingle)
    {
        if (!Expression.TryParse(text, out var expression, out var error))
        {
            problem(error!);
        }
        else if (requireSingle && !expression.IsSingle)
        {
            problem($"\"{text}\" phải là đúng một biểu thức ${{…}}.");
        }
    }

    /// <summary>Every node must be reachable from a start event (boundary events through their activity).</summary>
    private static void CheckReachability(ProcessModel process, Action<FlowNode, Message> problem)
    {
        var reached = new HashSet<string>();
        var queue = new Queue<string>(process.NodesIn(null).OfType<StartEvent>().Select(s => s.Id));
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            if (!process.Nodes.TryGetValue(id, out var node) || !reached.Add(id))
            {
                continue;
            }

            foreach (var flowId in node.Outgoing)
            {
                queue.Enqueue(process.Flow(flowId).TargetId);
            }

            if (node is Activity activity)
            {
                foreach (var boundary in activity.BoundaryEventIds)
                {
                    queue.Enqueue(boundary);
                }
            }

            if (node is SubProcess sub && process.NoneStart(sub.Id) is { } innerStart)
            {
                queue.Enqueue(innerStart.Id);
            }
        }

        foreach (var node in process.Nodes.Values.Where(n => !reached.Contains(n.Id)))
        {
            if (node is StartEvent { ScopeId: null })
            {
                continue;
            }

            problem(node, "Phần tử không thể đạt tới từ sự kiện bắt đầu nào.");
        }
    }
}
