using System.Text;

namespace Workflow.Web.Tests.Processes;

/// <summary>Small processes the host tests deploy.</summary>
internal static class TestProcesses
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
        """;

    /// <summary>A user task with an interrupting timer (after <paramref name="seconds"/>) that escalates.</summary>
    public static (string, byte[]) Escalation(string key, int seconds) => ($"{key}.bpmn", Encoding.UTF8.GetBytes(Head + $"""
          <bpmn:process id="{key}" isExecutable="true">
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" />
            <bpmn:userTask id="review" name="Thẩm định" camunda:candidateGroups="OrganizationBoard" />
            <bpmn:boundaryEvent id="late" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT{seconds}S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="late" targetRef="escalate" /><bpmn:userTask id="escalate" name="Cấp trên xử lý" />
            <bpmn:sequenceFlow id="f3" sourceRef="escalate" targetRef="e" /><bpmn:sequenceFlow id="f4" sourceRef="review" targetRef="e" /><bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """));

    /// <summary>A service task on <paramref name="topic"/> followed by a user task; a BPMN error goes to "handle".</summary>
    public static (string, byte[]) Service(string key, string topic) => ($"{key}.bpmn", Encoding.UTF8.GetBytes(Head + $"""
          <bpmn:error id="err" errorCode="REFUSED" />
          <bpmn:process id="{key}" isExecutable="true">
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
            <bpmn:serviceTask id="work" camunda:type="external" camunda:topic="{topic}" />
            <bpmn:boundaryEvent id="refused" attachedToRef="work"><bpmn:errorEventDefinition errorRef="err" /></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="refused" targetRef="handle" /><bpmn:userTask id="handle" />
            <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="after" /><bpmn:userTask id="after" />
            <bpmn:sequenceFlow id="f4" sourceRef="after" targetRef="e" /><bpmn:sequenceFlow id="f5" sourceRef="handle" targetRef="e" /><bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """));

    public static (string, byte[]) SingleTask(string key) => ($"{key}.bpmn", Encoding.UTF8.GetBytes(Head + $$"""
          <bpmn:process id="{{key}}" isExecutable="true">
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
            <bpmn:userTask id="t" camunda:assignee="${owner}" /><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """));

    /// <summary>A timer start event on a short cycle, starting an instance waiting at one user task each time.</summary>
    public static (string, byte[]) StartCycle(string key, string cycle) => ($"{key}.bpmn", Encoding.UTF8.GetBytes(Head + $"""
          <bpmn:process id="{key}" isExecutable="true">
            <bpmn:startEvent id="tick"><bpmn:timerEventDefinition><bpmn:timeCycle>{cycle}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="tick" targetRef="t" /><bpmn:userTask id="t" />
            <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """));

    /// <summary>Two timers one after the other (the second created by the first's firing), then a user task "after".</summary>
    public static (string, byte[]) TwoTimers(string key, int firstSeconds, int secondSeconds) => ($"{key}.bpmn", Encoding.UTF8.GetBytes(Head + $"""
          <bpmn:process id="{key}" isExecutable="true">
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait1" />
            <bpmn:intermediateCatchEvent id="wait1"><bpmn:timerEventDefinition><bpmn:timeDuration>PT{firstSeconds}S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="wait1" targetRef="wait2" />
            <bpmn:intermediateCatchEvent id="wait2"><bpmn:timerEventDefinition><bpmn:timeDuration>PT{secondSeconds}S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="wait2" targetRef="after" /><bpmn:userTask id="after" />
            <bpmn:sequenceFlow id="f4" sourceRef="after" targetRef="e" /><bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """));
}
