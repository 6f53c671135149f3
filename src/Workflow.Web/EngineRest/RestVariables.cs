using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Engine.Runtime;

namespace Workflow.Web.EngineRest;

/// <summary>
/// Camunda's typed variables: <c>{"name": {"value": …, "type": "String|Integer|Long|Double|Boolean|Json|Date|Null"}}</c>.
/// A value of the wrong type is a 400 that names the variable; Json values may be given as a JSON string (Camunda's
/// way) or as JSON.
/// </summary>
public static class RestVariables
{
    public static Dictionary<string, TypedValue>? Parse(JsonElement? variables, string field = "variables")
    {
        if (variables is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw RestException.BadRequest($"{field} phải là một đối tượng JSON {{\"tên\": {{\"value\": …, \"type\": …}}}}.");
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
            throw RestException.BadRequest($"{field}.{name} phải có dạng {{\"value\": …, \"type\": …}}.");
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
            "STRING" => value.ValueKind == JsonValueKind.String ? TypedValue.String(value.GetString()) : throw RestException.BadRequest(Wrong("chuỗi")),
            "BOOLEAN" => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? TypedValue.Boolean(value.GetBoolean())
                : value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var b) ? TypedValue.Boolean(b)
                : throw RestException.BadRequest(Wrong("đúng/sai")),
            "INTEGER" or "SHORT" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? TypedValue.Integer(i)
                : value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var si) ? TypedValue.Integer(si)
                : throw RestException.BadRequest(Wrong("số nguyên 32 bit")),
            "LONG" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var l) ? TypedValue.Long(l)
                : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var sl) ? TypedValue.Long(sl)
                : throw RestException.BadRequest(Wrong("số nguyên")),
            "DOUBLE" => value.ValueKind == JsonValueKind.Number ? TypedValue.Double(value.GetDouble())
                : value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var sd) ? TypedValue.Double(sd)
                : throw RestException.BadRequest(Wrong("số thực")),
            "DATE" => value.ValueKind == JsonValueKind.String && RestJson.ParseDate(value.GetString(), $"{field}.{name}") is { } d
                ? TypedValue.Date(new DateTimeOffset(d, TimeSpan.Zero))
                : throw RestException.BadRequest(Wrong("ngày giờ")),
            "JSON" or "OBJECT" => TypedValue.Json(value.ValueKind == JsonValueKind.String ? ParseJson(value.GetString()!, name) : JsonNode.Parse(value.GetRawText())),
            "NULL" => TypedValue.Null,
            _ => throw RestException.BadRequest($"Biến \"{name}\" có kiểu \"{type}\" không được hỗ trợ (String, Integer, Long, Double, Boolean, Json, Date, Null)."),
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
            throw RestException.BadRequest($"Biến \"{name}\" có kiểu Json nhưng giá trị không phải JSON hợp lệ.");
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
}
