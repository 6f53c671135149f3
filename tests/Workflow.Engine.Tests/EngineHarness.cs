using System.Text;
using Workflow.Engine.InMemory;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>Records what the engine asked to schedule, as a host's scheduler would receive it.</summary>
public sealed class RecordingScheduler : IEngineScheduler
{
    public List<EngineEffect> Effects { get; } = [];

    public Task ApplyAsync(IReadOnlyList<EngineEffect> effects, CancellationToken ct = default)
    {
        lock (Effects)
        {
            Effects.AddRange(effects);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Runs scenarios the way the host will: deploy .bpmn files, start instances, complete tasks by element id, move the
/// clock and fire the timers that came due, then assert on the journal.
/// </summary>
public sealed class EngineHarness
{
    public EngineHarness(IWorkflowStore? store = null)
    {
        Store = store as InMemoryWorkflowStore ?? new InMemoryWorkflowStore();
        Engine = new WorkflowEngine(store ?? Store, Scheduler, Clock);
    }

    public InMemoryWorkflowStore Store { get; }
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(7)));
    public RecordingScheduler Scheduler { get; } = new();
    public WorkflowEngine Engine { get; }

    public static byte[] Scenario(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Scenarios", name));

    public async Task<DeploymentResult> DeployAsync(params string[] scenarios) =>
        await Engine.DeployAsync("test", scenarios.Select(s => (s, Scenario(s))));

    public async Task<DeploymentResult> DeployXmlAsync(string name, string xml) =>
        await Engine.DeployAsync("test", [(name, Encoding.UTF8.GetBytes(xml))]);

    public Task<ProcessInstance> StartAsync(string key, params (string Name, object? Value)[] variables) =>
        Engine.StartByKeyAsync(key, Vars.Of(variables));

    public async Task<ProcessInstance> InstanceAsync(Guid id) => (await Store.LoadInstanceAsync(id))!;

    public async Task<UserTaskState> TaskAsync(Guid instanceId, string elementId) =>
        (await InstanceAsync(instanceId)).Tasks.Single(t => t.ElementId == elementId);

    public async Task<IReadOnlyList<UserTaskState>> TasksAsync(Guid instanceId) => (await InstanceAsync(instanceId)).Tasks;

    public async Task CompleteAsync(Guid instanceId, string elementId, params (string Name, object? Value)[] variables)
    {
        var task = await TaskAsync(instanceId, elementId);
        await Engine.CompleteTaskAsync(task.Id, Vars.Of(variables), "tester");
    }

    /// <summary>Moves the clock and fires every timer that comes due, earliest first, including timers they create.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        var until = Clock.Now + by;
        while (true)
        {
            var due = Store.Instances().Where(i => !i.IsEnded)
                .SelectMany(i => i.Timers.Select(t => (Instance: i.Id, t.Id, t.DueAt)))
                .Concat(Store.StartTimers().Select(t => (Instance: Guid.Empty, t.Id, t.DueAt)))
                .Where(x => x.DueAt <= until).OrderBy(x => x.DueAt).FirstOrDefault();
            if (due.Id is null)
            {
                break;
            }

            if (due.DueAt > Clock.Now)
            {
                Clock.Advance(due.DueAt - Clock.Now);
            }

            if (due.Instance == Guid.Empty)
            {
                await Engine.FireStartTimerAsync(due.Id);
            }
            else
            {
                await Engine.FireTimerAsync(due.Instance, due.Id);
            }
        }

        if (until > Clock.Now)
        {
            Clock.Advance(until - Clock.Now);
        }
    }

    /// <summary>
    /// How many activity instances of an element there were: one started (and maybe ended later), or one that started
    /// and ended within a single command, which the journal records once, as completed.
    /// </summary>
    public int Started(Guid instanceId, string elementId) =>
        Store.JournalOf(instanceId).Where(j => j.ElementId == elementId && j.ActivityInstanceId is not null
            && j.Event is JournalEvent.ActivityStarted or JournalEvent.ActivityCompleted or JournalEvent.ActivityCancelled)
            .Select(j => j.ActivityInstanceId).Distinct().Count();

    public int Completed(Guid instanceId, string elementId) =>
        Store.JournalOf(instanceId).Count(j => j.ElementId == elementId && j.Event == JournalEvent.ActivityCompleted);

    public int Cancelled(Guid instanceId, string elementId) =>
        Store.JournalOf(instanceId).Count(j => j.ElementId == elementId && j.Event == JournalEvent.ActivityCancelled);
}
