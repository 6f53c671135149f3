using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Engine.Runtime;
namespace Workflow.Web.Processes;

/// <summary>
/// Camunda's typed variables: <c>{"name": {"value": …, "type": "String|Integer|Long|Double|Boolean|Json|Date|Null"}}</c>.
/// A value of the wrong type is a <see cref="VariableFormatException"/> that names the variable (a 400 under
/// /engine-rest, a field error in the instance viewer); Json values may be given as a JSON string (Camunda's way) or
/// as JSON. Dates are ISO 8601, with or without an offset (without one, Việt Nam time).
/// </summary>
public static class TypedVariableJson
{
    public static Dictionary<string, TypedValue>? Parse(JsonElement? variables, string field = "variables")
    {
        if (variables is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new VariableFormatException($"{field} phải là một đối tượng JSON {{\"tên\": {{\"value\": …, \"type\": …}}}}.");
        }

        var result = new Dictionary<string, TypedValue>();
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = ParseOne(property.Name, property.Value, field);
        }

        return result;
    }

    /// <summary>One typed value <c>{"value": …, "type": …}</c> (the body of PUT …/variables/{name}).</summary>
    public static TypedValue ParseValue(string name, JsonElement dto, string field) => ParseOne(name, dto, field);

    private static TypedValue ParseOne(string name, JsonElement dto, string field)
    {
        if (dto.ValueKind != JsonValueKind.Object)
        {
            throw new VariableFormatException($"{field}.{name} phải có dạng {{\"value\": …, \"type\": …}}.");
        }

        var value = dto.TryGetProperty("value", out var v) ? v : default;
        var type = dto.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : Infer(value);
        string Wrong(string expected) => $"Biến \"{name}\" ({field}) có kiểu {type} nhưng giá trị không phải {expected}: {value.GetRawText()}";
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return TypedValue.Null;
        }

        return type.ToUpperInvariant() switch
        {
            "STRING" => value.ValueKind == JsonValueKind.String ? TypedValue.String(value.GetString()) : throw new VariableFormatException(Wrong("chuỗi")),
            "BOOLEAN" => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? TypedValue.Boolean(value.GetBoolean())
                : value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var b) ? TypedValue.Boolean(b)
                : throw new VariableFormatException(Wrong("đúng/sai")),
            "INTEGER" or "SHORT" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? TypedValue.Integer(i)
                : value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var si) ? TypedValue.Integer(si)
                : throw new VariableFormatException(Wrong("số nguyên 32 bit")),
            "LONG" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var l) ? TypedValue.Long(l)
                : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var sl) ? TypedValue.Long(sl)
                : throw new VariableFormatException(Wrong("số nguyên")),
            "DOUBLE" => value.ValueKind == JsonValueKind.Number ? TypedValue.Double(value.GetDouble())
                : value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var sd) ? TypedValue.Double(sd)
                : throw new VariableFormatException(Wrong("số thực")),
            "DATE" => value.ValueKind == JsonValueKind.String && TryParseDate(value.GetString(), out var d)
                ? TypedValue.Date(new DateTimeOffset(d, TimeSpan.Zero))
                : throw new VariableFormatException(Wrong("ngày giờ")),
            "JSON" or "OBJECT" => TypedValue.Json(value.ValueKind == JsonValueKind.String ? ParseJson(value.GetString()!, name) : JsonNode.Parse(value.GetRawText())),
            "NULL" => TypedValue.Null,
            _ => throw new VariableFormatException($"Biến \"{name}\" có kiểu \"{type}\" không được hỗ trợ (String, Integer, Long, Double, Boolean, Json, Date, Null)."),
        };
    }

    private static JsonNode? ParseJson(string text, string name)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw new VariableFormatException($"Biến \"{name}\" có kiểu Json nhưng giá trị không phải JSON hợp lệ.");
        }
    }

    private static string Infer(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "String",
        JsonValueKind.True or JsonValueKind.False => "Boolean",
        JsonValueKind.Number => value.TryGetInt32(out _) ? "Integer" : value.TryGetInt64(out _) ? "Long" : "Double",
        JsonValueKind.Object or JsonValueKind.Array => "Json",
        _ => "Null",
    };

    /// <summary>Renders variables as Camunda does, with valueInfo.</summary>
    public static Dictionary<string, object?> Render(IEnumerable<KeyValuePair<string, TypedValue>> variables, IReadOnlyCollection<string>? only = null) =>
        variables.Where(v => only is null || only.Contains(v.Key)).ToDictionary(v => v.Key, v => (object?)Render(v.Value));

    public static object Render(TypedValue value) => new
    {
        type = value.Type,
        value = value.Type == "Json" ? value.Value?.ToJsonString() : (object?)value.Value,
        valueInfo = new Dictionary<string, object>(),
    };

    /// <summary>Camunda's dates: 2026-12-01T08:00:00.000+0700, +07:00 or Z; without an offset, Việt Nam time.</summary>
    public static bool TryParseDate(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var normalized = System.Text.RegularExpressions.Regex.Replace(text, @"([+-]\d\d)(\d\d)$", "$1:$2");
        if (!Workflow.Engine.Expressions.Iso8601.TryParseDate(normalized, Localization.VietnamTime.Zone, out var value))
        {
            return false;
        }

        utc = value.UtcDateTime;
        return true;
    }
}
