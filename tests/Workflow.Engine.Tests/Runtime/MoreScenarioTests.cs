using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Runtime;

public sealed class MoreScenarioTests
{
    [Fact]
    public async Task A_receive_task_continues_on_its_message_for_the_right_business_key()
    {
        var h = new EngineHarness();
        await h.DeployAsync("messages.bpmn");
        var a = await h.Engine.StartByKeyAsync("messages", businessKey: "CB-1");
        var b = await h.Engine.StartByKeyAsync("messages", businessKey: "CB-2");

        var result = await h.Engine.CorrelateMessageAsync("minutesUploaded", businessKey: "CB-2", variables: Vars.Of(("votes", 12)));

        Assert.Equal([b.Id], result.InstanceIds);
        Assert.Equal(["review"], (await h.TasksAsync(b.Id)).Select(t => t.ElementId));
        Assert.Empty(await h.TasksAsync(a.Id));
        Assert.Equal(12L, (await h.InstanceAsync(b.Id)).Variables["votes"].ToObject());
    }

    [Fact]
    public async Task A_message_boundary_interrupts_the_waiting_activity()
    {
        var h = new EngineHarness();
        await h.DeployAsync("messages.bpmn");
        var instance = await h.Engine.StartByKeyAsync("messages", businessKey: "CB-9");

        await h.Engine.CorrelateMessageAsync("withdrawn", businessKey: "CB-9");

        var after = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStatus.Completed, after.Status);
        Assert.Empty(after.Subscriptions);
        Assert.Equal(1, h.Cancelled(instance.Id, "waitMinutes"));
        Assert.False((await h.Engine.CorrelateMessageAsync("minutesUploaded", businessKey: "CB-9")).Matched);
    }

    [Fact]
    public async Task Multi_instance_sub_process_and_sequential_call_activity_complete_every_iteration()
    {
        var h = new EngineHarness();
        await h.DeployAsync("call-child.bpmn", "mi-scopes.bpmn");
        var instance = await h.StartAsync("miScopes", ("branches", new[] { "cb1", "cb2" }), ("members", new[] { "Hà", "Hùng" }));

        var assess = await h.TasksAsync(instance.Id);
        Assert.Equal(["cb1", "cb2"], assess.Select(t => t.Assignee).Order());
        foreach (var task in assess)
        {
            await h.Engine.CompleteTaskAsync(task.Id);
        }

        Assert.Equal(2, h.Completed(instance.Id, "se"));
        foreach (var expected in new[] { "Hà", "Hùng" })
        {
            var child = Assert.Single(h.Store.Instances(), i => i.ParentInstanceId == instance.Id && !i.IsEnded);
            var work = Assert.Single(child.Tasks);
            Assert.Equal(expected, work.Assignee);
            await h.Engine.CompleteTaskAsync(work.Id);
        }

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task A_file_as_Camunda_Modeler_saves_it_runs_and_records_the_initiator()
    {
        var h = new EngineHarness();
        await h.DeployXmlAsync("modeler.bpmn", """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.31.0" modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.22.0">
              <bpmn:process id="Process_1" name="Từ Modeler" isExecutable="true" camunda:historyTimeToLive="180" camunda:versionTag="1.0">
                <bpmn:startEvent id="StartEvent_1" camunda:initiator="starter">
                  <bpmn:extensionElements><camunda:properties><camunda:property name="x" value="y" /></camunda:properties></bpmn:extensionElements>
                  <bpmn:outgoing>Flow_1</bpmn:outgoing>
                </bpmn:startEvent>
                <bpmn:userTask id="Activity_1" name="Duyệt" camunda:assignee="${starter}" camunda:asyncBefore="true">
                  <bpmn:documentation>Ghi chú</bpmn:documentation>
                  <bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing>
                </bpmn:userTask>
                <bpmn:endEvent id="Event_1"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Activity_1" />
                <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_1" targetRef="Event_1" />
              </bpmn:process>
              <bpmndi:BPMNDiagram id="BPMNDiagram_1"><bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Process_1">
                <bpmndi:BPMNShape id="_BPMNShape_StartEvent_2" bpmnElement="StartEvent_1"><dc:Bounds x="179" y="79" width="36" height="36" /></bpmndi:BPMNShape>
              </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """);

        var instance = await h.Engine.StartByKeyAsync("Process_1", actor: "btc.khoi");

        Assert.Equal("btc.khoi", Assert.Single(await h.TasksAsync(instance.Id)).Assignee);
    }
}

public sealed class UserTaskAttributeTests
{
    [Fact]
    public async Task Every_camunda_user_task_attribute_is_evaluated_when_the_task_is_created()
    {
        var h = new EngineHarness();
        await h.DeployXmlAsync("attrs.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="attrs" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
                <bpmn:userTask id="t" name="Thẩm định" camunda:candidateUsers="${secretary}, btc.khoi" camunda:candidateGroups="OrganizationBoard:${unit},InspectionCommittee:${unit}"
                  camunda:dueDate="${due}" camunda:followUpDate="P2D" camunda:priority="${urgent ? 80 : 50}" camunda:formKey="rating:${form}" />
                <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        var instance = await h.StartAsync("attrs", ("secretary", "bithu.sct"), ("unit", "ĐUK"), ("due", "2026-12-10T17:00:00"),
            ("urgent", true), ("form", "board-review"));

        var task = Assert.Single(await h.TasksAsync(instance.Id));
        Assert.Equal(["bithu.sct", "btc.khoi"], task.CandidateUsers);
        Assert.Equal(["OrganizationBoard:ĐUK", "InspectionCommittee:ĐUK"], task.CandidateGroups);
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 17, 0, 0, TimeSpan.FromHours(7)), task.DueAt); // no offset: Việt Nam time
        Assert.Equal(h.Clock.Now.AddDays(2), task.FollowUpAt);
        Assert.Equal(80, task.Priority);
        Assert.Equal("rating:board-review", task.FormKey);
    }
}
