using Workflow.Engine.Ports;

namespace Workflow.Engine.Tests.Runtime;

public sealed class StartEventTests
{
    private static string Process(string key, string timer) => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="{key}" isExecutable="true">
            <bpmn:startEvent id="monthly" name="Mở đợt hằng tháng"><bpmn:timerEventDefinition>{timer}</bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:sequenceFlow id="f" sourceRef="monthly" targetRef="score" /><bpmn:userTask id="score" name="Chấm điểm sinh hoạt chi bộ" />
            <bpmn:sequenceFlow id="f2" sourceRef="score" targetRef="e" /><bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_cycle_start_event_starts_an_instance_each_period_and_stops_after_its_repetitions()
    {
        var h = new EngineHarness();
        await h.DeployXmlAsync("cycle.bpmn", Process("meetings", "<bpmn:timeCycle>R3/P30D</bpmn:timeCycle>"));
        Assert.Single(h.Scheduler.Effects.OfType<TimerScheduled>(), e => e.InstanceId == Guid.Empty);

        await h.AdvanceAsync(TimeSpan.FromDays(200));

        var started = h.Store.Instances().Where(i => i.DefinitionKey == "meetings").OrderBy(i => i.StartedAt).ToList();
        Assert.Equal(3, started.Count);
        Assert.All(started, i => Assert.Equal("score", Assert.Single(i.Tasks).ElementId));
        Assert.Equal(TimeSpan.FromDays(30), started[1].StartedAt - started[0].StartedAt);
        Assert.Empty(h.Store.StartTimers());
    }

    [Fact]
    public async Task A_date_start_event_fires_once_and_a_new_version_replaces_the_old_timer()
    {
        var h = new EngineHarness();
        await h.DeployXmlAsync("date.bpmn", Process("yearEnd", "<bpmn:timeDate>2026-12-15T08:00:00+07:00</bpmn:timeDate>"));
        var first = Assert.Single(h.Store.StartTimers());

        await h.DeployXmlAsync("date.bpmn", Process("yearEnd", "<bpmn:timeDate>2026-12-20T08:00:00+07:00</bpmn:timeDate>"));
        var second = Assert.Single(h.Store.StartTimers());
        Assert.NotEqual(first.Id, second.Id);
        Assert.Contains(h.Scheduler.Effects.OfType<TimerCancelled>(), e => e.TimerId == first.Id);

        Assert.True(await h.Engine.FireStartTimerAsync(first.Id)); // the replaced timer's job: a no-op
        Assert.False(await h.Engine.FireStartTimerAsync(second.Id)); // not yet due
        Assert.Empty(h.Store.Instances());

        await h.AdvanceAsync(TimeSpan.FromDays(30));
        var instance = Assert.Single(h.Store.Instances());
        Assert.Equal(new DateTimeOffset(2026, 12, 20, 8, 0, 0, TimeSpan.FromHours(7)), instance.StartedAt);
        Assert.Empty(h.Store.StartTimers());
    }
}
