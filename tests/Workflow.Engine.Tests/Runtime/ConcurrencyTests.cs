using Workflow.Engine.InMemory;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Runtime;

public sealed class ConcurrencyTests
{
    /// <summary>Lets two commands load the same instance before either saves: a real race, every time.</summary>
    private sealed class RacingStore(InMemoryWorkflowStore inner, int racers) : IWorkflowStore
    {
        private readonly Barrier _barrier = new(racers);
        public bool Racing { get; set; }

        public Task<DeployedDefinition?> GetDefinitionAsync(string id, CancellationToken ct = default) => inner.GetDefinitionAsync(id, ct);
        public Task<DeployedDefinition?> GetLatestDefinitionAsync(string key, CancellationToken ct = default) => inner.GetLatestDefinitionAsync(key, ct);
        public Task<IReadOnlyList<DeployedDefinition>> GetLatestDefinitionsAsync(CancellationToken ct = default) => inner.GetLatestDefinitionsAsync(ct);
        public Task SaveDeploymentAsync(Deployment deployment, IReadOnlyList<DeployedDefinition> definitions, CancellationToken ct = default) => inner.SaveDeploymentAsync(deployment, definitions, ct);
        public Task<Guid?> FindInstanceOfTaskAsync(Guid taskId, CancellationToken ct = default) => inner.FindInstanceOfTaskAsync(taskId, ct);
        public Task<Guid?> FindInstanceOfExternalTaskAsync(Guid id, CancellationToken ct = default) => inner.FindInstanceOfExternalTaskAsync(id, ct);
        public Task<Guid?> FindInstanceOfIncidentAsync(Guid id, CancellationToken ct = default) => inner.FindInstanceOfIncidentAsync(id, ct);
        public Task<IReadOnlyList<StartTimer>> GetStartTimersAsync(string key, CancellationToken ct = default) => inner.GetStartTimersAsync(key, ct);
        public Task<StartTimer?> GetStartTimerAsync(string id, CancellationToken ct = default) => inner.GetStartTimerAsync(id, ct);
        public Task ReplaceStartTimersAsync(string key, IReadOnlyList<StartTimer> timers, CancellationToken ct = default) => inner.ReplaceStartTimersAsync(key, timers, ct);
        public Task<IReadOnlyList<Guid>> FindActiveInstancesAsync(string b, CancellationToken ct = default) => inner.FindActiveInstancesAsync(b, ct);
        public Task<IReadOnlyList<Guid>> FindSubscribedInstancesAsync(string m, string? b, CancellationToken ct = default) => inner.FindSubscribedInstancesAsync(m, b, ct);

        public async Task<ProcessInstance?> LoadInstanceAsync(Guid id, CancellationToken ct = default)
        {
            var instance = await inner.LoadInstanceAsync(id, ct);
            if (Racing)
            {
                await Task.Run(() => _barrier.SignalAndWait(TimeSpan.FromSeconds(10)), ct);
            }

            return instance;
        }

        public Task SaveAsync(IReadOnlyCollection<ProcessInstance> instances, CancellationToken ct = default) => inner.SaveAsync(instances, ct);
    }

    [Fact]
    public async Task Two_completions_of_one_task_at_once_exactly_one_wins()
    {
        var memory = new InMemoryWorkflowStore();
        var racing = new RacingStore(memory, racers: 2);
        var h = new EngineHarness(racing);
        await h.DeployAsync("parallel-join.bpmn");
        var instance = await h.StartAsync("parallel");
        var task = (await memory.LoadInstanceAsync(instance.Id))!.Tasks.Single(t => t.ElementId == "board");

        racing.Racing = true;
        var results = await Task.WhenAll(
            Attempt(() => h.Engine.CompleteTaskAsync(task.Id, actor: "a")),
            Attempt(() => h.Engine.CompleteTaskAsync(task.Id, actor: "b")));
        racing.Racing = false;

        Assert.Single(results, r => r is null);
        Assert.IsType<ConcurrencyException>(Assert.Single(results, r => r is not null));
        Assert.Equal(1, memory.JournalOf(instance.Id).Count(j => j.ElementId == "board" && j.Event == JournalEvent.ActivityCompleted));
    }

    private static async Task<Exception?> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
