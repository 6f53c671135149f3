using System.Globalization;
using System.Text.Json.Nodes;

namespace Workflow.Engine.Runtime;

#pragma warning disable CA1720 // the factory names are Camunda's type names
/// <summary>
/// A typed variable value, in Camunda's type names (String, Integer, Long, Double, Boolean, Json, Date, Null), stored
/// as JSON. Expressions see <see cref="Value"/>; the REST face shows the type.
/// </summary>
public sealed record TypedValue(string Type, JsonNode? Value)
{
    public static TypedValue Null { get; } = new("Null", null);

    public static TypedValue String(string? s) => s is null ? Null : new("String", JsonValue.Create(s));

    public static TypedValue Boolean(bool b) => new("Boolean", JsonValue.Create(b));

    public static TypedValue Long(long n) => new("Long", JsonValue.Create(n));

    public static TypedValue Integer(int n) => new("Integer", JsonValue.Create(n));

    public static TypedValue Double(double d) => new("Double", JsonValue.Create(d));

    public static TypedValue Date(DateTimeOffset d) => new("Date", JsonValue.Create(d.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture)));

    public static TypedValue Json(JsonNode? node) => node is null ? Null : new("Json", node.DeepClone());

    /// <summary>Infers the type of a JSON value produced by an expression or a mapping.</summary>
    public static TypedValue From(JsonNode? node) => node switch
    {
        null => Null,
        JsonValue v when v.TryGetValue<bool>(out var b) => Boolean(b),
        JsonValue v when v.TryGetValue<string>(out var s) => String(s),
        JsonValue v when v.TryGetValue<int>(out var i) => Integer(i),
        JsonValue v when v.TryGetValue<long>(out var l) => Long(l),
        JsonValue v when v.TryGetValue<double>(out var d) => Double(d),
        _ => Json(node),
    };

    /// <summary>Converts a plain .NET value (from C# callers and tests).</summary>
    public static TypedValue FromObject(object? value) => value switch
    {
        null => Null,
        TypedValue t => t,
        string s => String(s),
        bool b => Boolean(b),
        int i => Integer(i),
        long l => Long(l),
        double d => Double(d),
        decimal m => Double((double)m),
        DateTimeOffset d => Date(d),
        DateTime d => Date(new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc))),
        JsonNode n => From(n),
        _ => Json(System.Text.Json.JsonSerializer.SerializeToNode(value)),
    };

    public object? ToObject() => Value switch
    {
        null => null,
        JsonValue v when Type == "Boolean" && v.TryGetValue<bool>(out var b) => b,
        JsonValue v when Type is "Integer" or "Long" && AsLong(v) is { } l => l,
        JsonValue v when Type == "Double" && AsDouble(v) is { } d => d,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => Value.ToJsonString(),
    };

    /// <summary>
    /// A JSON number as a whole number, whatever CLR type the node was created from (a node made from an int does not
    /// answer TryGetValue&lt;long&gt;; one read from JSON does).
    /// </summary>
    public static long? AsLong(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
        && long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null;

    public static double? AsDouble(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
        && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    public bool ValueEquals(TypedValue other) => JsonNode.DeepEquals(Value, other.Value);
}
#pragma warning restore CA1720

/// <summary>Builds variable maps from plain values: <c>Vars.Of(("approved", true), ("level", "HTTNV"))</c>.</summary>
public static class Vars
{
    public static Dictionary<string, TypedValue> Of(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => TypedValue.FromObject(v.Value));

    public static Dictionary<string, TypedValue> None => [];
}
