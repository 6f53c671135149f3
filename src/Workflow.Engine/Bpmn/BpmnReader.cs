using System.Collections.Immutable;
using System.Xml.Linq;
using Workflow.Engine.Model;

namespace Workflow.Engine.Bpmn;

/// <summary>The processes read from one BPMN file and every problem found while reading and validating them.</summary>
public sealed record BpmnReadResult(IReadOnlyList<ProcessModel> Processes, IReadOnlyList<BpmnProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Reads BPMN 2.0 XML as bpmn-js and Camunda Modeler save it (namespaces bpmn, bpmndi, camunda) into immutable
/// <see cref="ProcessModel"/>s. Everything the engine cannot run is reported, never skipped: an unknown element, an
/// unsupported camunda attribute or extension, a script condition. Diagram interchange (bpmndi), documentation,
/// lanes, pools, text annotations and groups carry no semantics and are ignored.
/// </summary>
public static class BpmnReader
{
    public static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";

    /// <summary>Harmless camunda attributes Camunda Modeler writes; accepted and documented as having no effect here.</summary>
    private static readonly HashSet<string> NoOpCamunda =
    [
        "asyncBefore", "asyncAfter", "exclusive", "jobPriority", "versionTag", "historyTimeToLive", "isStartableInTasklist",
        "candidateStarterGroups", "candidateStarterUsers", "taskPriority", "formRef", "formRefBinding", "formRefVersion",
    ];

    private static readonly Dictionary<string, HashSet<string>> CamundaAttributes = new()
    {
        ["userTask"] = ["assignee", "candidateUsers", "candidateGroups", "dueDate", "followUpDate", "priority", "formKey"],
        ["serviceTask"] = ["type", "topic", "taskPriority"],
        ["sendTask"] = ["type", "topic", "taskPriority"],
        ["callActivity"] = ["calledElementBinding"],
        ["startEvent"] = ["formKey", "initiator"],
        ["multiInstanceLoopCharacteristics"] = ["collection", "elementVariable"],
    };

    private static readonly HashSet<string> IgnoredBpmn =
    [
        "documentation", "laneSet", "textAnnotation", "association", "group", "category", "dataObject",
        "dataObjectReference", "dataStoreReference", "incoming", "outgoing", "extensionElements",
    ];

    public static BpmnReadResult Read(byte[] content, string? resourceName = null, BpmnReadOptions? options = null)
    {
        var document = SafeXml.Load(content, out var error);
        if (error is not null)
        {
            return new([], [new BpmnProblem(null, null, error, resourceName)]);
        }

        var problems = new List<BpmnProblem>();
        var root = document.Root;
        if (root is null || root.Name != Bpmn + "definitions")
        {
            problems.Add(new(null, null, "Tệp không phải BPMN 2.0: phần tử gốc phải là bpmn:definitions.", resourceName));
            return new([], problems);
        }

        var messages = root.Elements(Bpmn + "message").ToDictionary(m => Id(m), m => (string?)m.Attribute("name"));
        var errors = root.Elements(Bpmn + "error").ToDictionary(e => Id(e), e => (string?)e.Attribute("errorCode") ?? (string?)e.Attribute("name"));
        var processes = new List<ProcessModel>();
        foreach (var child in root.Elements())
        {
            var local = child.Name.LocalName;
            if (child.Name.Namespace != Bpmn)
            {
                continue; // bpmndi:BPMNDiagram and vendor extensions at the top level carry no semantics
            }

            switch (local)
            {
                case "process":
                    var reader = new ProcessReader(messages, errors, problems, resourceName);
                    var process = reader.Read(child);
                    if (process is not null)
                    {
                        processes.Add(process);
                    }

                    break;
                case "message" or "error" or "collaboration" or "category":
                    break;
                default:
                    problems.Add(new(Id(child), Name(child), $"Phần tử bpmn:{local} chưa được hỗ trợ.", resourceName));
                    break;
            }
        }

        if (processes.Count == 0 && problems.Count == 0)
        {
            problems.Add(new(null, null, "Tệp không chứa quy trình (bpmn:process) nào.", resourceName));
        }

        foreach (var process in processes)
        {
            problems.AddRange(BpmnValidator.Validate(process, options).Select(p => p with { Resource = resourceName }));
        }

        return new(processes, problems);
    }

    internal static string Id(XElement e) => (string?)e.Attribute("id") ?? "";

    internal static string? Name(XElement e) => (string?)e.Attribute("name");

    /// <summary>Reads one bpmn:process (and its sub-processes) into a model, collecting problems.</summary>
    private sealed class ProcessReader(
        Dictionary<string, string?> messages, Dictionary<string, string?> errors, List<BpmnProblem> problems, string? resource)
    {
        private readonly List<FlowNode> _nodes = [];
        private readonly List<SequenceFlow> _flows = [];
        private readonly List<(XElement Element, string? Scope)> _boundaries = [];

        public ProcessModel? Read(XElement process)
        {
            var key = Id(process);
            if (string.IsNullOrWhiteSpace(key))
            {
                Problem(process, "Quy trình thiếu thuộc tính id (khóa quy trình).");
                return null;
            }

            CheckAttributes(process, ["id", "name", "isExecutable", "isClosed", "processType"], "process");
            ReadScope(process, null);
            ResolveBoundaries();
            return new ProcessModel(key, Name(process), _nodes, _flows, Properties(process));
        }

        private void ReadScope(XElement scope, string? scopeId)
        {
            foreach (var child in scope.Elements())
            {
                if (child.Name.Namespace != Bpmn)
                {
                    Problem(child, $"Phần tử {child.Name.LocalName} không thuộc BPMN nên không chạy được.");
                    continue;
                }

                var kind = child.Name.LocalName;
                if (kind is "multiInstanceLoopCharacteristics" or "standardLoopCharacteristics")
                {
                    continue; // a property of the enclosing sub-process, read by ReadMultiInstance
                }

                if (IgnoredBpmn.Contains(kind))
                {
                    if (kind == "extensionElements")
                    {
                        CheckExtensions(child, scope.Name.LocalName, allowed: []);
                    }

                    continue;
                }

                switch (kind)
                {
                    case "sequenceFlow":
                        ReadFlow(child);
                        break;
                    case "boundaryEvent":
                        _boundaries.Add((child, scopeId));
                        break;
                    default:
                        var node = ReadNode(child, scopeId);
                        if (node is not null)
                        {
                            _nodes.Add(node);
                        }

                        break;
                }
            }
        }

        private FlowNode? ReadNode(XElement e, string? scopeId)
        {
            var kind = e.Name.LocalName;
            var id = Id(e);
            if (string.IsNullOrWhiteSpace(id))
            {
                Problem(e, $"Phần tử bpmn:{kind} thiếu id.");
                return null;
            }

            switch (kind)
            {
                case "startEvent":
                    CheckAttributes(e, ["id", "name", "isInterrupting", "parallelMultiple"], kind);
                    CheckExtensions(e, kind, ["properties"]);
                    return new StartEvent
                    {
                        Id = id, Name = Name(e), ScopeId = scopeId, Initiator = CamundaAttr(e, "initiator"),
                        Definition = ReadEventDefinition(e, kind, EventTrigger.Timer, EventTrigger.Message),
                    };
                case "endEvent":
                    CheckAttributes(e, ["id", "name"], kind);
                    CheckExtensions(e, kind, ["properties"]);
                    return new EndEvent { Id = id, Name = Name(e), ScopeId = scopeId, Definition = ReadEventDefinition(e, kind, EventTrigger.Terminate, EventTrigger.Error) };
                case "intermediateCatchEvent":
                    CheckAttributes(e, ["id", "name", "parallelMultiple"], kind);
                    CheckExtensions(e, kind, ["properties"]);
                    var definition = ReadEventDefinition(e, kind, EventTrigger.Timer, EventTrigger.Message);
                    if (definition.Trigger == EventTrigger.None)
                    {
                        Problem(e, "Sự kiện trung gian phải là hẹn giờ (timer) hoặc chờ thông điệp (message).");
                    }

                    return new IntermediateCatchEvent { Id = id, Name = Name(e), ScopeId = scopeId, Definition = definition };
                case "userTask":
                    CheckAttributes(e, ["id", "name", "implementation"], kind);
                    CheckExtensions(e, kind, ["properties"]);
                    return new UserTask
                    {
                        Id = id, Name = Name(e), ScopeId = scopeId, MultiInstance = ReadMultiInstance(e),
                        Assignee = CamundaAttr(e, "assignee"), CandidateUsers = CamundaAttr(e, "candidateUsers"),
                        CandidateGroups = CamundaAttr(e, "candidateGroups"), DueDate = CamundaAttr(e, "dueDate"),
                        FollowUpDate = CamundaAttr(e, "followUpDate"), Priority = CamundaAttr(e, "priority"),
                        FormKey = CamundaAttr(e, "formKey"),
                    };
                case "serviceTask" or "sendTask":
                    CheckAttributes(e, ["id", "name", "implementation"], kind);
                    CheckExtensions(e, kind, ["properties"]);
                    var type = CamundaAttr(e, "type");
                    var topic = CamundaAttr(e, "topic");
                    if (type != "external" || string.IsNullOrWhiteSpace(topic))
                    {
                        Problem(e, $"bpmn:{kind} phải có camunda:type=\"external\" và camunda:topic (việc được giao cho bộ xử lý theo chủ đề).");
                    }

                    return new ServiceTask
                    {
                        Id = id, Name = Name(e), ScopeId = scopeId, MultiInstance = ReadMultiInstance(e),
                        Topic = topic ?? "", TaskPriority = CamundaAttr(e, "taskPriority"), IsSendTask = kind == "sendTask",
                    };
                case "receiveTask":
                    CheckAttributes(e, ["id", "name", "messageRef", "instantiate", "implementation"], kind);
                    CheckExtensions(e, kind, ["properties"]);
                    return new ReceiveTask
                    {
                        Id = id, Name = Name(e), ScopeId = scopeId, MultiInstance = ReadMultiInstance(e),
                        MessageName = MessageName(e, (string?)e.Attribute("messageRef")) ?? "",
                    };
                case "task" or "manualTask":
                    CheckAttributes(e, ["id", "name"], kind);
                    CheckExtensions(e, kind, ["properties"]);
                    return new PassThroughTask { Id = id, Name = Name(e), ScopeId = scopeId, MultiInstance = ReadMultiInstance(e), IsManual = kind == "manualTask" };
                case "subProcess":
                    CheckAttributes(e, ["id", "name", "triggeredByEvent"], kind);
                    CheckExtensions(e, kind, ["properties"]);
                    if ((string?)e.Attribute("triggeredByEvent") == "true")
                    {
                        Problem(e, "Tiểu quy trình sự kiện (event sub-process) chưa được hỗ trợ.");
                    }

                    ReadScope(e, id);
                    return new SubProcess { Id = id, Name = Name(e), ScopeId = scopeId, MultiInstance = ReadMultiInstance(e) };
                case "callActivity":
                    return ReadCallActivity(e, id, scopeId);
                case "exclusiveGateway" or "parallelGateway" or "inclusiveGateway" or "eventBasedGateway":
                    CheckAttributes(e, ["id", "name", "default", "gatewayDirection", "instantiate", "eventGatewayType"], kind);
                    CheckExtensions(e, kind, ["properties"]);
                    if (kind == "eventBasedGateway" && (string?)e.Attribute("instantiate") == "true")
                    {
                        Problem(e, "Cổng sự kiện khởi tạo quy trình (instantiate=true) chưa được hỗ trợ.");
                    }

                    return new Gateway
                    {
                        Id = id, Name = Name(e), ScopeId = scopeId, DefaultFlowId = (string?)e.Attribute("default"),
                        GatewayKind = kind switch
                        {
                            "exclusiveGateway" => GatewayKind.Exclusive,
                            "parallelGateway" => GatewayKind.Parallel,
                            "inclusiveGateway" => GatewayKind.Inclusive,
                            _ => GatewayKind.EventBased,
                        },
                    };
                default:
                    Problem(e, $"Phần tử bpmn:{kind} chưa được hỗ trợ.");
                    return null;
            }
        }

        private CallActivity ReadCallActivity(XElement e, string id, string? scopeId)
        {
            CheckAttributes(e, ["id", "name", "calledElement"], "callActivity");
            var binding = CamundaAttr(e, "calledElementBinding");
            if (binding is not null && binding != "latest")
            {
                Problem(e, $"camunda:calledElementBinding=\"{binding}\" chưa được hỗ trợ: hoạt động gọi luôn dùng phiên bản mới nhất.");
            }

            var inputs = ImmutableArray.CreateBuilder<VariableMapping>();
            var outputs = ImmutableArray.CreateBuilder<VariableMapping>();
            string? businessKey = null;
            var extensions = e.Element(Bpmn + "extensionElements");
            if (extensions is not null)
            {
                foreach (var x in extensions.Elements())
                {
                    if (x.Name == Camunda + "in" || x.Name == Camunda + "out")
                    {
                        if ((string?)x.Attribute("businessKey") is { } key && x.Name == Camunda + "in")
                        {
                            businessKey = key;
                            continue;
                        }

                        var mapping = new VariableMapping(
                            (string?)x.Attribute("source"), (string?)x.Attribute("sourceExpression"), (string?)x.Attribute("target"),
                            (string?)x.Attribute("variables") == "all", (string?)x.Attribute("local") == "true");
                        if (!mapping.All && mapping.Target is null)
                        {
                            Problem(e, $"camunda:{x.Name.LocalName} cần thuộc tính target (hoặc variables=\"all\").");
                        }
                        else if (!mapping.All && mapping.Source is null && mapping.SourceExpression is null)
                        {
                            Problem(e, $"camunda:{x.Name.LocalName} cần source hoặc sourceExpression.");
                        }

                        (x.Name == Camunda + "in" ? inputs : outputs).Add(mapping);
                    }
                    else if (x.Name != Camunda + "properties")
                    {
                        Problem(e, $"Phần mở rộng {x.Name.LocalName} chưa được hỗ trợ trên callActivity.");
                    }
                }
            }

            var called = (string?)e.Attribute("calledElement");
            return new CallActivity
            {
                Id = id, Name = Name(e), ScopeId = scopeId, MultiInstance = ReadMultiInstance(e), CalledElement = called ?? "",
                In = inputs.ToImmutable(), Out = outputs.ToImmutable(), BusinessKey = businessKey,
            };
        }

        private void ReadFlow(XElement e)
        {
            CheckAttributes(e, ["id", "name", "sourceRef", "targetRef", "isImmediate"], "sequenceFlow");
            CheckExtensions(e, "sequenceFlow", ["properties"]);
            string? condition = null;
            if (e.Element(Bpmn + "conditionExpression") is { } c)
            {
                var language = (string?)c.Attribute("language");
                if (language is not null)
                {
                    Problem(e, $"Điều kiện viết bằng ngôn ngữ kịch bản ({language}) chưa được hỗ trợ; hãy dùng biểu thức ${{…}}.");
                }

                condition = c.Value.Trim();
            }

            _flows.Add(new SequenceFlow
            {
                Id = Id(e), Name = Name(e), SourceId = (string?)e.Attribute("sourceRef") ?? "", TargetId = (string?)e.Attribute("targetRef") ?? "",
                Condition = string.IsNullOrWhiteSpace(condition) ? null : condition,
            });
        }

        private void ResolveBoundaries()
        {
            var activities = _nodes.OfType<Activity>().ToDictionary(a => a.Id);
            var attached = new Dictionary<string, List<string>>();
            foreach (var (e, scopeId) in _boundaries)
            {
                CheckAttributes(e, ["id", "name", "attachedToRef", "cancelActivity", "parallelMultiple"], "boundaryEvent");
                CheckExtensions(e, "boundaryEvent", ["properties"]);
                var target = (string?)e.Attribute("attachedToRef") ?? "";
                var definition = ReadEventDefinition(e, "boundaryEvent", EventTrigger.Timer, EventTrigger.Message, EventTrigger.Error);
                if (definition.Trigger == EventTrigger.None)
                {
                    Problem(e, "Sự kiện biên phải là hẹn giờ, thông điệp hoặc lỗi.");
                }

                if (!activities.ContainsKey(target))
                {
                    Problem(e, $"Sự kiện biên gắn vào \"{target}\", không phải một hoạt động của quy trình.");
                    continue;
                }

                var boundary = new BoundaryEvent
                {
                    Id = Id(e), Name = Name(e), ScopeId = scopeId, AttachedToId = target,
                    CancelActivity = (string?)e.Attribute("cancelActivity") != "false", Definition = definition,
                };
                if (definition.Trigger == EventTrigger.Error && !boundary.CancelActivity)
                {
                    Problem(e, "Sự kiện biên lỗi luôn ngắt hoạt động (cancelActivity phải là true).");
                }

                _nodes.Add(boundary);
                if (!attached.TryGetValue(target, out var list))
                {
                    attached[target] = list = [];
                }

                list.Add(boundary.Id);
            }

            for (var i = 0; i < _nodes.Count; i++)
            {
                if (_nodes[i] is Activity activity && attached.TryGetValue(activity.Id, out var ids))
                {
                    _nodes[i] = activity with { BoundaryEventIds = [.. ids] };
                }
            }

            // Incoming/outgoing come from the flows, not from the optional bpmn:incoming/outgoing children.
            var outgoing = _flows.GroupBy(f => f.SourceId).ToDictionary(g => g.Key, g => g.Select(f => f.Id).ToImmutableArray());
            var incoming = _flows.GroupBy(f => f.TargetId).ToDictionary(g => g.Key, g => g.Select(f => f.Id).ToImmutableArray());
            for (var i = 0; i < _nodes.Count; i++)
            {
                var n = _nodes[i];
                _nodes[i] = n with
                {
                    Incoming = incoming.GetValueOrDefault(n.Id, []),
                    Outgoing = outgoing.GetValueOrDefault(n.Id, []),
                };
            }
        }

        private EventDefinition ReadEventDefinition(XElement e, string kind, params EventTrigger[] allowed)
        {
            var definitions = e.Elements().Where(x => x.Name.Namespace == Bpmn && x.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
            if (definitions.Count == 0)
            {
                return EventDefinition.None;
            }

            if (definitions.Count > 1)
            {
                Problem(e, "Sự kiện có nhiều định nghĩa (multiple event) chưa được hỗ trợ.");
                return EventDefinition.None;
            }

            var d = definitions[0];
            var (trigger, result) = d.Name.LocalName switch
            {
                "timerEventDefinition" => (EventTrigger.Timer, ReadTimer(e, d)),
                "messageEventDefinition" => (EventTrigger.Message, new EventDefinition(EventTrigger.Message, MessageName: MessageName(e, (string?)d.Attribute("messageRef")))),
                "errorEventDefinition" => (EventTrigger.Error, new EventDefinition(EventTrigger.Error, ErrorCode: ErrorCode(e, (string?)d.Attribute("errorRef")))),
                "terminateEventDefinition" => (EventTrigger.Terminate, new EventDefinition(EventTrigger.Terminate)),
                _ => (EventTrigger.None, (EventDefinition?)null),
            };
            if (result is null || !allowed.Contains(trigger))
            {
                Problem(e, $"bpmn:{kind} với {d.Name.LocalName} chưa được hỗ trợ.");
                return EventDefinition.None;
            }

            return result;
        }

        private EventDefinition? ReadTimer(XElement owner, XElement d)
        {
            var parts = d.Elements().Where(x => x.Name.Namespace == Bpmn).ToList();
            if (parts.Count != 1)
            {
                Problem(owner, "Hẹn giờ cần đúng một trong timeDate, timeDuration, timeCycle.");
                return null;
            }

            var kind = parts[0].Name.LocalName switch
            {
                "timeDate" => TimerKind.Date,
                "timeDuration" => TimerKind.Duration,
                "timeCycle" => TimerKind.Cycle,
                _ => (TimerKind?)null,
            };
            if (kind is null)
            {
                Problem(owner, $"Hẹn giờ {parts[0].Name.LocalName} không hợp lệ.");
                return null;
            }

            return new EventDefinition(EventTrigger.Timer, Timer: new TimerDefinition(kind.Value, parts[0].Value.Trim()));
        }

        private string? MessageName(XElement owner, string? messageRef)
        {
            if (messageRef is null || !messages.TryGetValue(messageRef, out var name) || string.IsNullOrWhiteSpace(name))
            {
                Problem(owner, $"Thông điệp \"{messageRef}\" không được khai báo (bpmn:message có name).");
                return null;
            }

            return name;
        }

        private string? ErrorCode(XElement owner, string? errorRef)
        {
            if (errorRef is null)
            {
                return null; // a boundary without errorRef catches every error
            }

            if (!errors.TryGetValue(errorRef, out var code))
            {
                Problem(owner, $"Lỗi \"{errorRef}\" không được khai báo (bpmn:error).");
                return null;
            }

            return code;
        }

        private MultiInstance? ReadMultiInstance(XElement e)
        {
            if (e.Element(Bpmn + "standardLoopCharacteristics") is not null)
            {
                Problem(e, "Vòng lặp chuẩn (standardLoopCharacteristics) chưa được hỗ trợ; hãy dùng đa thể hiện.");
            }

            var mi = e.Element(Bpmn + "multiInstanceLoopCharacteristics");
            if (mi is null)
            {
                return null;
            }

            CheckAttributes(mi, ["isSequential", "behavior"], "multiInstanceLoopCharacteristics");
            CheckExtensions(mi, "multiInstanceLoopCharacteristics", []);
            return new MultiInstance
            {
                IsSequential = (string?)mi.Attribute("isSequential") == "true",
                LoopCardinality = mi.Element(Bpmn + "loopCardinality")?.Value.Trim(),
                CompletionCondition = mi.Element(Bpmn + "completionCondition")?.Value.Trim(),
                Collection = (string?)mi.Attribute(Camunda + "collection"),
                ElementVariable = (string?)mi.Attribute(Camunda + "elementVariable"),
            };
        }

        private static string? CamundaAttr(XElement e, string name) =>
            (string?)e.Attribute(Camunda + name) is { } v && v.Length > 0 ? v : null;

        /// <summary>Reports BPMN attributes the engine does not know and camunda attributes it does not run.</summary>
        private void CheckAttributes(XElement e, string[] bpmn, string kind)
        {
            foreach (var a in e.Attributes())
            {
                if (a.IsNamespaceDeclaration)
                {
                    continue;
                }

                if (a.Name.Namespace == XNamespace.None)
                {
                    if (!bpmn.Contains(a.Name.LocalName))
                    {
                        Problem(e, $"Thuộc tính {a.Name.LocalName} của bpmn:{kind} chưa được hỗ trợ.");
                    }
                }
                else if (a.Name.Namespace == Camunda)
                {
                    var name = a.Name.LocalName;
                    if (!NoOpCamunda.Contains(name) && !(CamundaAttributes.TryGetValue(kind, out var ok) && ok.Contains(name)))
                    {
                        Problem(e, $"Thuộc tính camunda:{name} trên bpmn:{kind} chưa được hỗ trợ.");
                    }
                }

                // Other namespaces (modeler, bioc colour, vendor tools) are presentation only.
            }
        }

        /// <summary>The process's camunda:property entries (the last one wins when a name repeats).</summary>
        private static Dictionary<string, string> Properties(XElement process)
        {
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = process.Element(Bpmn + "extensionElements")?.Elements(Camunda + "properties").Elements(Camunda + "property") ?? [];
            foreach (var entry in entries)
            {
                if ((string?)entry.Attribute("name") is { Length: > 0 } name)
                {
                    properties[name] = (string?)entry.Attribute("value") ?? "";
                }
            }

            return properties;
        }

        private void CheckExtensions(XElement e, string kind, string[] allowed)
        {
            var extensions = e.Name.LocalName == "extensionElements" ? e : e.Element(Bpmn + "extensionElements");
            if (extensions is null)
            {
                return;
            }

            foreach (var x in extensions.Elements())
            {
                if (x.Name.Namespace == Camunda && !allowed.Contains(x.Name.LocalName) && x.Name.LocalName != "properties")
                {
                    Problem(extensions.Parent ?? e, $"Phần mở rộng camunda:{x.Name.LocalName} trên bpmn:{kind} chưa được hỗ trợ.");
                }
            }
        }

        private void Problem(XElement e, Message message) => problems.Add(new BpmnProblem(Id(e), Name(e), message, resource));
    }
}
