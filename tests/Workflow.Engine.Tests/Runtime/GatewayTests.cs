using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Runtime;

public sealed class GatewayTests
{
    [Fact]
    public async Task Parallel_join_waits_for_both_branches_and_fires_once()
    {
        var h = new EngineHarness();
        await h.DeployAsync("parallel-join.bpmn");
        var instance = await h.StartAsync("parallel");
        Assert.Equal(["board", "inspection"], (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Order());

        await h.CompleteAsync(instance.Id, "board");
        Assert.Equal(0, h.Started(instance.Id, "after"));
        Assert.Equal(InstanceStatus.Active, (await h.InstanceAsync(instance.Id)).Status);

        await h.CompleteAsync(instance.Id, "inspection");
        Assert.Equal(1, h.Started(instance.Id, "after"));
        Assert.Equal(1, h.Completed(instance.Id, "join"));
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task Inclusive_join_waits_only_for_the_branches_taken()
    {
        var h = new EngineHarness();
        await h.DeployAsync("inclusive.bpmn");
        var instance = await h.StartAsync("inclusive", ("x", 1), ("y", 5));

        Assert.Equal(["a", "b"], (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Order());
        await h.CompleteAsync(instance.Id, "b");
        Assert.Equal(0, h.Completed(instance.Id, "join"));
        await h.CompleteAsync(instance.Id, "a");

        Assert.Equal(1, h.Completed(instance.Id, "join"));
        Assert.Equal(1, h.Started(instance.Id, "after"));
        Assert.Equal(0, h.Started(instance.Id, "c"));
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
        Assert.Equal([["toA", "toB"]], TakenAt(h, instance.Id, "fork"));
    }

    [Fact]
    public async Task Inclusive_fork_takes_the_default_when_no_condition_holds()
    {
        var h = new EngineHarness();
        await h.DeployAsync("inclusive.bpmn");
        var instance = await h.StartAsync("inclusive", ("x", 0), ("y", 0));

        Assert.Equal(["c"], (await h.TasksAsync(instance.Id)).Select(t => t.ElementId));
        await h.CompleteAsync(instance.Id, "c");
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task Exclusive_gateway_loops_back_on_return_and_keeps_the_history()
    {
        var h = new EngineHarness();
        await h.DeployAsync("review-loop.bpmn");
        var instance = await h.StartAsync("reviewLoop", ("unit", "SCT"));
        var first = await h.TaskAsync(instance.Id, "selfAssess");
        Assert.Equal(["BranchSecretary:SCT"], first.CandidateGroups);
        Assert.Equal("mau-01", first.FormKey);

        await h.CompleteAsync(instance.Id, "selfAssess");
        await h.CompleteAsync(instance.Id, "review", ("action", "return"));
        await h.CompleteAsync(instance.Id, "selfAssess");
        await h.CompleteAsync(instance.Id, "review", ("action", "accept"));

        Assert.Equal(2, h.Completed(instance.Id, "selfAssess"));
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
        // Each pass through the gateway names the flow it took, for the instance viewer's path.
        Assert.Equal([["returned"], ["accepted"]], TakenAt(h, instance.Id, "decision"));
        Assert.All(h.Store.JournalOf(instance.Id).Where(j => j.ElementId == "selfAssess" && j.Event == JournalEvent.ActivityCompleted),
            j => Assert.Null(j.Detail));
    }

    private static List<List<string>> TakenAt(EngineHarness h, Guid instanceId, string gatewayId) =>
        [.. h.Store.JournalOf(instanceId).Where(j => j.ElementId == gatewayId && j.Event == JournalEvent.ActivityCompleted)
            .Select(j => TakenFlows.Parse(j.Detail).ToList())];

    [Fact]
    public async Task Event_based_gateway_takes_the_message_when_it_comes_first_and_drops_the_timer()
    {
        var h = new EngineHarness();
        await h.DeployAsync("event-gateway.bpmn");
        var instance = await h.StartAsync("eventGateway");
        Assert.Single((await h.InstanceAsync(instance.Id)).Timers);

        var result = await h.Engine.CorrelateMessageAsync("approved", variables: Vars.Of(("by", "btv")));

        Assert.Equal([instance.Id], result.InstanceIds);
        var after = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStatus.Completed, after.Status);
        Assert.Empty(after.Timers);
        Assert.Equal(1, h.Completed(instance.Id, "done"));
        Assert.Equal(0, h.Started(instance.Id, "timedOut"));
        await h.AdvanceAsync(TimeSpan.FromHours(3));
        Assert.Equal(0, h.Started(instance.Id, "timedOut"));
    }

    [Fact]
    public async Task Event_based_gateway_takes_the_timer_when_it_comes_first()
    {
        var h = new EngineHarness();
        await h.DeployAsync("event-gateway.bpmn");
        var instance = await h.StartAsync("eventGateway");

        await h.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(1, h.Completed(instance.Id, "timedOut"));
        Assert.False((await h.Engine.CorrelateMessageAsync("approved")).Matched);
        Assert.Equal([["f2"]], TakenAt(h, instance.Id, "wait"));
    }
}
