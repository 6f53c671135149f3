using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;
using Workflow.Web.Processes;

namespace Workflow.Web.Tests.Processes;

/// <summary>The engine inside the host: store projections, concurrency, Hangfire timers and in-process topics.</summary>
public abstract class EngineHostTests(AppHost host)
{
    private Task<T> Engine<T>(Func<WorkflowEngine, Task<T>> work) =>
        host.Factory.InScopeAsync((sp, _) => work(sp.GetRequiredService<WorkflowEngine>()));

    private static string Key(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Shipped_workflows_are_deployed_once_at_start()
    {
        var definitions = await host.Factory.InScopeAsync((_, db) => db.WfDefinitions.Where(d => d.Key == "rating-subject").ToListAsync());
        // Version 1 comes from the start; a rating test may since have deployed an edited version and the shipped one again.
        var first = definitions.Single(d => d.Version == 1);
        Assert.Equal("rating-subject.bpmn", first.ResourceName);
        Assert.Equal(definitions.Count, definitions.Select(d => d.Version).Distinct().Count());

        var again = await Engine(e => WorkflowFiles.DeployAsync(e, host.Factory.Services.GetRequiredService<ProductProcesses>(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
        Assert.Empty(again!.Deployed);
    }

    [Fact]
    public async Task Commands_write_the_instance_its_projections_and_the_journal()
    {
        var key = Key("single");
        await Engine(e => e.DeployAsync("t", [TestProcesses.SingleTask(key)]));
        var instance = await Engine(e => e.StartByKeyAsync(key, Vars.Of(("owner", "btc.khoi")), "BK-1"));

        var task = await host.Factory.InScopeAsync((_, db) => db.WfTasks.SingleAsync(t => t.InstanceId == instance.Id));
        Assert.Equal(("btc.khoi", "BK-1", key), (task.Assignee, task.BusinessKey, task.DefinitionKey));

        await Engine(async e =>
        {
            await e.CompleteTaskAsync(task.Id, Vars.Of(("level", "HTTNV")), "btc.khoi");
            return true;
        });

        await host.Factory.InScopeAsync(async (_, db) =>
        {
            Assert.False(await db.WfTasks.AnyAsync(t => t.InstanceId == instance.Id));
            var row = await db.WfInstances.SingleAsync(i => i.Id == instance.Id);
            Assert.Equal((int)InstanceStatus.Completed, row.Status);
            Assert.Equal(2, row.Version);
            var journal = await db.WfJournal.Where(j => j.InstanceId == instance.Id).ToListAsync();
            Assert.Contains(journal, j => j.ElementId == "t" && j.Event == (int)JournalEvent.ActivityCompleted && j.Actor == "btc.khoi");
            Assert.Contains(journal, j => j.Event == (int)JournalEvent.VariableSet && j.Detail!.Contains("HTTNV", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Two_completions_of_one_task_at_once_exactly_one_succeeds()
    {
        var key = Key("race");
        await Engine(e => e.DeployAsync("t", [TestProcesses.SingleTask(key)]));
        var instance = await Engine(e => e.StartByKeyAsync(key, Vars.Of(("owner", "x"))));
        var taskId = await host.Factory.InScopeAsync((_, db) => db.WfTasks.Where(t => t.InstanceId == instance.Id).Select(t => t.Id).SingleAsync());

        async Task<Exception?> Complete(string who)
        {
            try
            {
                await Engine(async e =>
                {
                    await e.CompleteTaskAsync(taskId, actor: who);
                    return true;
                });
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        }

        var results = await Task.WhenAll(Complete("a"), Complete("b"));

        Assert.Single(results, r => r is null);
        var loser = Assert.Single(results, r => r is not null);
        Assert.True(loser is ConcurrencyException or EngineNotFoundException, loser!.ToString());
        var completions = await host.Factory.InScopeAsync((_, db) => db.WfJournal.CountAsync(j => j.InstanceId == instance.Id && j.ElementId == "t" && j.Event == (int)JournalEvent.ActivityCompleted));
        Assert.Equal(1, completions);
    }

    [Fact]
    public async Task A_save_of_many_instances_one_of_which_changed_meanwhile_writes_none_of_them()
    {
        var key = Key("many");
        await Engine(e => e.DeployAsync("t", [TestProcesses.SingleTask(key)]));
        var ids = new List<Guid>();
        for (var n = 0; n < 3; n++)
        {
            ids.Add((await Engine(e => e.StartByKeyAsync(key, Vars.Of(("owner", $"u{n}"))))).Id);
        }

        // One scope loads the three instances and changes each; meanwhile another completes the second one's task.
        var failure = await host.Factory.InScopeAsync(async (sp, _) =>
        {
            var store = sp.GetRequiredService<IWorkflowStore>();
            var loaded = await store.LoadInstancesAsync(ids);
            var taskOfSecond = await host.Factory.InScopeAsync((_, db) => db.WfTasks.Where(t => t.InstanceId == ids[1]).Select(t => t.Id).SingleAsync());
            await Engine(async e =>
            {
                await e.CompleteTaskAsync(taskOfSecond, actor: "u1");
                return true;
            });
            foreach (var instance in loaded)
            {
                instance.Tasks.Single().Assignee = "someone.else";
            }

            return await Record.ExceptionAsync(() => store.SaveAsync(loaded));
        });

        Assert.IsType<ConcurrencyException>(failure);
        await host.Factory.InScopeAsync(async (_, db) =>
        {
            // Nothing of the failed save stayed: the other two keep their version, their task and its assignee.
            var rows = await db.WfInstances.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id);
            Assert.Equal((1, 1, 2), (rows[ids[0]].Version, rows[ids[2]].Version, rows[ids[1]].Version));
            var tasks = await db.WfTasks.Where(t => ids.Contains(t.InstanceId)).OrderBy(t => t.Assignee).Select(t => t.Assignee).ToListAsync();
            Assert.Equal(["u0", "u2"], tasks);
            Assert.Equal(2, await db.WfTaskAudience.CountAsync(a => ids.Contains(a.InstanceId)));
        });
    }

    [Fact]
    public async Task A_timer_fires_through_Hangfire_and_interrupts_the_task()
    {
        var key = Key("timer");
        await Engine(e => e.DeployAsync("t", [TestProcesses.Escalation(key, seconds: 1)]));
        var instance = await Engine(e => e.StartByKeyAsync(key));

        var escalated = await Eventually.TrueAsync(() => host.Factory.InScopeAsync((_, db) => db.WfTasks.AnyAsync(t => t.InstanceId == instance.Id && t.ElementId == "escalate")));

        Assert.True(escalated, "the boundary timer did not fire within the wait. " + FailedJobs());
        await host.Factory.InScopeAsync(async (_, db) =>
        {
            Assert.False(await db.WfTimers.AnyAsync(t => t.InstanceId == instance.Id));
            Assert.False(await db.WfTasks.AnyAsync(t => t.InstanceId == instance.Id && t.ElementId == "review"));
            Assert.Equal(1, await db.WfJournal.CountAsync(j => j.InstanceId == instance.Id && j.ElementId == "late" && j.Event == (int)JournalEvent.ActivityCompleted));
        });
    }

    [Fact]
    public async Task Effects_of_a_rolled_back_transaction_are_never_scheduled()
    {
        var key = Key("rollback");
        await Engine(e => e.DeployAsync("t", [TestProcesses.Escalation(key, seconds: 1)]));
        var scheduledBefore = host.Factory.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().ScheduledCount();

        var instanceId = await host.Factory.InScopeAsync(async (sp, db) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var instance = await sp.GetRequiredService<WorkflowEngine>().StartByKeyAsync(key);
            await tx.RollbackAsync();
            return instance.Id;
        });

        // Had the rollback scheduled the 1-second timer anyway, it would be counted now and run once Hangfire settles.
        Assert.True(await host.Factory.JobsSettledAsync(), "Hangfire did not settle. " + FailedJobs());
        await host.Factory.InScopeAsync(async (_, db) =>
        {
            Assert.False(await db.WfInstances.AnyAsync(i => i.Id == instanceId));
            Assert.False(await db.WfTimerJobs.AnyAsync(j => j.TimerId.StartsWith(instanceId.ToString("N"))));
        });
        Assert.Equal(scheduledBefore, host.Factory.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().ScheduledCount());
    }

    [Fact]
    public async Task Effects_inside_a_committed_outer_transaction_are_scheduled_after_the_commit()
    {
        var key = Key("outer");
        await Engine(e => e.DeployAsync("t", [TestProcesses.Escalation(key, seconds: 1)]));

        var instanceId = await host.Factory.InScopeAsync(async (sp, db) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var instance = await sp.GetRequiredService<WorkflowEngine>().StartByKeyAsync(key);
            Assert.False(await db.WfTimerJobs.AnyAsync(j => j.TimerId.StartsWith(instance.Id.ToString("N"))));
            await tx.CommitAsync();
            return instance.Id;
        });

        Assert.True(await Eventually.TrueAsync(() => host.Factory.InScopeAsync((_, db) => db.WfTasks.AnyAsync(t => t.InstanceId == instanceId && t.ElementId == "escalate"))),
            "the timer scheduled after the commit did not fire. " + FailedJobs());
    }

    [Fact]
    public async Task A_timer_start_event_starts_instances_through_Hangfire_until_its_repetitions_end()
    {
        var key = Key("tick");
        await Engine(e => e.DeployAsync("t", [TestProcesses.StartCycle(key, "R2/PT1S")]));

        Assert.True(await Eventually.TrueAsync(() => host.Factory.InScopeAsync(async (_, db) => await db.WfInstances.CountAsync(i => i.DefinitionKey == key) == 2)),
            "two instances were expected. " + FailedJobs());
        // The repetitions have ended once the start timer is gone; a third start, had one been scheduled, runs before Hangfire settles.
        Assert.True(await Eventually.TrueAsync(() => host.Factory.InScopeAsync(async (_, db) => !await db.WfStartTimers.AnyAsync(t => t.DefinitionKey == key))),
            "the start timer was not removed after its repetitions. " + FailedJobs());
        Assert.True(await host.Factory.JobsSettledAsync(), "Hangfire did not settle. " + FailedJobs());
        await host.Factory.InScopeAsync(async (_, db) =>
        {
            Assert.Equal(2, await db.WfInstances.CountAsync(i => i.DefinitionKey == key));
            Assert.False(await db.WfStartTimers.AnyAsync(t => t.DefinitionKey == key));
        });
    }

    [Fact]
    public async Task An_in_process_topic_runs_on_Hangfire_and_the_process_moves_on()
    {
        var key = Key("svc");
        await Engine(e => e.DeployAsync("t", [TestProcesses.Service(key, EchoHandler.TopicName)]));
        var instance = await Engine(e => e.StartByKeyAsync(key, Vars.Of(("input", "Bình Giang"))));

        Assert.True(await Eventually.TrueAsync(() => host.Factory.InScopeAsync((_, db) => db.WfTasks.AnyAsync(t => t.InstanceId == instance.Id && t.ElementId == "after"))));
        var stored = await Engine(e => e.Store.LoadInstanceAsync(instance.Id));
        Assert.Equal("Bình Giang!", stored!.Variables["echo"].ToObject());
    }

    [Fact]
    public async Task A_failing_topic_is_retried_and_then_becomes_an_incident()
    {
        var key = Key("fail");
        await Engine(e => e.DeployAsync("t", [TestProcesses.Service(key, FailingHandler.TopicName)]));
        var instance = await Engine(e => e.StartByKeyAsync(key));

        Assert.True(await Eventually.TrueAsync(() => host.Factory.InScopeAsync((_, db) => db.WfIncidents.AnyAsync(i => i.InstanceId == instance.Id)), TimeSpan.FromSeconds(40)));
        var incident = await host.Factory.InScopeAsync((_, db) => db.WfIncidents.SingleAsync(i => i.InstanceId == instance.Id));
        Assert.Equal("failedExternalTask", incident.Type);
        Assert.Contains("máy chủ danh bạ không trả lời", incident.Message);
        var notes = await host.Factory.InScopeAsync((_, db) => db.WfJournal.CountAsync(j => j.InstanceId == instance.Id && j.Detail!.Contains("còn")));
        Assert.Equal(1, notes); // 2 attempts in the test configuration: one retry note, then the incident
    }

    [Fact]
    public async Task A_BPMN_error_from_an_in_process_topic_is_caught_by_the_boundary()
    {
        var key = Key("refuse");
        await Engine(e => e.DeployAsync("t", [TestProcesses.Service(key, RefusingHandler.TopicName)]));
        var instance = await Engine(e => e.StartByKeyAsync(key));

        Assert.True(await Eventually.TrueAsync(() => host.Factory.InScopeAsync((_, db) => db.WfTasks.AnyAsync(t => t.InstanceId == instance.Id && t.ElementId == "handle"))));
    }

    /// <summary>What Hangfire recorded as failed: the first thing to read when a job-driven assertion times out.</summary>
    private string FailedJobs()
    {
        var monitoring = host.Factory.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        return string.Join(" | ", monitoring.FailedJobs(0, 5).Select(j => $"{j.Value.Job?.Method.Name}: {j.Value.ExceptionMessage}"))
            + $" (scheduled {monitoring.ScheduledCount()}, enqueued {monitoring.EnqueuedCount("default")}, succeeded {monitoring.SucceededListCount()})";
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteEngineHostTests(SqliteHost host) : EngineHostTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresEngineHostTests(PostgresHost host) : EngineHostTests(host);

public sealed class EchoHandler : ITopicHandler
{
    public const string TopicName = "test-echo";

    public string Topic => TopicName;

    public Task<IReadOnlyDictionary<string, TypedValue>?> HandleAsync(TopicContext context, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, TypedValue>?>(Vars.Of(("echo", context.Variables["input"].ToObject() + "!")));
}

public sealed class FailingHandler : ITopicHandler
{
    public const string TopicName = "test-fail";

    public string Topic => TopicName;

    public Task<IReadOnlyDictionary<string, TypedValue>?> HandleAsync(TopicContext context, CancellationToken ct) =>
        throw new InvalidOperationException("máy chủ danh bạ không trả lời");
}

public sealed class RefusingHandler : ITopicHandler
{
    public const string TopicName = "test-refuse";

    public string Topic => TopicName;

    public Task<IReadOnlyDictionary<string, TypedValue>?> HandleAsync(TopicContext context, CancellationToken ct) =>
        throw new BpmnErrorException("REFUSED", "không đủ điều kiện");
}
