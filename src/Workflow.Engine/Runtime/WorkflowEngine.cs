using System.Security.Cryptography;
using System.Text;
using Workflow.Engine.Bpmn;
using Workflow.Engine.Expressions;
using Workflow.Engine.Model;
using Workflow.Engine.Ports;

namespace Workflow.Engine.Runtime;

public sealed record DeploymentResult(Deployment? Deployment, IReadOnlyList<DeployedDefinition> Deployed, IReadOnlyList<DeployedDefinition> Unchanged);

/// <summary>
/// Where a message went: the instances it reached (or the one it started). A message for a business key whose
/// instances were not waiting for it is kept as an "unknownMessage" incident on them (<see cref="ParkedOn"/>), so it is
/// neither lost nor silently ignored; retrying the incident delivers it once the instance waits for it.
/// </summary>
public sealed record CorrelationResult(IReadOnlyList<Guid> InstanceIds, bool StartedNewInstance, IReadOnlyList<Guid>? ParkedOn = null)
{
    public bool Matched => InstanceIds.Count > 0;
}

/// <summary>
/// The engine's public face: deploy definitions and run commands. Each command loads the instances it touches,
/// applies itself, and saves them in one call to the store with optimistic concurrency; effects (timers to schedule,
/// external tasks to offer) go to the scheduler afterwards. A command either happens entirely or not at all.
/// </summary>
public sealed class WorkflowEngine
{
    private readonly ProcessModelCache _models;

    public WorkflowEngine(IWorkflowStore store, IEngineScheduler scheduler, TimeProvider clock, EngineOptions? options = null, ProcessModelCache? models = null)
    {
        _models = models ?? new ProcessModelCache();
        Store = store;
        Scheduler = scheduler;
        Clock = clock;
        Options = options ?? new EngineOptions();
        Evaluator = new ExpressionEvaluator(Options.ExpressionLimits);
    }

    public IWorkflowStore Store { get; }
    public IEngineScheduler Scheduler { get; }
    public TimeProvider Clock { get; }
    public EngineOptions Options { get; }
    internal ExpressionEvaluator Evaluator { get; }

    // ---- definitions ----------------------------------------------------------------------------------------------

    /// <summary>
    /// Deploys BPMN files. All files are read and validated first; one problem anywhere refuses the whole deployment.
    /// A process whose content equals its latest version is left as it is (when <paramref name="changedOnly"/>);
    /// otherwise it becomes version N+1. Running instances keep their version.
    /// </summary>
    public async Task<DeploymentResult> DeployAsync(
        string? name, IEnumerable<(string ResourceName, byte[] Content)> resources, string? source = null, bool changedOnly = true,
        CancellationToken ct = default)
    {
        var read = new List<(string Resource, byte[] Content, ProcessModel Model)>();
        var problems = new List<BpmnProblem>();
        foreach (var (resource, content) in resources)
        {
            var result = BpmnReader.Read(content, resource, ReadOptions);
            problems.AddRange(result.Problems);
            read.AddRange(result.Processes.Select(p => (resource, content, p)));
        }

        if (problems.Count == 0 && read.Count == 0)
        {
            problems.Add(new BpmnProblem(null, null, "Không có tệp BPMN nào để triển khai."));
        }

        var duplicates = read.GroupBy(r => r.Model.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        problems.AddRange(duplicates.Select(k => new BpmnProblem(k, null, $"Khóa quy trình \"{k}\" xuất hiện nhiều lần trong cùng một lần triển khai.")));
        if (problems.Count > 0)
        {
            throw new BpmnValidationException(problems);
        }

        var now = Clock.GetUtcNow();
        var deployment = new Deployment(Guid.CreateVersion7(), name, source, now);
        var deployed = new List<DeployedDefinition>();
        var unchanged = new List<DeployedDefinition>();
        foreach (var (resource, content, model) in read)
        {
            var xml = Encoding.UTF8.GetString(content);
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(model.Key + "\n" + xml)));
            var latest = await Store.GetLatestDefinitionAsync(model.Key, ct);
            if (changedOnly && latest is not null && latest.Hash == hash)
            {
                unchanged.Add(latest);
                continue;
            }

            var version = (latest?.Version ?? 0) + 1;
            var definition = new DeployedDefinition($"{model.Key}:{version}:{deployment.Id:N}", model.Key, version, model.Name, resource, xml, hash, deployment.Id, now)
            {
                Model = model,
            };
            _models.Set(definition.Id, model);
            deployed.Add(definition);
        }

        if (deployed.Count > 0)
        {
            await Store.SaveDeploymentAsync(deployment, deployed, ct);
            var effects = new List<EngineEffect>();
            foreach (var definition in deployed)
            {
                effects.AddRange(await ReplaceStartTimersAsync(definition, ct));
            }

            if (effects.Count > 0)
            {
                await Scheduler.ApplyAsync(effects, ct);
            }
        }

        return new DeploymentResult(deployed.Count > 0 ? deployment : null, deployed, unchanged);
    }

    /// <summary>A new version's timer start events replace those of the previous version of the key.</summary>
    private async Task<List<EngineEffect>> ReplaceStartTimersAsync(DeployedDefinition definition, CancellationToken ct)
    {
        var effects = new List<EngineEffect>();
        var old = await Store.GetStartTimersAsync(definition.Key, ct);
        effects.AddRange(old.Select(t => new TimerCancelled(Guid.Empty, t.Id)));
        var now = Clock.GetUtcNow();
        var timers = new List<StartTimer>();
        foreach (var start in definition.Model!.StartEvents(EventTrigger.Timer))
        {
            var timer = start.Definition.Timer!;
            var text = Expression.ContainsExpression(timer.Expression)
                ? Evaluator.EvaluateString(Expression.Parse(timer.Expression), _ => (false, null)) ?? ""
                : timer.Expression;
            var plan = TimerPlan.Plan(timer.Kind, text, now, Options.TimeZone, Options.MinTimerCycle);
            timers.Add(new StartTimer($"{definition.Id}:{start.Id}:1", definition.Id, definition.Key, start.Id, plan.DueAt, 1,
                plan.IsCycle, plan.RemainingRepetitions, plan.Period));
        }

        if (old.Count > 0 || timers.Count > 0)
        {
            await Store.ReplaceStartTimersAsync(definition.Key, timers, ct);
        }

        effects.AddRange(timers.Select(t => new TimerScheduled(Guid.Empty, t.Id, t.DueAt)));
        return effects;
    }

    /// <summary>
    /// A timer start event came due: start an instance at it and plan the next occurrence of a cycle, in one command.
    /// A start timer that no longer exists (replaced by a newer version) is a no-op; false means "not yet due".
    /// </summary>
    public Task<bool> FireStartTimerAsync(string timerId, CancellationToken ct = default) =>
        RunAsync(null, async ctx =>
        {
            var timer = await Store.GetStartTimerAsync(timerId, ct);
            if (timer is null)
            {
                return true;
            }

            if (timer.DueAt > ctx.Now)
            {
                return false;
            }

            var definition = await Store.GetDefinitionAsync(timer.DefinitionId, ct)
                ?? throw new EngineNotFoundException($"Không tìm thấy định nghĩa quy trình {timer.DefinitionId}.");
            await ctx.StartInstanceAsync(definition, null, null, timer.ElementId, ct);
            var remaining = (await Store.GetStartTimersAsync(timer.DefinitionKey, ct)).Where(t => t.Id != timer.Id).ToList();
            if (TimerPlan.Next(timer.DueAt, timer.IsCycle, timer.RemainingRepetitions, timer.Period) is { } plan)
            {
                var next = timer with
                {
                    Id = $"{timer.DefinitionId}:{timer.ElementId}:{timer.Occurrence + 1}",
                    DueAt = plan.DueAt,
                    Occurrence = timer.Occurrence + 1,
                    RemainingRepetitions = plan.RemainingRepetitions,
                };
                remaining.Add(next);
                ctx.Effects.Add(new TimerScheduled(Guid.Empty, next.Id, next.DueAt));
            }

            await Store.ReplaceStartTimersAsync(timer.DefinitionKey, remaining, ct);
            return true;
        }, ct);

    /// <summary>The deploy-time limits of this engine's options, for anyone validating a file as a deployment would.</summary>
    public BpmnReadOptions ReadOptions => new() { MinTimerCycle = Options.MinTimerCycle };

    /// <summary>The parsed model of a deployed definition (cached).</summary>
    public Task<ProcessModel> ModelAsync(string definitionId, CancellationToken ct = default) => GetModelAsync(definitionId, ct);

    internal async Task<ProcessModel> GetModelAsync(string definitionId, CancellationToken ct)
    {
        if (_models.TryGet(definitionId, out var model))
        {
            return model;
        }

        var definition = await Store.GetDefinitionAsync(definitionId, ct)
            ?? throw new EngineNotFoundException($"Không tìm thấy định nghĩa quy trình {definitionId}.");
        return _models.GetOrAdd(definitionId, _ => definition.Model ?? ParseStored(definition));
    }

    internal ProcessModel? CachedModel(string definitionId) => _models.TryGet(definitionId, out var model) ? model : null;

    private static ProcessModel ParseStored(DeployedDefinition definition)
    {
        var result = BpmnReader.Read(Encoding.UTF8.GetBytes(definition.Xml), definition.ResourceName, BpmnReadOptions.Stored);
        return result.Processes.FirstOrDefault(p => p.Key == definition.Key)
            ?? throw new EngineException($"Định nghĩa {definition.Id} đã lưu không đọc lại được.");
    }

    // ---- starting -------------------------------------------------------------------------------------------------

    public async Task<ProcessInstance> StartByKeyAsync(string key, IReadOnlyDictionary<string, TypedValue>? variables = null,
        string? businessKey = null, string? actor = null, CancellationToken ct = default)
    {
        var definition = await Store.GetLatestDefinitionAsync(key, ct)
            ?? throw new EngineNotFoundException($"Không có quy trình nào với khóa \"{key}\".");
        return await StartAsync(definition, variables, businessKey, actor, ct);
    }

    public async Task<ProcessInstance> StartAsync(DeployedDefinition definition, IReadOnlyDictionary<string, TypedValue>? variables = null,
        string? businessKey = null, string? actor = null, CancellationToken ct = default) =>
        await RunAsync(actor, ctx => ctx.StartInstanceAsync(definition, variables, businessKey, null, ct), ct);

    /// <summary>
    /// Starts many instances of one definition, set-based: each batch runs in one command context and is saved in one
    /// call to the store (one transaction), so opening a round of thousands of subjects costs a few commits, not
    /// thousands. Returns the new instance ids in input order.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> StartManyAsync(
        DeployedDefinition definition, IReadOnlyList<(string? BusinessKey, IReadOnlyDictionary<string, TypedValue>? Variables)> items,
        int batchSize = 1000, string? actor = null, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var ids = new List<Guid>(items.Count);
        for (var offset = 0; offset < items.Count; offset += batchSize)
        {
            var batch = items.Skip(offset).Take(batchSize).ToList();
            await RunAsync(actor, async ctx =>
            {
                foreach (var (businessKey, variables) in batch)
                {
                    ids.Add((await ctx.StartInstanceAsync(definition, variables, businessKey, null, ct)).Id);
                }

                return true;
            }, ct);
            progress?.Report(Math.Min(items.Count, offset + batch.Count));
        }

        return ids;
    }

    /// <summary>
    /// Runs one batch of starts in memory without touching the store, so it can run on another thread while the
    /// previous batch is written (a bulk opening overlaps computing with writing; SQLite has one writer). Stores that
    /// implement <see cref="IPreparingWorkflowStore"/> also turn the instances into rows here. Returns null when the
    /// process needs the store while starting (a call activity, say): start that batch with <see cref="StartManyAsync"/>.
    /// Nothing is saved until <see cref="SavePreparedAsync"/>.
    /// </summary>
    public async Task<PreparedStarts?> PrepareStartsAsync(
        DeployedDefinition definition, IReadOnlyList<(string? BusinessKey, IReadOnlyDictionary<string, TypedValue>? Variables)> items,
        string? actor = null, CancellationToken ct = default)
    {
        _models.GetOrAdd(definition.Id, _ => definition.Model ?? ParseStored(definition));
        var ctx = new CommandContext(this, actor, detached: true);
        var ids = new List<Guid>(items.Count);
        try
        {
            foreach (var (businessKey, variables) in items)
            {
                ids.Add((await ctx.StartInstanceAsync(definition, variables, businessKey, null, ct)).Id);
            }

            await ctx.RunAsync(ct);
            await ctx.CancelPendingChildrenAsync(ct);
        }
        catch (EngineDetachedException)
        {
            return null;
        }

        var instances = ctx.Instances.ToList();
        return new PreparedStarts(ids, instances, ctx.Effects.ToList(), Store is IPreparingWorkflowStore preparing ? preparing.Prepare(instances) : null);
    }

    /// <summary>Saves a prepared batch in the caller's transaction (as <see cref="StartManyAsync"/> would have) and applies its effects.</summary>
    public async Task SavePreparedAsync(PreparedStarts prepared, CancellationToken ct = default)
    {
        if (prepared.Rows is { } rows && Store is IPreparingWorkflowStore preparing)
        {
            await preparing.SaveAsync(rows, ct);
        }
        else
        {
            await Store.SaveAsync(prepared.Instances, ct);
        }

        if (prepared.Effects.Count > 0)
        {
            await Scheduler.ApplyAsync(prepared.Effects, ct);
        }
    }

    // ---- user tasks -----------------------------------------------------------------------------------------------

    public Task CompleteTaskAsync(Guid taskId, IReadOnlyDictionary<string, TypedValue>? variables = null, string? actor = null, CancellationToken ct = default) =>
        OnTaskAsync(taskId, actor, (ctx, instance, task) =>
        {
            if (task.DelegationState == "PENDING")
            {
                throw new EngineStateException("Công việc đang được ủy quyền: người được ủy quyền phải giải quyết (resolve) trước khi hoàn thành.");
            }

            ctx.CompleteUserTask(instance, task, variables);
        }, ct);

    public Task ClaimTaskAsync(Guid taskId, string userId, CancellationToken ct = default) =>
        OnTaskAsync(taskId, userId, (ctx, instance, task) =>
        {
            if (task.Assignee is not null && task.Assignee != userId)
            {
                throw new EngineStateException($"Công việc đã được {task.Assignee} nhận.");
            }

            Assign(ctx, instance, task, userId);
        }, ct);

    public Task UnclaimTaskAsync(Guid taskId, string? actor = null, CancellationToken ct = default) =>
        OnTaskAsync(taskId, actor, (ctx, instance, task) => Assign(ctx, instance, task, null), ct);

    public Task SetAssigneeAsync(Guid taskId, string? userId, string? actor = null, CancellationToken ct = default) =>
        OnTaskAsync(taskId, actor, (ctx, instance, task) => Assign(ctx, instance, task, userId), ct);

    /// <summary>Camunda's delegate: the owner keeps the task, the delegate works on it and resolves it back.</summary>
    public Task DelegateTaskAsync(Guid taskId, string userId, string? actor = null, CancellationToken ct = default) =>
        OnTaskAsync(taskId, actor, (ctx, instance, task) =>
        {
            task.Owner ??= task.Assignee ?? actor;
            task.DelegationState = "PENDING";
            Assign(ctx, instance, task, userId);
        }, ct);

    public Task ResolveTaskAsync(Guid taskId, IReadOnlyDictionary<string, TypedValue>? variables = null, string? actor = null, CancellationToken ct = default) =>
        OnTaskAsync(taskId, actor, (ctx, instance, task) =>
        {
            if (task.DelegationState != "PENDING")
            {
                throw new EngineStateException("Công việc không ở trạng thái ủy quyền.");
            }

            task.DelegationState = "RESOLVED";
            ctx.SetVariables(instance, instance.Activity(task.ActivityInstanceId), variables);
            Assign(ctx, instance, task, task.Owner);
        }, ct);

    /// <summary>
    /// Sets and deletes a task's variables. Local ones live on the task's own activity instance (Camunda's
    /// localVariables); the others go where Camunda puts them: the nearest enclosing scope that has the name, else the
    /// process instance.
    /// </summary>
    public Task SetTaskVariablesAsync(Guid taskId, IReadOnlyDictionary<string, TypedValue> variables, IEnumerable<string>? deletions, bool local,
        string? actor = null, CancellationToken ct = default) =>
        OnTaskAsync(taskId, actor, (ctx, instance, task) =>
        {
            var activity = instance.Activity(task.ActivityInstanceId)!;
            if (local)
            {
                foreach (var (name, value) in variables)
                {
                    activity.Variables ??= [];
                    activity.Variables[name] = value;
                    ctx.Journal(instance, activity, null, JournalEvent.VariableSet, $"{name} (cục bộ) = {value.Value?.ToJsonString() ?? "null"}");
                }
            }
            else
            {
                ctx.SetVariables(instance, activity, variables);
            }

            foreach (var name in deletions ?? [])
            {
                var scope = local ? activity.Variables : ScopeHolding(instance, activity, name);
                if (scope?.Remove(name) == true)
                {
                    ctx.Journal(instance, activity, null, JournalEvent.VariableSet, $"{name} đã xóa");
                }
            }
        }, ct);

    private static Dictionary<string, TypedValue>? ScopeHolding(ProcessInstance instance, ActivityInstance from, string name)
    {
        for (var a = from; a is not null; a = a.ParentId is { } p ? instance.Activity(p) : null)
        {
            if (a.Variables?.ContainsKey(name) == true)
            {
                return a.Variables;
            }
        }

        return instance.Variables.ContainsKey(name) ? instance.Variables : null;
    }

    private static void Assign(CommandContext ctx, ProcessInstance instance, UserTaskState task, string? userId)
    {
        task.Assignee = string.IsNullOrWhiteSpace(userId) ? null : userId;
        var activity = instance.Activity(task.ActivityInstanceId);
        ctx.Journal(instance, activity, null, JournalEvent.TaskAssigned, task.Assignee ?? "(bỏ nhận)");
    }

    private Task<bool> OnTaskAsync(Guid taskId, string? actor, Action<CommandContext, ProcessInstance, UserTaskState> action, CancellationToken ct) =>
        RunAsync(actor, async ctx =>
        {
            var instanceId = await Store.FindInstanceOfTaskAsync(taskId, ct)
                ?? throw new EngineNotFoundException($"Không tìm thấy công việc {taskId} (có thể đã được hoàn thành).");
            var instance = await ctx.LoadAsync(instanceId, ct);
            var task = instance.Tasks.Find(t => t.Id == taskId)
                ?? throw new EngineNotFoundException($"Không tìm thấy công việc {taskId} (có thể đã được hoàn thành).");
            action(ctx, instance, task);
            return true;
        }, ct);

    // ---- messages and timers --------------------------------------------------------------------------------------

    /// <summary>
    /// Delivers one message to many given instances in one command and one store transaction (a standing committee's
    /// decision for a whole group). Every instance must be waiting for the message; otherwise nothing is delivered and
    /// an <see cref="EngineStateException"/> names how many were not.
    /// </summary>
    public Task<int> DeliverMessagesAsync(string messageName, IReadOnlyList<(Guid InstanceId, IReadOnlyDictionary<string, TypedValue>? Variables)> items,
        string? actor = null, CancellationToken ct = default) =>
        RunAsync(actor, async ctx =>
        {
            await ctx.PreloadAsync(items.Select(i => i.InstanceId).ToList(), ct);
            var notWaiting = 0;
            foreach (var (instanceId, variables) in items)
            {
                var instance = await ctx.LoadAsync(instanceId, ct);
                if (instance.IsEnded || !ctx.DeliverMessage(instance, messageName, variables))
                {
                    notWaiting++;
                }
            }

            return notWaiting == 0
                ? items.Count
                : throw new EngineStateException($"{notWaiting} phiên bản quy trình không ở bước chờ thông điệp \"{messageName}\"; không có thay đổi nào được lưu.");
        }, ct);

    /// <summary>
    /// Correlates a message to waiting instances (by business key and/or process variables equal to the correlation
    /// keys) or, when none waits, starts an instance at a message start event of that name.
    /// </summary>
    public Task<CorrelationResult> CorrelateMessageAsync(
        string messageName, string? businessKey = null, IReadOnlyDictionary<string, TypedValue>? correlationKeys = null,
        IReadOnlyDictionary<string, TypedValue>? variables = null, bool all = false, string? actor = null, CancellationToken ct = default) =>
        RunAsync(actor, async ctx =>
        {
            var matched = new List<Guid>();
            foreach (var id in await Store.FindSubscribedInstancesAsync(messageName, businessKey, ct))
            {
                var instance = await ctx.LoadAsync(id, ct);
                if (correlationKeys is not null && !correlationKeys.All(k => instance.Variables.TryGetValue(k.Key, out var v) && v.ValueEquals(k.Value)))
                {
                    continue;
                }

                if (ctx.DeliverMessage(instance, messageName, variables))
                {
                    matched.Add(id);
                    if (!all)
                    {
                        break;
                    }
                }
            }

            if (matched.Count > 0)
            {
                return new CorrelationResult(matched, false);
            }

            foreach (var definition in await Store.GetLatestDefinitionsAsync(ct))
            {
                var model = await GetModelAsync(definition.Id, ct);
                var start = model.StartEvents(EventTrigger.Message).FirstOrDefault(s => s.Definition.MessageName == messageName);
                if (start is not null)
                {
                    var instance = await ctx.StartInstanceAsync(definition, variables, businessKey, start.Id, ct);
                    return new CorrelationResult([instance.Id], true);
                }
            }

            var parked = new List<Guid>();
            if (businessKey is not null)
            {
                foreach (var id in await Store.FindActiveInstancesAsync(businessKey, ct))
                {
                    var instance = await ctx.LoadAsync(id, ct);
                    var at = instance.Activities.Where(a => a.State == ActivityState.Waiting).OrderBy(a => a.StartedAt).FirstOrDefault()
                        ?? instance.Activities.FirstOrDefault();
                    if (at is null)
                    {
                        continue;
                    }

                    var incident = ctx.RaiseIncident(instance, at, "unknownMessage",
                        $"Thông điệp \"{messageName}\" đến nhưng quy trình đang không chờ thông điệp này (đang ở {at.ElementId}).", operation: null);
                    at.State = ActivityState.Waiting; // the activity itself is fine; the incident holds the message
                    incident.MessageName = messageName;
                    incident.MessageVariables = variables?.ToDictionary(v => v.Key, v => v.Value);
                    parked.Add(id);
                }
            }

            return new CorrelationResult([], false, parked);
        }, ct);

    /// <summary>
    /// Fires a timer; a timer whose element already ended is a no-op, so firing twice is harmless. Returns false when
    /// called before the timer is due (the caller should wake it again at its due time).
    /// </summary>
    public Task<bool> FireTimerAsync(Guid instanceId, string timerId, CancellationToken ct = default) =>
        RunAsync(null, async ctx =>
        {
            var instance = await ctx.LoadAsync(instanceId, ct);
            var timer = instance.Timers.Find(t => t.Id == timerId);
            if (timer is not null && timer.DueAt > ctx.Now)
            {
                return false; // woken early (clock skew, a manual trigger): the scheduler will come back
            }

            ctx.FireTimer(instance, timerId);
            return true;
        }, ct);

    /// <summary>
    /// Fires many due timers (of different instances) in one command and one store transaction: the scheduler's
    /// batch for everything due at one moment, such as the complaint deadline of a whole group. Timers that ended or
    /// are not yet due are skipped; returns how many fired. A concurrent change to any of the instances throws
    /// <see cref="Ports.ConcurrencyException"/> and nothing fires (the caller retries).
    /// </summary>
    public Task<int> FireTimersAsync(IReadOnlyList<(Guid InstanceId, string TimerId)> timers, CancellationToken ct = default) =>
        RunAsync(null, async ctx =>
        {
            await ctx.PreloadAsync(timers.Select(t => t.InstanceId).ToList(), ct);
            var fired = 0;
            foreach (var (instanceId, timerId) in timers)
            {
                ProcessInstance instance;
                try
                {
                    instance = await ctx.LoadAsync(instanceId, ct);
                }
                catch (EngineNotFoundException)
                {
                    continue;
                }

                var timer = instance.Timers.Find(t => t.Id == timerId);
                if (timer is null || timer.DueAt > ctx.Now || instance.IsEnded)
                {
                    continue;
                }

                ctx.FireTimer(instance, timerId);
                fired++;
            }

            return fired;
        }, ct);

    // ---- external tasks -------------------------------------------------------------------------------------------

    public Task CompleteExternalTaskAsync(Guid externalTaskId, string workerId, IReadOnlyDictionary<string, TypedValue>? variables = null,
        IReadOnlyDictionary<string, TypedValue>? localVariables = null, CancellationToken ct = default) =>
        OnExternalTaskAsync(externalTaskId, workerId, requireLock: true, (ctx, instance, task) => ctx.CompleteExternalTask(instance, task, variables, localVariables), ct);

    public Task FailExternalTaskAsync(Guid externalTaskId, string workerId, string? errorMessage, string? errorDetails, int retries,
        TimeSpan retryTimeout, CancellationToken ct = default) =>
        OnExternalTaskAsync(externalTaskId, workerId, requireLock: true, (ctx, instance, task) => ctx.FailExternalTask(instance, task, errorMessage, errorDetails, retries, retryTimeout), ct);

    public Task ExternalTaskBpmnErrorAsync(Guid externalTaskId, string workerId, string errorCode, string? errorMessage = null,
        IReadOnlyDictionary<string, TypedValue>? variables = null, CancellationToken ct = default) =>
        OnExternalTaskAsync(externalTaskId, workerId, requireLock: true, (ctx, instance, task) => ctx.ExternalTaskBpmnError(instance, task, errorCode, errorMessage, variables), ct);

    public Task SetExternalTaskRetriesAsync(Guid externalTaskId, int retries, string? actor = null, CancellationToken ct = default) =>
        OnExternalTaskAsync(externalTaskId, actor, requireLock: false, (ctx, instance, task) => ctx.SetExternalTaskRetries(instance, task, retries), ct);

    /// <summary>Locks an external task for a worker (fetchAndLock); refused when another worker holds a live lock.</summary>
    public Task LockExternalTaskAsync(Guid externalTaskId, string workerId, TimeSpan lockDuration, CancellationToken ct = default) =>
        OnExternalTaskAsync(externalTaskId, workerId, requireLock: false, (ctx, instance, task) =>
        {
            if (task.WorkerId is not null && task.WorkerId != workerId && task.LockExpiresAt > ctx.Now)
            {
                throw new EngineStateException($"Tác vụ ngoài đang được {task.WorkerId} giữ khóa.");
            }

            task.WorkerId = workerId;
            task.LockExpiresAt = ctx.Now + lockDuration;
            ctx.Journal(instance, instance.Activity(task.ActivityInstanceId), null, JournalEvent.Note, $"khóa bởi {workerId}");
        }, ct);

    /// <summary>
    /// Locks many external tasks for one worker in one command and one store transaction (fetchAndLock). Tasks that
    /// ended meanwhile, are locked by another worker, have no retries left or wait for a retry time are skipped; the
    /// locked ones come back with their instance (for the variables). A concurrent change to any of the instances
    /// throws <see cref="ConcurrencyException"/> and nothing is locked: the caller queries again.
    /// </summary>
    public Task<IReadOnlyList<(ProcessInstance Instance, ExternalTaskState Task)>> LockExternalTasksAsync(
        IReadOnlyList<(Guid InstanceId, Guid ExternalTaskId, TimeSpan LockDuration)> items, string workerId, CancellationToken ct = default) =>
        RunAsync<IReadOnlyList<(ProcessInstance, ExternalTaskState)>>(workerId, async ctx =>
        {
            var locked = new List<(ProcessInstance, ExternalTaskState)>(items.Count);
            foreach (var (instanceId, externalTaskId, lockDuration) in items)
            {
                ProcessInstance instance;
                try
                {
                    instance = await ctx.LoadAsync(instanceId, ct);
                }
                catch (EngineNotFoundException)
                {
                    continue;
                }

                var task = instance.ExternalTasks.Find(t => t.Id == externalTaskId);
                if (task is null || instance.IsEnded || task.Retries == 0 || task.NotBefore > ctx.Now
                    || (task.WorkerId is not null && task.WorkerId != workerId && task.LockExpiresAt > ctx.Now))
                {
                    continue;
                }

                task.WorkerId = workerId;
                task.LockExpiresAt = ctx.Now + lockDuration;
                ctx.Journal(instance, instance.Activity(task.ActivityInstanceId), null, JournalEvent.Note, $"khóa bởi {workerId}");
                locked.Add((instance, task));
            }

            return locked;
        }, ct);

    /// <summary>Extends the lock of the worker that holds it (Camunda's extendLock: the new duration counts from now).</summary>
    public Task ExtendExternalTaskLockAsync(Guid externalTaskId, string workerId, TimeSpan newDuration, CancellationToken ct = default) =>
        OnExternalTaskAsync(externalTaskId, workerId, requireLock: true, (ctx, instance, task) =>
        {
            task.LockExpiresAt = ctx.Now + newDuration;
            ctx.Journal(instance, instance.Activity(task.ActivityInstanceId), null, JournalEvent.Note, $"gia hạn khóa cho {workerId}");
        }, ct);

    /// <summary>Releases a lock so any worker may fetch the task again.</summary>
    public Task UnlockExternalTaskAsync(Guid externalTaskId, string? actor = null, CancellationToken ct = default) =>
        OnExternalTaskAsync(externalTaskId, actor, requireLock: false, (ctx, instance, task) =>
        {
            task.WorkerId = null;
            task.LockExpiresAt = null;
            ctx.Journal(instance, instance.Activity(task.ActivityInstanceId), null, JournalEvent.Note, "mở khóa");
        }, ct);

    private Task<bool> OnExternalTaskAsync(Guid externalTaskId, string? workerId, bool requireLock,
        Action<CommandContext, ProcessInstance, ExternalTaskState> action, CancellationToken ct) =>
        RunAsync(workerId, async ctx =>
        {
            var instanceId = await Store.FindInstanceOfExternalTaskAsync(externalTaskId, ct)
                ?? throw new EngineNotFoundException($"Không tìm thấy tác vụ ngoài {externalTaskId}.");
            var instance = await ctx.LoadAsync(instanceId, ct);
            var task = instance.ExternalTasks.Find(t => t.Id == externalTaskId)
                ?? throw new EngineNotFoundException($"Không tìm thấy tác vụ ngoài {externalTaskId}.");
            if (requireLock && (task.WorkerId != workerId || task.LockExpiresAt is null || task.LockExpiresAt <= ctx.Now))
            {
                throw new EngineStateException($"Bộ xử lý \"{workerId}\" không giữ khóa của tác vụ ngoài {externalTaskId} (khóa đã hết hạn hoặc thuộc bộ xử lý khác).");
            }

            action(ctx, instance, task);
            return true;
        }, ct);

    // ---- instances and incidents ----------------------------------------------------------------------------------

    public Task CancelInstanceAsync(Guid instanceId, string? reason = null, string? actor = null, CancellationToken ct = default) =>
        RunAsync(actor, async ctx =>
        {
            var instance = await ctx.LoadAsync(instanceId, ct);
            if (instance.IsEnded)
            {
                throw new EngineStateException("Phiên bản quy trình đã kết thúc.");
            }

            ctx.CancelInstance(instance, reason ?? "hủy bởi người dùng", InstanceStatus.Cancelled);
            return true;
        }, ct);

    public Task SetVariablesAsync(Guid instanceId, IReadOnlyDictionary<string, TypedValue> variables, IEnumerable<string>? deletions = null,
        string? actor = null, CancellationToken ct = default) =>
        RunAsync(actor, async ctx =>
        {
            var instance = await ctx.LoadAsync(instanceId, ct);
            foreach (var (name, value) in variables)
            {
                instance.Variables[name] = value;
                ctx.Journal(instance, null, null, JournalEvent.VariableSet, $"{name} = {value.Value?.ToJsonString() ?? "null"}");
            }

            foreach (var name in deletions ?? [])
            {
                if (instance.Variables.Remove(name))
                {
                    ctx.Journal(instance, null, null, JournalEvent.VariableSet, $"{name} đã xóa");
                }
            }

            return true;
        }, ct);

    /// <summary>Resolves an incident and resumes the activity where it stopped (the failed expression is evaluated again).</summary>
    public Task RetryIncidentAsync(Guid incidentId, string? actor = null, CancellationToken ct = default) =>
        RunAsync(actor, async ctx =>
        {
            var instanceId = await Store.FindInstanceOfIncidentAsync(incidentId, ct)
                ?? throw new EngineNotFoundException($"Không tìm thấy sự cố {incidentId}.");
            var instance = await ctx.LoadAsync(instanceId, ct);
            var incident = instance.Incidents.Find(i => i.Id == incidentId)
                ?? throw new EngineNotFoundException($"Không tìm thấy sự cố {incidentId}.");
            var activity = instance.Activity(incident.ActivityInstanceId)!;
            if (incident.Type == "unknownMessage")
            {
                if (!ctx.DeliverMessage(instance, incident.MessageName!, incident.MessageVariables))
                {
                    throw new EngineStateException($"Quy trình vẫn chưa chờ thông điệp \"{incident.MessageName}\"; sự cố được giữ nguyên.");
                }

                instance.Incidents.Remove(incident);
                ctx.Journal(instance, activity, null, JournalEvent.IncidentResolved, incident.Message);
                return true;
            }

            instance.Incidents.Remove(incident);
            ctx.Journal(instance, activity, null, JournalEvent.IncidentResolved, incident.Message);
            if (incident.ExternalTaskId is { } externalTaskId && instance.ExternalTasks.Find(t => t.Id == externalTaskId) is { } task)
            {
                ctx.SetExternalTaskRetries(instance, task, Math.Max(1, task.Retries ?? 1));
            }
            else
            {
                ctx.ScheduleRetry(instance, activity, activity.FailedOperation ?? Operation.Execute);
            }

            return true;
        }, ct);

    // ---- the command runner ---------------------------------------------------------------------------------------

    private async Task<T> RunAsync<T>(string? actor, Func<CommandContext, Task<T>> command, CancellationToken ct,
        [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var ctx = new CommandContext(this, actor);
            var result = await command(ctx);
            await ctx.RunAsync(ct);
            await ctx.CancelPendingChildrenAsync(ct);
            var changed = ctx.Instances.Where(i => i.Version == 0 || i.NewJournal.Count > 0).ToList();
            if (changed.Count > 0)
            {
                await Store.SaveAsync(changed, ct);
            }

            if (ctx.Effects.Count > 0)
            {
                await Scheduler.ApplyAsync(ctx.Effects, ct);
            }

            outcome = "ok";
            return result;
        }
        catch (ConcurrencyException)
        {
            outcome = "conflict";
            throw;
        }
        finally
        {
            EngineMetrics.Record(name, outcome, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }
}
