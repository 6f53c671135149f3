using System.Text;
using Workflow.Engine.Bpmn;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Runtime;

public sealed class DeploymentTests
{
    [Fact]
    public async Task Same_content_is_a_no_op_and_a_change_is_the_next_version_while_running_instances_stay()
    {
        var h = new EngineHarness();
        var v1 = Assert.Single((await h.DeployAsync("review-loop.bpmn")).Deployed);
        var running = await h.StartAsync("reviewLoop", ("unit", "A"));

        var again = await h.DeployAsync("review-loop.bpmn");
        Assert.Empty(again.Deployed);
        Assert.Null(again.Deployment);

        var changed = Encoding.UTF8.GetString(EngineHarness.Scenario("review-loop.bpmn")).Replace("name=\"Thẩm định\"", "name=\"Thẩm định (mới)\"", StringComparison.Ordinal);
        var v2 = Assert.Single((await h.DeployXmlAsync("review-loop.bpmn", changed)).Deployed);
        Assert.Equal((1, 2), (v1.Version, v2.Version));

        var fresh = await h.StartAsync("reviewLoop", ("unit", "B"));
        Assert.Equal(v2.Id, fresh.DefinitionId);
        Assert.Equal(v1.Id, (await h.InstanceAsync(running.Id)).DefinitionId);
        await h.CompleteAsync(running.Id, "selfAssess");
        await h.CompleteAsync(running.Id, "review", ("action", "accept"));
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(running.Id)).Status);
    }

    [Fact]
    public async Task One_invalid_file_refuses_the_whole_deployment()
    {
        var h = new EngineHarness();
        var bad = Encoding.UTF8.GetBytes("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process id=\"x\"><bpmn:startEvent id=\"s\"/><bpmn:exclusiveGateway id=\"g\"/><bpmn:sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"g\"/></bpmn:process></bpmn:definitions>");

        var error = await Assert.ThrowsAsync<BpmnValidationException>(() => h.Engine.DeployAsync("two", [("good.bpmn", EngineHarness.Scenario("parallel-join.bpmn")), ("bad.bpmn", bad)]));

        Assert.Contains(error.Problems, p => p.ElementId == "g" && p.Resource == "bad.bpmn");
        Assert.Null(await h.Store.GetLatestDefinitionAsync("parallel"));
    }

    [Fact]
    public async Task Message_start_event_starts_an_instance_when_nobody_waits()
    {
        var h = new EngineHarness();
        await h.DeployXmlAsync("ms.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:message id="m" name="complaintFiled" />
              <bpmn:process id="complaint" isExecutable="true">
                <bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
                <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" /><bpmn:userTask id="t" />
                <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        var result = await h.Engine.CorrelateMessageAsync("complaintFiled", businessKey: "KN-1", variables: Vars.Of(("reason", "Sai số liệu")));

        Assert.True(result.StartedNewInstance);
        var instance = await h.InstanceAsync(Assert.Single(result.InstanceIds));
        Assert.Equal("KN-1", instance.BusinessKey);
        Assert.Equal("Sai số liệu", instance.Variables["reason"].ToObject());
    }
}

public sealed class BulkStartTests
{
    [Fact]
    public async Task Start_many_runs_in_batches_and_each_instance_waits_at_its_task()
    {
        var h = new EngineHarness();
        var definition = Assert.Single((await h.DeployAsync("review-loop.bpmn")).Deployed);
        var items = Enumerable.Range(0, 2500)
            .Select(i => ((string?)$"subject-{i}", (IReadOnlyDictionary<string, TypedValue>?)Vars.Of(("unit", $"U{i}")))).ToList();
        var progress = new List<int>();

        var ids = await h.Engine.StartManyAsync(definition, items, batchSize: 1000, progress: new SyncProgress(progress));

        Assert.Equal(2500, ids.Distinct().Count());
        Assert.Equal([1000, 2000, 2500], progress);
        var instances = h.Store.Instances();
        Assert.Equal(2500, instances.Count);
        Assert.All(instances, i => Assert.Equal($"BranchSecretary:U{i.BusinessKey!["subject-".Length..]}", Assert.Single(i.Tasks).CandidateGroups.Single()));
    }

    [Fact]
    public async Task Prepared_starts_are_computed_off_thread_and_saved_only_when_asked()
    {
        var h = new EngineHarness();
        var definition = Assert.Single((await h.DeployAsync("review-loop.bpmn")).Deployed);
        var items = Enumerable.Range(0, 300)
            .Select(i => ((string?)$"subject-{i}", (IReadOnlyDictionary<string, TypedValue>?)Vars.Of(("unit", $"U{i}")))).ToList();

        var prepared = await Task.Run(() => h.Engine.PrepareStartsAsync(definition, items, "opener"));

        Assert.NotNull(prepared);
        Assert.Equal(300, prepared.Ids.Distinct().Count());
        Assert.Empty(h.Store.Instances());                 // nothing written yet
        Assert.Empty(h.Scheduler.Effects);                 // and nothing scheduled before the save

        await h.Engine.SavePreparedAsync(prepared);

        var instances = h.Store.Instances();
        Assert.Equal(prepared.Ids.Order(), instances.Select(i => i.Id).Order());
        Assert.All(instances, i => Assert.Equal($"BranchSecretary:U{i.BusinessKey!["subject-".Length..]}", Assert.Single(i.Tasks).CandidateGroups.Single()));
        Assert.Equal(300, h.Scheduler.Effects.OfType<Workflow.Engine.Ports.UserTaskCreated>().Count());
        var journal = h.Store.JournalOf(prepared.Ids[0]);
        Assert.Contains(journal, j => j.ElementId == "selfAssess" && j.Event == JournalEvent.ActivityStarted);
        Assert.All(journal, j => Assert.Equal("opener", j.Actor));
    }

    [Fact]
    public async Task A_process_that_needs_the_store_to_start_is_not_prepared_and_starts_the_ordinary_way()
    {
        var h = new EngineHarness();
        await h.DeployAsync("call-child.bpmn", "call-parent.bpmn");
        var parent = (await h.Engine.Store.GetLatestDefinitionAsync("parent"))!;
        var items = new List<(string?, IReadOnlyDictionary<string, TypedValue>?)> { ("P-1", Vars.Of(("unitName", "Chi bộ 1"), ("score", 45))), ("P-2", Vars.Of(("unitName", "Chi bộ 2"), ("score", 50))) };

        Assert.Null(await h.Engine.PrepareStartsAsync(parent, items));
        Assert.Empty(h.Store.Instances());

        var ids = await h.Engine.StartManyAsync(parent, items);
        Assert.Equal(2, ids.Count);
        Assert.Equal(4, h.Store.Instances().Count);        // each parent with its called child
    }

    private sealed class SyncProgress(List<int> into) : IProgress<int>
    {
        public void Report(int value) => into.Add(value);
    }
}
