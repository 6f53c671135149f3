using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Runtime;

public sealed class IncidentTests
{
    private const string Loop = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="loopy" isExecutable="true">
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g" />
            <bpmn:exclusiveGateway id="g" default="plain" />
            <bpmn:sequenceFlow id="spin" sourceRef="g" targetRef="a"><bpmn:conditionExpression>${spin &amp;&amp; (() => { while (true) {} })()}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="plain" sourceRef="g" targetRef="a" />
            <bpmn:userTask id="a" /><bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="e" /><bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task An_endless_condition_becomes_an_incident_while_other_instances_keep_running()
    {
        var h = new EngineHarness();
        await h.DeployXmlAsync("loop.bpmn", Loop);

        var stuck = await h.StartAsync("loopy", ("spin", true));
        var fine = await h.StartAsync("loopy", ("spin", false));

        var incident = Assert.Single((await h.InstanceAsync(stuck.Id)).Incidents);
        Assert.Equal("g", incident.ElementId);
        Assert.Equal("failedExpression", incident.Type);
        // Either limit may stop the loop first: the statement count or the time.
        Assert.True(incident.Message.Contains("vòng lặp", StringComparison.Ordinal) || incident.Message.Contains("quá thời gian", StringComparison.Ordinal), incident.Message);
        Assert.Equal(["a"], (await h.TasksAsync(fine.Id)).Select(t => t.ElementId));
        await h.CompleteAsync(fine.Id, "a");
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(fine.Id)).Status);
    }

    [Fact]
    public async Task A_missing_variable_is_an_incident_and_retry_resumes_after_it_is_set()
    {
        var h = new EngineHarness();
        await h.DeployAsync("review-loop.bpmn");
        var instance = await h.StartAsync("reviewLoop", ("unit", "SCT"));
        await h.CompleteAsync(instance.Id, "selfAssess");

        await h.CompleteAsync(instance.Id, "review"); // no "action" variable: the gateway cannot decide
        var incident = Assert.Single((await h.InstanceAsync(instance.Id)).Incidents);
        Assert.Equal("decision", incident.ElementId);
        Assert.Contains("action", incident.Message);

        await h.Engine.SetVariablesAsync(instance.Id, Vars.Of(("action", "accept")));
        await h.Engine.RetryIncidentAsync(incident.Id);

        var after = await h.InstanceAsync(instance.Id);
        Assert.Empty(after.Incidents);
        Assert.Equal(InstanceStatus.Completed, after.Status);
    }

    [Fact]
    public async Task An_expression_error_in_a_user_task_creates_no_half_task()
    {
        var h = new EngineHarness();
        await h.DeployAsync("multi-instance.bpmn");

        var instance = await h.StartAsync("multiInstance", ("reviewers", "not a list"));

        var after = await h.InstanceAsync(instance.Id);
        Assert.Empty(after.Tasks);
        Assert.Contains("mảng", Assert.Single(after.Incidents).Message);
    }

    [Fact]
    public async Task A_message_nobody_waits_for_is_kept_as_an_incident_and_delivered_on_retry()
    {
        var h = new EngineHarness();
        await h.DeployAsync("messages.bpmn");
        await h.DeployXmlAsync("early.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:message id="m" name="minutesUploaded" />
              <bpmn:process id="early" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="prepare" /><bpmn:userTask id="prepare" />
                <bpmn:sequenceFlow id="f2" sourceRef="prepare" targetRef="wait" /><bpmn:receiveTask id="wait" messageRef="m" />
                <bpmn:sequenceFlow id="f3" sourceRef="wait" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var instance = await h.Engine.StartByKeyAsync("early", businessKey: "CB-7");

        var result = await h.Engine.CorrelateMessageAsync("minutesUploaded", businessKey: "CB-7", variables: Vars.Of(("votes", 9)));

        Assert.False(result.Matched);
        Assert.Equal([instance.Id], result.ParkedOn);
        var incident = Assert.Single((await h.InstanceAsync(instance.Id)).Incidents);
        Assert.Equal(("unknownMessage", "prepare"), (incident.Type, incident.ElementId));
        await Assert.ThrowsAsync<EngineStateException>(() => h.Engine.RetryIncidentAsync(incident.Id));
        Assert.Single((await h.InstanceAsync(instance.Id)).Incidents);

        await h.CompleteAsync(instance.Id, "prepare");
        await h.Engine.RetryIncidentAsync(incident.Id);

        var after = await h.InstanceAsync(instance.Id);
        Assert.Empty(after.Incidents);
        Assert.Equal(InstanceStatus.Completed, after.Status);
        Assert.Equal(9L, after.Variables["votes"].ToObject());
    }

    [Fact]
    public async Task A_cycle_expression_shorter_than_the_minimum_becomes_an_incident()
    {
        var h = new EngineHarness();
        await h.DeployXmlAsync("fast.bpmn", """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:process id="fast" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
                <bpmn:userTask id="work" /><bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" /><bpmn:endEvent id="e" />
                <bpmn:boundaryEvent id="nag" attachedToRef="work" cancelActivity="false">
                  <bpmn:timerEventDefinition><bpmn:timeCycle>${cycle}</bpmn:timeCycle></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="f3" sourceRef="nag" targetRef="e2" /><bpmn:endEvent id="e2" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        var instance = await h.StartAsync("fast", ("cycle", "R/PT0.001S"));

        var incident = Assert.Single((await h.InstanceAsync(instance.Id)).Incidents);
        Assert.Contains("tối thiểu 1 phút", incident.Message);
        Assert.Empty((await h.InstanceAsync(instance.Id)).Timers);
    }
}
