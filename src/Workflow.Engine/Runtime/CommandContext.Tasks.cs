using System.Globalization;
using Workflow.Engine.Expressions;
using Workflow.Engine.Model;
using Workflow.Engine.Ports;

namespace Workflow.Engine.Runtime;

/// <summary>User tasks and external (service/send) tasks.</summary>
internal sealed partial class CommandContext
{
    private void CreateUserTask(ProcessInstance instance, ActivityInstance activity, UserTask task)
    {
        // Evaluate everything first: an expression error leaves no half-created task behind.
        var assignee = EvaluateString(instance, activity, task.Assignee);
        var candidateUsers = SplitList(EvaluateString(instance, activity, task.CandidateUsers));
        var candidateGroups = SplitList(EvaluateString(instance, activity, task.CandidateGroups));
        var due = EvaluateDate(instance, activity, task.DueDate, "camunda:dueDate");
        var followUp = EvaluateDate(instance, activity, task.FollowUpDate, "camunda:followUpDate");
        var formKey = EvaluateString(instance, activity, task.FormKey);
        var priority = (int)EvaluateInteger(instance, activity, task.Priority, "camunda:priority", 50);

        ArmBoundaries(instance, activity);
        var state = new UserTaskState
        {
            Id = Uuid7.New(),
            ActivityInstanceId = activity.Id,
            ElementId = task.Id,
            Name = task.Name,
            Assignee = string.IsNullOrWhiteSpace(assignee) ? null : assignee,
            CandidateUsers = candidateUsers,
            CandidateGroups = candidateGroups,
            DueAt = due,
            FollowUpAt = followUp,
            Priority = priority,
            FormKey = formKey,
            CreatedAt = Now,
        };
        instance.Tasks.Add(state);
        activity.State = ActivityState.Waiting;
        Effects.Add(new UserTaskCreated(instance.Id, state.Id));
        if (state.Assignee is not null)
        {
            Journal(instance, activity, task, JournalEvent.TaskAssigned, state.Assignee);
        }
    }

    public void CompleteUserTask(ProcessInstance instance, UserTaskState task, IReadOnlyDictionary<string, TypedValue>? variables)
    {
        var activity = instance.Activity(task.ActivityInstanceId)
            ?? throw new EngineStateException("Công việc này không còn hiệu lực.");
        instance.Tasks.Remove(task);
        Effects.Add(new UserTaskEnded(instance.Id, task.Id, Completed: true));
        SetVariables(instance, activity, variables);
        activity.State = ActivityState.Active;
        ScheduleLeave(instance, activity);
    }

    private DateTimeOffset? EvaluateDate(ProcessInstance instance, ActivityInstance activity, string? text, string what)
    {
        var value = EvaluateString(instance, activity, text);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Iso8601.TryParseDate(value, _engine.Options.TimeZone, out var date))
        {
            return date;
        }

        // A duration ("P3D") is read as "from now", which is what due dates in a round's BPMN usually mean.
        if (Iso8601.TryParseDuration(value, out var duration))
        {
            return Now + duration;
        }

        throw new ExpressionException($"{what} \"{value}\" không phải ngày giờ hay khoảng thời gian ISO 8601.");
    }

    /// <summary>A whole-number attribute (priorities), or <paramref name="fallback"/> when it is not set.</summary>
    private long EvaluateInteger(ProcessInstance instance, ActivityInstance activity, string? text, string what, long fallback) =>
        EvaluateString(instance, activity, text) is not { } value ? fallback
        : long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number is >= int.MinValue and <= int.MaxValue ? number
        : throw new ExpressionException($"{what} \"{value}\" không phải số nguyên.");

    private static List<string> SplitList(string? text) => string.IsNullOrWhiteSpace(text)
        ? []
        : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    // ---- external tasks -------------------------------------------------------------------------------------------

    private void CreateExternalTask(ProcessInstance instance, ActivityInstance activity, ServiceTask service)
    {
        var priority = EvaluateInteger(instance, activity, service.TaskPriority, "camunda:taskPriority", 0);

        ArmBoundaries(instance, activity);
        var task = new ExternalTaskState
        {
            Id = Uuid7.New(),
            ActivityInstanceId = activity.Id,
            ElementId = service.Id,
            Topic = service.Topic,
            Priority = priority,
            CreatedAt = Now,
        };
        instance.ExternalTasks.Add(task);
        activity.State = ActivityState.Waiting;
        Effects.Add(new ExternalTaskCreated(instance.Id, task.Id, task.Topic));
    }

    public void CompleteExternalTask(ProcessInstance instance, ExternalTaskState task, IReadOnlyDictionary<string, TypedValue>? variables, IReadOnlyDictionary<string, TypedValue>? localVariables)
    {
        var activity = instance.Activity(task.ActivityInstanceId) ?? throw new EngineStateException("Tác vụ ngoài không còn hiệu lực.");
        instance.ExternalTasks.Remove(task);
        if (localVariables is not null)
        {
            activity.Variables ??= [];
            foreach (var (name, value) in localVariables)
            {
                activity.Variables[name] = value;
            }
        }

        SetVariables(instance, activity, variables);
        activity.State = ActivityState.Active;
        ScheduleLeave(instance, activity);
    }

    /// <summary>
    /// A worker reports a failure. With retries left the task is offered again (after the retry timeout); at zero
    /// retries it becomes an incident, and setting retries again (or retrying the incident) resumes it.
    /// </summary>
    public void FailExternalTask(ProcessInstance instance, ExternalTaskState task, string? message, string? details, int retries, TimeSpan retryTimeout)
    {
        task.WorkerId = null;
        task.LockExpiresAt = null;
        task.ErrorMessage = Truncate(message, 666);
        task.ErrorDetails = Truncate(details, 16_000);
        task.Retries = Math.Max(0, retries);
        task.NotBefore = retryTimeout > TimeSpan.Zero ? Now + retryTimeout : null;
        var activity = instance.Activity(task.ActivityInstanceId)!;
        if (task.Retries == 0)
        {
            RaiseIncident(instance, activity, "failedExternalTask", task.ErrorMessage ?? "Tác vụ ngoài thất bại.", operation: null, externalTaskId: task.Id);
        }
        else
        {
            Journal(instance, activity, ModelOf(instance).Node(activity.ElementId), JournalEvent.Note,
                $"Lỗi, còn {task.Retries} lần thử: {task.ErrorMessage}");
            if (retryTimeout > TimeSpan.Zero)
            {
                Effects.Add(new ExternalTaskCreated(instance.Id, task.Id, task.Topic)); // wake the in-process runner later
            }
        }
    }

    /// <summary>Sets retries (Camunda's PUT retries): from zero this resolves the incident and offers the task again.</summary>
    public void SetExternalTaskRetries(ProcessInstance instance, ExternalTaskState task, int retries)
    {
        task.Retries = Math.Max(0, retries);
        if (retries > 0)
        {
            var activity = instance.Activity(task.ActivityInstanceId)!;
            foreach (var incident in instance.Incidents.Where(i => i.ExternalTaskId == task.Id).ToList())
            {
                instance.Incidents.Remove(incident);
                Journal(instance, activity, null, JournalEvent.IncidentResolved, incident.Message);
            }

            activity.State = ActivityState.Waiting;
            task.NotBefore = null;
            Effects.Add(new ExternalTaskCreated(instance.Id, task.Id, task.Topic));
        }
    }

    public void ExternalTaskBpmnError(ProcessInstance instance, ExternalTaskState task, string errorCode, string? message, IReadOnlyDictionary<string, TypedValue>? variables)
    {
        var activity = instance.Activity(task.ActivityInstanceId)!;
        SetVariables(instance, activity, variables);
        if (!ThrowError(instance, null, errorCode, activity))
        {
            task.WorkerId = null;
            task.LockExpiresAt = null;
            task.Retries = 0;
            task.ErrorMessage = Truncate(message, 666);
            RaiseIncident(instance, activity, "unhandledBpmnError",
                $"Lỗi BPMN \"{errorCode}\" không có sự kiện biên nào bắt{(message is null ? "" : $": {message}")}.", operation: null, externalTaskId: task.Id);
        }
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
