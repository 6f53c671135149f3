using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Workflow.Engine.Runtime;

namespace Workflow.Web.Processes;

/// <summary>
/// Writes an instance's State column: byte for byte what <see cref="EfWorkflowStore"/>'s serializer options write (the
/// columns left out, defaults and empty initialized lists left out, names as declared, enums as numbers), written
/// straight to a reused buffer. The general serializer spent most of a round's opening growing its own frame stack and
/// allocating for it; this is read back by that serializer, and a test holds the two outputs equal for every property.
/// </summary>
public static class InstanceStateWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        // As the store's options: Vietnamese names and "+07:00" offsets as they are, not \uXXXX escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? _reused;

    /// <summary>The state as UTF-8 bytes (new instances: SQLite binds them, PostgreSQL's COPY sends them).</summary>
    public static byte[] ToUtf8(ProcessInstance instance) => Write(instance).ToArray();

    /// <summary>The state as text (an update's parameter).</summary>
    public static string ToText(ProcessInstance instance) => Encoding.UTF8.GetString(Write(instance));

    private static ReadOnlySpan<byte> Write(ProcessInstance instance)
    {
        var (buffer, writer) = _reused ??= Create();
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        WriteInstance(writer, instance);
        writer.Flush();
        if (buffer.Capacity > 1 << 20)
        {
            // One huge instance must not keep a megabyte per thread alive.
            var written = buffer.WrittenSpan.ToArray();
            _reused = null;
            return written;
        }

        return buffer.WrittenSpan;
    }

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) Create()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        return (buffer, new Utf8JsonWriter(buffer, Options));
    }

    private static void WriteInstance(Utf8JsonWriter w, ProcessInstance i)
    {
        w.WriteStartObject();
        Guid(w, nameof(ProcessInstance.ParentActivityInstanceId), i.ParentActivityInstanceId);
        String(w, nameof(ProcessInstance.EndReason), i.EndReason);
        if (i.Variables is { Count: > 0 })
        {
            Variables(w, nameof(ProcessInstance.Variables), i.Variables);
        }

        List(w, nameof(ProcessInstance.Activities), i.Activities, WriteActivity);
        List(w, nameof(ProcessInstance.Tasks), i.Tasks, WriteTask);
        List(w, nameof(ProcessInstance.Timers), i.Timers, WriteTimer);
        List(w, nameof(ProcessInstance.Subscriptions), i.Subscriptions, WriteSubscription);
        List(w, nameof(ProcessInstance.ExternalTasks), i.ExternalTasks, WriteExternalTask);
        List(w, nameof(ProcessInstance.Incidents), i.Incidents, WriteIncident);
        w.WriteEndObject();
    }

    private static void WriteActivity(Utf8JsonWriter w, ActivityInstance a)
    {
        w.WriteStartObject();
        Guid(w, nameof(ActivityInstance.Id), a.Id);
        Guid(w, nameof(ActivityInstance.ParentId), a.ParentId);
        String(w, nameof(ActivityInstance.ElementId), a.ElementId);
        Number(w, nameof(ActivityInstance.State), (int)a.State);
        Time(w, nameof(ActivityInstance.StartedAt), a.StartedAt);
        if (a.Variables is not null)
        {
            Variables(w, nameof(ActivityInstance.Variables), a.Variables);
        }

        if (a.IsMultiInstanceBody)
        {
            w.WriteBoolean(nameof(ActivityInstance.IsMultiInstanceBody), true);
        }

        if (a.LoopCounter is { } loop)
        {
            w.WriteNumber(nameof(ActivityInstance.LoopCounter), loop);
        }

        Number(w, nameof(ActivityInstance.NrOfInstances), a.NrOfInstances);
        Number(w, nameof(ActivityInstance.NrOfCompletedInstances), a.NrOfCompletedInstances);
        Number(w, nameof(ActivityInstance.NrOfActiveInstances), a.NrOfActiveInstances);
        if (a.PendingItems is { } pending)
        {
            w.WriteStartArray(nameof(ActivityInstance.PendingItems));
            foreach (var item in pending)
            {
                Value(w, item);
            }

            w.WriteEndArray();
        }

        if (a.ArrivedFlows is { } arrived)
        {
            Strings(w, nameof(ActivityInstance.ArrivedFlows), arrived);
        }

        Guid(w, nameof(ActivityInstance.CalledInstanceId), a.CalledInstanceId);
        if (a.FailedOperation is { } failed)
        {
            w.WriteNumber(nameof(ActivityInstance.FailedOperation), (int)failed);
        }

        w.WriteEndObject();
    }

    private static void WriteTask(Utf8JsonWriter w, UserTaskState t)
    {
        w.WriteStartObject();
        Guid(w, nameof(UserTaskState.Id), t.Id);
        Guid(w, nameof(UserTaskState.ActivityInstanceId), t.ActivityInstanceId);
        String(w, nameof(UserTaskState.ElementId), t.ElementId);
        String(w, nameof(UserTaskState.Name), t.Name);
        String(w, nameof(UserTaskState.Assignee), t.Assignee);
        String(w, nameof(UserTaskState.Owner), t.Owner);
        if (t.CandidateUsers is { Count: > 0 })
        {
            Strings(w, nameof(UserTaskState.CandidateUsers), t.CandidateUsers);
        }

        if (t.CandidateGroups is { Count: > 0 })
        {
            Strings(w, nameof(UserTaskState.CandidateGroups), t.CandidateGroups);
        }

        Time(w, nameof(UserTaskState.DueAt), t.DueAt);
        Time(w, nameof(UserTaskState.FollowUpAt), t.FollowUpAt);
        Number(w, nameof(UserTaskState.Priority), t.Priority);
        String(w, nameof(UserTaskState.FormKey), t.FormKey);
        Time(w, nameof(UserTaskState.CreatedAt), t.CreatedAt);
        String(w, nameof(UserTaskState.DelegationState), t.DelegationState);
        w.WriteEndObject();
    }

    private static void WriteTimer(Utf8JsonWriter w, TimerState t)
    {
        w.WriteStartObject();
        String(w, nameof(TimerState.Id), t.Id);
        String(w, nameof(TimerState.ElementId), t.ElementId);
        Guid(w, nameof(TimerState.ActivityInstanceId), t.ActivityInstanceId);
        Time(w, nameof(TimerState.DueAt), t.DueAt);
        Number(w, nameof(TimerState.Occurrence), t.Occurrence);
        if (t.RemainingRepetitions is { } remaining)
        {
            w.WriteNumber(nameof(TimerState.RemainingRepetitions), remaining);
        }

        if (t.Period is { } period)
        {
            w.WriteString(nameof(TimerState.Period), period.ToString("c", CultureInfo.InvariantCulture));
        }

        if (t.IsCycle)
        {
            w.WriteBoolean(nameof(TimerState.IsCycle), true);
        }

        w.WriteEndObject();
    }

    private static void WriteSubscription(Utf8JsonWriter w, MessageSubscription s)
    {
        w.WriteStartObject();
        Guid(w, nameof(MessageSubscription.Id), s.Id);
        String(w, nameof(MessageSubscription.MessageName), s.MessageName);
        String(w, nameof(MessageSubscription.ElementId), s.ElementId);
        Guid(w, nameof(MessageSubscription.ActivityInstanceId), s.ActivityInstanceId);
        Time(w, nameof(MessageSubscription.CreatedAt), s.CreatedAt);
        w.WriteEndObject();
    }

    private static void WriteExternalTask(Utf8JsonWriter w, ExternalTaskState t)
    {
        w.WriteStartObject();
        Guid(w, nameof(ExternalTaskState.Id), t.Id);
        Guid(w, nameof(ExternalTaskState.ActivityInstanceId), t.ActivityInstanceId);
        String(w, nameof(ExternalTaskState.ElementId), t.ElementId);
        String(w, nameof(ExternalTaskState.Topic), t.Topic);
        if (t.Priority != 0)
        {
            w.WriteNumber(nameof(ExternalTaskState.Priority), t.Priority);
        }

        String(w, nameof(ExternalTaskState.WorkerId), t.WorkerId);
        Time(w, nameof(ExternalTaskState.LockExpiresAt), t.LockExpiresAt);
        if (t.Retries is { } retries)
        {
            w.WriteNumber(nameof(ExternalTaskState.Retries), retries);
        }

        String(w, nameof(ExternalTaskState.ErrorMessage), t.ErrorMessage);
        String(w, nameof(ExternalTaskState.ErrorDetails), t.ErrorDetails);
        Time(w, nameof(ExternalTaskState.NotBefore), t.NotBefore);
        Time(w, nameof(ExternalTaskState.CreatedAt), t.CreatedAt);
        w.WriteEndObject();
    }

    private static void WriteIncident(Utf8JsonWriter w, Incident x)
    {
        w.WriteStartObject();
        Guid(w, nameof(Incident.Id), x.Id);
        Guid(w, nameof(Incident.ActivityInstanceId), x.ActivityInstanceId);
        String(w, nameof(Incident.ElementId), x.ElementId);
        String(w, nameof(Incident.Type), x.Type);
        String(w, nameof(Incident.Message), x.Message);
        Guid(w, nameof(Incident.ExternalTaskId), x.ExternalTaskId);
        String(w, nameof(Incident.MessageName), x.MessageName);
        if (x.MessageVariables is not null)
        {
            Variables(w, nameof(Incident.MessageVariables), x.MessageVariables);
        }

        Time(w, nameof(Incident.CreatedAt), x.CreatedAt);
        w.WriteEndObject();
    }

    private static void List<T>(Utf8JsonWriter w, string name, List<T>? items, Action<Utf8JsonWriter, T> write)
    {
        if (items is not { Count: > 0 })
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var item in items)
        {
            write(w, item);
        }

        w.WriteEndArray();
    }

    private static void Variables(Utf8JsonWriter w, string name, Dictionary<string, TypedValue> variables)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in variables)
        {
            w.WritePropertyName(key);
            Value(w, value);
        }

        w.WriteEndObject();
    }

    /// <summary>A variable as {"Type": …, "Value": …}, as <see cref="TypedValueStateConverter"/> writes it.</summary>
    private static void Value(Utf8JsonWriter w, TypedValue? value)
    {
        if (value is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString(nameof(TypedValue.Type), value.Type);
        if (value.Value is not null)
        {
            w.WritePropertyName(nameof(TypedValue.Value));
            value.Value.WriteTo(w, EfWorkflowStore.StateJson);
        }

        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, List<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    // Defaults are left out as the serializer's WhenWritingDefault does: an empty Guid or a zero time is a default,
    // a nullable one holding them is not (only null is).
    private static void Guid(Utf8JsonWriter w, string name, Guid value)
    {
        if (value != System.Guid.Empty)
        {
            w.WriteString(name, value);
        }
    }

    private static void Guid(Utf8JsonWriter w, string name, Guid? value)
    {
        if (value is { } id)
        {
            w.WriteString(name, id);
        }
    }

    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset value)
    {
        if (value != default)
        {
            w.WriteString(name, value);
        }
    }

    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } at)
        {
            w.WriteString(name, at);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, int value)
    {
        if (value != 0)
        {
            w.WriteNumber(name, value);
        }
    }
}
