using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Runtime;

public sealed class EventTests
{
    [Fact]
    public async Task Non_interrupting_cycle_fires_three_times_then_stops()
    {
        var h = new EngineHarness();
        await h.DeployAsync("reminders.bpmn");
        var instance = await h.StartAsync("reminders");
        var task = await h.TaskAsync(instance.Id, "review");
        Assert.Equal(h.Clock.Now.AddDays(3), task.DueAt);

        await h.AdvanceAsync(TimeSpan.FromDays(5));

        Assert.Equal(3, h.Completed(instance.Id, "sendReminder"));
        Assert.NotNull(await h.TaskAsync(instance.Id, "review"));
        var timers = (await h.InstanceAsync(instance.Id)).Timers;
        Assert.Equal(["deadline"], timers.Select(t => t.ElementId));
    }

    [Fact]
    public async Task Interrupting_timer_cancels_the_task_and_escalates()
    {
        var h = new EngineHarness();
        await h.DeployAsync("reminders.bpmn");
        var instance = await h.StartAsync("reminders");

        await h.AdvanceAsync(TimeSpan.FromDays(8));

        var after = await h.InstanceAsync(instance.Id);
        Assert.Equal(["escalate"], after.Tasks.Select(t => t.ElementId));
        Assert.Equal(1, h.Cancelled(instance.Id, "review"));
        Assert.Empty(after.Timers);
    }

    [Fact]
    public async Task Completing_the_task_cancels_its_boundary_timers_and_a_late_timer_is_a_no_op()
    {
        var h = new EngineHarness();
        await h.DeployAsync("reminders.bpmn");
        var instance = await h.StartAsync("reminders");
        var timerIds = (await h.InstanceAsync(instance.Id)).Timers.Select(t => t.Id).ToList();

        await h.CompleteAsync(instance.Id, "review");
        Assert.Equal(timerIds.Order(), h.Scheduler.Effects.OfType<TimerCancelled>().Select(e => e.TimerId).Order());
        h.Clock.Advance(TimeSpan.FromDays(10));
        foreach (var id in timerIds)
        {
            await h.Engine.FireTimerAsync(instance.Id, id); // what a stale Hangfire job would do
        }

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
        Assert.Equal(0, h.Started(instance.Id, "escalate"));
        Assert.Equal(0, h.Started(instance.Id, "sendReminder"));
    }

    [Fact]
    public async Task A_BPMN_error_from_a_worker_is_caught_by_the_error_boundary()
    {
        var h = new EngineHarness();
        await h.DeployAsync("errors.bpmn");
        var instance = await h.StartAsync("errors", ("valid", true));
        var external = (await h.InstanceAsync(instance.Id)).ExternalTasks.Single();
        await h.Engine.LockExternalTaskAsync(external.Id, "worker-1", TimeSpan.FromMinutes(1));

        await h.Engine.ExternalTaskBpmnErrorAsync(external.Id, "worker-1", "NOT_FOUND", "không có đảng viên này");

        var after = await h.InstanceAsync(instance.Id);
        Assert.Empty(after.ExternalTasks);
        Assert.Equal(["handle"], after.Tasks.Select(t => t.ElementId));
        Assert.Equal(1, h.Cancelled(instance.Id, "lookup"));
    }

    [Fact]
    public async Task An_error_end_event_in_a_sub_process_is_caught_on_the_sub_process()
    {
        var h = new EngineHarness();
        await h.DeployAsync("errors.bpmn");
        var instance = await h.StartAsync("errors", ("valid", false));
        var external = (await h.InstanceAsync(instance.Id)).ExternalTasks.Single();
        await h.Engine.LockExternalTaskAsync(external.Id, "w", TimeSpan.FromMinutes(1));

        await h.Engine.CompleteExternalTaskAsync(external.Id, "w");

        Assert.Equal(["fix"], (await h.TasksAsync(instance.Id)).Select(t => t.ElementId));
        Assert.Equal(1, h.Cancelled(instance.Id, "sub"));
        Assert.Equal(1, h.Completed(instance.Id, "badData"));
    }

    [Fact]
    public async Task An_uncaught_BPMN_error_becomes_an_incident()
    {
        var h = new EngineHarness();
        await h.DeployAsync("errors.bpmn");
        var instance = await h.StartAsync("errors", ("valid", true));
        var external = (await h.InstanceAsync(instance.Id)).ExternalTasks.Single();
        await h.Engine.LockExternalTaskAsync(external.Id, "w", TimeSpan.FromMinutes(1));

        await h.Engine.ExternalTaskBpmnErrorAsync(external.Id, "w", "SOMETHING_ELSE");

        var incident = Assert.Single((await h.InstanceAsync(instance.Id)).Incidents);
        Assert.Equal("unhandledBpmnError", incident.Type);
        Assert.Contains("SOMETHING_ELSE", incident.Message);
    }

    [Fact]
    public async Task Terminate_end_cancels_the_other_branches()
    {
        var h = new EngineHarness();
        await h.DeployAsync("terminate.bpmn");
        var instance = await h.StartAsync("terminate");

        await h.CompleteAsync(instance.Id, "decide");

        var after = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStatus.Terminated, after.Status);
        Assert.Empty(after.Tasks);
        Assert.Equal(1, h.Cancelled(instance.Id, "slow"));
    }

    [Fact]
    public async Task External_task_failures_count_down_to_an_incident_and_new_retries_resume_it()
    {
        var h = new EngineHarness();
        await h.DeployAsync("errors.bpmn");
        var instance = await h.StartAsync("errors", ("valid", true));
        var id = (await h.InstanceAsync(instance.Id)).ExternalTasks.Single().Id;

        await h.Engine.LockExternalTaskAsync(id, "w", TimeSpan.FromMinutes(1));
        await h.Engine.FailExternalTaskAsync(id, "w", "máy chủ bận", null, retries: 1, TimeSpan.Zero);
        Assert.Empty((await h.InstanceAsync(instance.Id)).Incidents);
        await h.Engine.LockExternalTaskAsync(id, "w", TimeSpan.FromMinutes(1));
        await h.Engine.FailExternalTaskAsync(id, "w", "vẫn bận", "chi tiết", retries: 0, TimeSpan.Zero);
        var incident = Assert.Single((await h.InstanceAsync(instance.Id)).Incidents);
        Assert.Equal("failedExternalTask", incident.Type);
        Assert.Equal("vẫn bận", incident.Message);

        await h.Engine.SetExternalTaskRetriesAsync(id, 3);
        Assert.Empty((await h.InstanceAsync(instance.Id)).Incidents);
        await h.Engine.LockExternalTaskAsync(id, "w2", TimeSpan.FromMinutes(1));
        await h.Engine.CompleteExternalTaskAsync(id, "w2");
        Assert.Equal(1, h.Completed(instance.Id, "lookup"));
    }

    [Fact]
    public async Task A_worker_without_the_lock_cannot_complete_and_an_expired_lock_can_be_taken_over()
    {
        var h = new EngineHarness();
        await h.DeployAsync("errors.bpmn");
        var instance = await h.StartAsync("errors", ("valid", true));
        var id = (await h.InstanceAsync(instance.Id)).ExternalTasks.Single().Id;
        await h.Engine.LockExternalTaskAsync(id, "a", TimeSpan.FromMinutes(1));

        await Assert.ThrowsAsync<EngineStateException>(() => h.Engine.CompleteExternalTaskAsync(id, "b"));
        await Assert.ThrowsAsync<EngineStateException>(() => h.Engine.LockExternalTaskAsync(id, "b", TimeSpan.FromMinutes(1)));
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        await Assert.ThrowsAsync<EngineStateException>(() => h.Engine.CompleteExternalTaskAsync(id, "a"));
        await h.Engine.LockExternalTaskAsync(id, "b", TimeSpan.FromMinutes(1));
        await h.Engine.CompleteExternalTaskAsync(id, "b");
        Assert.Equal(1, h.Completed(instance.Id, "lookup"));
    }
}
