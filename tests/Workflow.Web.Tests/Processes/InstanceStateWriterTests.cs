using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Engine;
using Workflow.Engine.Runtime;
using Workflow.Web.Processes;

namespace Workflow.Web.Tests.Processes;

/// <summary>
/// The State column's hand-written writer against the serializer the store reads it with: the same bytes for instances
/// where every property of every state class holds a value (found by reflection, so a property added later and not
/// written fails here), and for instances holding only defaults.
/// </summary>
public sealed class InstanceStateWriterTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 12, 5, 8, 30, 15, 123, TimeSpan.FromHours(7)).AddTicks(4567);

    [Fact]
    public void Every_property_holding_a_value_is_written_as_the_serializer_writes_it()
    {
        var instance = Filled<ProcessInstance>();
        var expected = JsonSerializer.Serialize(instance, EfWorkflowStore.StateJson);

        Assert.Equal(expected, InstanceStateWriter.ToText(instance));
        Assert.Equal(Encoding.UTF8.GetBytes(expected), InstanceStateWriter.ToUtf8(instance));
        // The columns stay out of the JSON, and what has a value is in it.
        Assert.DoesNotContain("\"DefinitionKey\"", expected, StringComparison.Ordinal);
        Assert.Contains("\"PendingItems\"", expected, StringComparison.Ordinal);
        Assert.Contains("\"Period\":\"1.02:03:04.5000000\"", expected, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Văn An", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_and_empty_initialized_lists_are_left_out_as_the_serializer_leaves_them()
    {
        var bare = new ProcessInstance { DefinitionId = "d:1", DefinitionKey = "d" };
        Assert.Equal("{}", InstanceStateWriter.ToText(bare));

        // Defaults inside the lists' elements, and nullable values holding a default (written: only null is left out).
        var defaults = new ProcessInstance
        {
            DefinitionId = "d:1",
            DefinitionKey = "d",
            ParentActivityInstanceId = Guid.Empty,
            Variables = { ["empty"] = TypedValue.Null, ["none"] = null! },
            Activities = [new ActivityInstance { ElementId = "a", LoopCounter = 0, Variables = [], ArrivedFlows = [], PendingItems = [], FailedOperation = Operation.Execute }],
            Tasks = [new UserTaskState { ElementId = "t", DueAt = default(DateTimeOffset) }],
            Timers = [new TimerState { Id = "x", ElementId = "t", RemainingRepetitions = 0, Period = TimeSpan.Zero }],
            Subscriptions = [new MessageSubscription { MessageName = "m", ElementId = "c" }],
            ExternalTasks = [new ExternalTaskState { ElementId = "s", Topic = "t", Retries = 0 }],
            Incidents = [new Incident { ElementId = "s", Type = "failedExpression", Message = "", MessageVariables = [] }],
        };

        Assert.Equal(JsonSerializer.Serialize(defaults, EfWorkflowStore.StateJson), InstanceStateWriter.ToText(defaults));
    }

    [Fact]
    public void What_is_written_reads_back_to_the_same_state()
    {
        var instance = Filled<ProcessInstance>();
        var text = InstanceStateWriter.ToText(instance);

        var read = JsonSerializer.Deserialize<ProcessInstance>(text, EfWorkflowStore.StateJson)!;

        Assert.Equal(text, InstanceStateWriter.ToText(read));
        Assert.Equal(instance.Tasks[0].Name, read.Tasks[0].Name);
        Assert.Equal(instance.Timers[0].Period, read.Timers[0].Period);
    }

    [Fact]
    public void A_large_state_is_written_whole_and_the_next_one_is_not_disturbed()
    {
        var large = Filled<ProcessInstance>();
        large.Variables["list"] = TypedValue.Json(new JsonArray([.. Enumerable.Range(0, 200_000).Select(i => (JsonNode)JsonValue.Create($"mục {i}"))]));
        var small = Filled<ProcessInstance>();

        Assert.Equal(JsonSerializer.Serialize(large, EfWorkflowStore.StateJson), InstanceStateWriter.ToText(large));
        Assert.Equal(JsonSerializer.Serialize(small, EfWorkflowStore.StateJson), InstanceStateWriter.ToText(small));
    }

    /// <summary>An object of <typeparamref name="T"/> whose every settable property holds a value that is not its default.</summary>
    private static T Filled<T>() => (T)Fill(typeof(T));

    private static object Fill(Type type)
    {
        var value = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            property.SetValue(value, ValueFor(property.PropertyType, property.Name));
        }

        return value;
    }

    private static object? ValueFor(Type type, string name)
    {
        if (type == typeof(string))
        {
            return $"{name}: Nguyễn Văn An <b>\"&'\\ {name.Length}";
        }

        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            // A nullable holding its type's default is written (only null is left out): check that case.
            return inner.IsEnum ? Enum.ToObject(inner, 0) : inner == typeof(Guid) ? Guid.Empty : ValueFor(inner, name);
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).Cast<object>().Last();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var element = type.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(type)!;
            if (element == typeof(string))
            {
                list.Add("flow-1");
                list.Add("Luồng hai");
            }
            else if (element == typeof(TypedValue))
            {
                foreach (var v in Values())
                {
                    list.Add(v);
                }
            }
            else
            {
                list.Add(Fill(element));
                list.Add(Minimal(element));
            }

            return list;
        }

        return type switch
        {
            _ when type == typeof(int) => 3,
            _ when type == typeof(long) => 70_000_000_000L,
            _ when type == typeof(bool) => true,
            _ when type == typeof(Guid) => Uuid7.New(),
            _ when type == typeof(DateTimeOffset) => At,
            _ when type == typeof(TimeSpan) => new TimeSpan(1, 2, 3, 4, 500),
            _ when type == typeof(Dictionary<string, TypedValue>) => Values().Select((v, i) => (v, i)).ToDictionary(x => $"biến_{x.i}", x => x.v),
            _ => throw new InvalidOperationException($"The test cannot fill a property of type {type} ({name}): add it here and to InstanceStateWriter."),
        };
    }

    /// <summary>An element with only its required strings set (every other property at its default).</summary>
    private static object Minimal(Type type)
    {
        var value = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties().Where(p => p.CanWrite && p.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null))
        {
            property.SetValue(value, "x");
        }

        return value;
    }

    private static IEnumerable<TypedValue> Values() =>
    [
        TypedValue.String("Chi bộ Thôn Đông — \"Tổ 3\" <a&b>"),
        TypedValue.Integer(-12),
        TypedValue.Long(9_000_000_000),
        TypedValue.Double(12.5),
        TypedValue.Boolean(false),
        TypedValue.Date(At),
        TypedValue.Null,
        TypedValue.Json(JsonNode.Parse("""{"a":[1,2.5,"ba",null,true],"b":{"c":"Đảng viên"}}""")),
        TypedValue.FromObject(12.75m),
    ];
}
