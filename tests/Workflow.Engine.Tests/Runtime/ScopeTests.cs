using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Runtime;

public sealed class ScopeTests
{
    [Fact]
    public async Task Parallel_multi_instance_stops_at_its_completion_condition()
    {
        var h = new EngineHarness();
        await h.DeployAsync("multi-instance.bpmn");
        var instance = await h.StartAsync("multiInstance", ("reviewers", new[] { "hung", "ha", "manh" }));
        var tasks = await h.TasksAsync(instance.Id);
        Assert.Equal(["ha", "hung", "manh"], tasks.Select(t => t.Assignee).Order());

        await h.Engine.CompleteTaskAsync(tasks.Single(t => t.Assignee == "hung").Id, Vars.Of(("vote", "yes")));
        Assert.Equal(0, h.Started(instance.Id, "count"));
        await h.Engine.CompleteTaskAsync(tasks.Single(t => t.Assignee == "ha").Id);

        var after = await h.TasksAsync(instance.Id);
        Assert.Equal(["count"], after.Select(t => t.ElementId));
        Assert.Equal(1, h.Cancelled(instance.Id, "vote"));
        // The iteration variable stayed local: the process has no "reviewer", but it has the task's result.
        var variables = (await h.InstanceAsync(instance.Id)).Variables;
        Assert.False(variables.ContainsKey("reviewer"));
        Assert.Equal("yes", variables["vote"].ToObject());
    }

    [Fact]
    public async Task Sequential_multi_instance_runs_one_iteration_at_a_time()
    {
        var h = new EngineHarness();
        await h.DeployAsync("sequential.bpmn");
        var instance = await h.StartAsync("sequential", ("n", 3));

        for (var i = 0; i < 3; i++)
        {
            var task = Assert.Single(await h.TasksAsync(instance.Id));
            Assert.Equal($"signer{i}", task.Assignee);
            await h.Engine.CompleteTaskAsync(task.Id);
        }

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task Call_activity_maps_variables_in_and_out_and_waits_for_the_child()
    {
        var h = new EngineHarness();
        await h.DeployAsync("call-child.bpmn", "call-parent.bpmn");
        var parent = await h.Engine.StartByKeyAsync("parent", Vars.Of(("unitName", "Chi bộ Văn phòng"), ("score", 45)), businessKey: "2026-SCT");

        var child = h.Store.Instances().Single(i => i.ParentInstanceId == parent.Id);
        Assert.Equal("2026-SCT-con", child.BusinessKey);
        Assert.Equal(90L, child.Variables["doubled"].ToObject());
        var work = Assert.Single(child.Tasks);
        Assert.Equal("Chi bộ Văn phòng", work.Assignee);

        await h.Engine.CompleteTaskAsync(work.Id, Vars.Of(("result", "HTTNV")));

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(child.Id)).Status);
        var after = await h.InstanceAsync(parent.Id);
        Assert.Equal("HTTNV", after.Variables["childResult"].ToObject());
        Assert.Equal(["after"], after.Tasks.Select(t => t.ElementId));
    }

    [Fact]
    public async Task Cancelling_the_parent_cancels_the_called_child()
    {
        var h = new EngineHarness();
        await h.DeployAsync("call-child.bpmn", "call-parent.bpmn");
        var parent = await h.StartAsync("parent", ("unitName", "x"), ("score", 1));
        var child = h.Store.Instances().Single(i => i.ParentInstanceId == parent.Id);

        await h.Engine.CancelInstanceAsync(parent.Id, "mở lại đợt");

        Assert.Equal(InstanceStatus.Cancelled, (await h.InstanceAsync(child.Id)).Status);
        Assert.Empty((await h.InstanceAsync(child.Id)).Tasks);
    }
}
