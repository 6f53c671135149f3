using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workflow.Engine.Runtime;

namespace Workflow.Web.Designer;

/// <summary>
/// What a form-js schema may hold in this product, and the server-side check of a submitted form: readable JSON, fields
/// this product can take, variable-safe keys, patterns that compile; on submit, required, pattern, length, range and
/// option rules, so a hand-crafted POST cannot bypass them. Only the form's own fields become task variables. Pure.
/// </summary>
public static partial class FormSchemaRules
{
    public const int MaxSchemaChars = 512 * 1024;
    public const int MaxComponents = 300;
    public const int MaxDepth = 8;

    /// <summary>Fields whose value is submitted.</summary>
    private static readonly HashSet<string> InputTypes = ["textfield", "textarea", "number", "checkbox", "radio", "select", "checklist", "taglist", "datetime"];

    /// <summary>Layout and display components (no value).</summary>
    private static readonly HashSet<string> DisplayTypes = ["text", "spacer", "separator", "group", "default", "image", "html"];

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_\-]{0,99}$")]
    private static partial Regex FormKeyPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,99}$")]
    private static partial Regex FieldKeyPattern();

    /// <summary>A form's key (what a user task names as "form:key") and its display name.</summary>
    public static void CheckKeyAndName(string key, string? name)
    {
        if (!FormKeyPattern().IsMatch(key))
        {
            throw DomainException.Invalid("Mã biểu mẫu chỉ gồm chữ cái không dấu, chữ số, '_' và '-', bắt đầu bằng chữ cái, tối đa 100 ký tự.",
                [new FieldError("key", "Mã biểu mẫu không hợp lệ.")]);
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 300)
        {
            throw DomainException.Invalid("Cần tên biểu mẫu (tối đa 300 ký tự).", [new FieldError("name", "Bắt buộc.")]);
        }
    }

    /// <summary>The schema as JSON, or a <see cref="DomainException"/> (missing, too large, not a JSON object).</summary>
    public static JsonObject Parse(string? schema)
    {
        if (string.IsNullOrWhiteSpace(schema))
        {
            throw DomainException.Invalid("Thiếu nội dung biểu mẫu (schema).", [new FieldError("schema", "Bắt buộc.")]);
        }

        if (schema.Length > MaxSchemaChars)
        {
            throw DomainException.Invalid($"Biểu mẫu quá lớn (giới hạn {MaxSchemaChars / 1024} KB).", [new FieldError("schema", "Quá lớn.")]);
        }

        try
        {
            return JsonNode.Parse(schema, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject
                ?? throw DomainException.Invalid("Biểu mẫu phải là một đối tượng JSON.", [new FieldError("schema", "Sai định dạng.")]);
        }
        catch (JsonException e)
        {
            throw DomainException.Invalid($"Biểu mẫu không phải JSON hợp lệ: {e.Message}", [new FieldError("schema", "Sai định dạng.")]);
        }
    }

    /// <summary>What the product refuses in a schema, per component.</summary>
    public static List<FieldError> Check(JsonObject schema)
    {
        var problems = new List<FieldError>();
        if (schema["components"] is not JsonArray)
        {
            problems.Add(new FieldError("components", "Biểu mẫu phải có danh sách trường (components)."));
            return problems;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var (component, depth) in Walk(schema))
        {
            count++;
            var type = (string?)component["type"] ?? "";
            var key = (string?)component["key"];
            var label = Label(component);
            if (depth > MaxDepth)
            {
                problems.Add(new FieldError(key ?? type, $"Nhóm lồng quá sâu (tối đa {MaxDepth} cấp)."));
                continue;
            }

            if (!InputTypes.Contains(type) && !DisplayTypes.Contains(type))
            {
                problems.Add(new FieldError(key ?? type, $"Loại trường \"{type}\" ({label}) chưa được hệ thống hỗ trợ."));
                continue;
            }

            if (!InputTypes.Contains(type))
            {
                continue;
            }

            if (key is null || !FieldKeyPattern().IsMatch(key))
            {
                problems.Add(new FieldError(key ?? label, $"Trường \"{label}\" cần khóa (key) là tên biến không dấu: chữ cái, chữ số, '_'."));
            }
            else if (!keys.Add(key))
            {
                problems.Add(new FieldError(key, $"Khóa \"{key}\" dùng cho nhiều trường; mỗi trường một khóa."));
            }

            if (component["validate"]?["pattern"] is JsonValue p && p.TryGetValue<string>(out var pattern) && pattern.Length > 0)
            {
                try
                {
                    _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
                }
                catch (ArgumentException)
                {
                    problems.Add(new FieldError(key ?? label, $"Mẫu kiểm tra (pattern) của trường \"{label}\" không hợp lệ."));
                }
            }
        }

        if (count > MaxComponents)
        {
            problems.Add(new FieldError("components", $"Biểu mẫu có {count} thành phần; tối đa {MaxComponents}."));
        }

        return problems;
    }

    /// <summary>Every component of the schema, nested ones included, with its depth.</summary>
    public static IEnumerable<(JsonObject Component, int Depth)> Walk(JsonObject container, int depth = 1)
    {
        if (container["components"] is not JsonArray components)
        {
            yield break;
        }

        foreach (var node in components)
        {
            if (node is not JsonObject component)
            {
                continue;
            }

            yield return (component, depth);
            if (depth <= MaxDepth)
            {
                foreach (var inner in Walk(component, depth + 1))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string Label(JsonObject component) =>
        (string?)component["label"] is { Length: > 0 } label ? label : (string?)component["key"] ?? (string?)component["type"] ?? "?";

    /// <summary>
    /// The form's rules applied to submitted values: each input field's value checked and typed; every other value
    /// dropped. Messages in Vietnamese, one per field.
    /// </summary>
    public static (Dictionary<string, TypedValue> Variables, List<FieldError> Errors) Validate(JsonObject schema, JsonObject? values)
    {
        var variables = new Dictionary<string, TypedValue>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        values ??= [];
        foreach (var (component, _) in Walk(schema))
        {
            var type = (string?)component["type"] ?? "";
            if (!InputTypes.Contains(type) || (string?)component["key"] is not { } key || (component["disabled"] is JsonValue off && off.TryGetValue<bool>(out var disabled) && disabled))
            {
                continue;
            }

            var label = Label(component);
            var rules = component["validate"] as JsonObject;
            var required = rules?["required"] is JsonValue r && r.TryGetValue<bool>(out var req) && req;
            var value = values[key];
            var empty = value is null || (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0) || (value is JsonArray a && a.Count == 0)
                || (type == "checkbox" && value is JsonValue b && b.TryGetValue<bool>(out var flag) && !flag);
            if (empty)
            {
                if (required)
                {
                    errors.Add(new FieldError(key, $"Trường \"{label}\" là bắt buộc."));
                }
                else if (value is not null)
                {
                    variables[key] = type == "checkbox" ? TypedValue.Boolean(false) : type is "checklist" or "taglist" ? TypedValue.Json(new JsonArray()) : TypedValue.Null;
                }

                continue;
            }

            var error = type switch
            {
                "textfield" or "textarea" or "datetime" => Text(value!, rules, label, out var typed) ?? Keep(key, typed),
                "number" => Number(value!, rules, label, out var typed) ?? Keep(key, typed),
                "checkbox" => value is JsonValue c && c.TryGetValue<bool>(out var on) ? Keep(key, TypedValue.Boolean(on)) : $"Trường \"{label}\" phải là có/không.",
                "radio" or "select" => Option(component, value!, label, out var typed) ?? Keep(key, typed),
                _ => Options(component, value!, label, out var typed) ?? Keep(key, typed),
            };
            if (error is not null)
            {
                errors.Add(new FieldError(key, error));
            }
        }

        return (variables, errors);

        string? Keep(string key, TypedValue value)
        {
            variables[key] = value;
            return null;
        }
    }

    private static int? IntRule(JsonObject? rules, string name) => rules?[name] is JsonValue v && v.TryGetValue<double>(out var d) ? (int)d : null;

    private static double? NumberRule(JsonObject? rules, string name) => rules?[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    private static string? Text(JsonNode value, JsonObject? rules, string label, out TypedValue typed)
    {
        typed = TypedValue.Null;
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            return $"Trường \"{label}\" phải là văn bản.";
        }

        if (text.Length > 20_000)
        {
            return $"Trường \"{label}\" quá dài (tối đa 20.000 ký tự).";
        }

        if (IntRule(rules, "minLength") is { } min && text.Length < min)
        {
            return $"Trường \"{label}\" cần ít nhất {min} ký tự.";
        }

        if (IntRule(rules, "maxLength") is { } max && text.Length > max)
        {
            return $"Trường \"{label}\" chỉ được tối đa {max} ký tự.";
        }

        if (rules?["pattern"] is JsonValue p && p.TryGetValue<string>(out var pattern) && pattern.Length > 0)
        {
            try
            {
                // As form-js tests it (RegExp.test): a match anywhere, unless the pattern anchors itself.
                if (!Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100)))
                {
                    return $"Trường \"{label}\" không đúng định dạng yêu cầu.";
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return $"Không kiểm tra được định dạng của trường \"{label}\" (mẫu kiểm tra quá phức tạp).";
            }
            catch (ArgumentException)
            {
                return $"Mẫu kiểm tra của trường \"{label}\" không hợp lệ.";
            }
        }

        typed = TypedValue.String(text);
        return null;
    }

    private static string? Number(JsonNode value, JsonObject? rules, string label, out TypedValue typed)
    {
        typed = TypedValue.Null;
        double number;
        if (value is JsonValue v && v.TryGetValue<double>(out var d))
        {
            number = d;
        }
        else if (value is JsonValue t && t.TryGetValue<string>(out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            number = parsed;
        }
        else
        {
            return $"Trường \"{label}\" phải là số.";
        }

        if (!double.IsFinite(number))
        {
            return $"Trường \"{label}\" phải là số.";
        }

        if (NumberRule(rules, "min") is { } min && number < min)
        {
            return $"Trường \"{label}\" không được nhỏ hơn {min.ToString(CultureInfo.GetCultureInfo("vi-VN"))}.";
        }

        if (NumberRule(rules, "max") is { } max && number > max)
        {
            return $"Trường \"{label}\" không được lớn hơn {max.ToString(CultureInfo.GetCultureInfo("vi-VN"))}.";
        }

        typed = number == Math.Floor(number) && Math.Abs(number) < 9e15 ? TypedValue.Long((long)number) : TypedValue.Double(number);
        return null;
    }

    /// <summary>The static options of a radio, select, checklist or taglist (null when they come from a variable).</summary>
    private static HashSet<string>? Allowed(JsonObject component) =>
        component["values"] is JsonArray values
            ? values.OfType<JsonObject>().Select(o => o["value"]?.ToJsonString()).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : null;

    private static string? Option(JsonObject component, JsonNode value, string label, out TypedValue typed)
    {
        typed = TypedValue.Null;
        if (value is not JsonValue)
        {
            return $"Trường \"{label}\" chỉ nhận một lựa chọn.";
        }

        if (Allowed(component) is { } allowed && !allowed.Contains(value.ToJsonString()))
        {
            return $"Giá trị của trường \"{label}\" không nằm trong các lựa chọn.";
        }

        typed = TypedValue.From(value);
        return null;
    }

    private static string? Options(JsonObject component, JsonNode value, string label, out TypedValue typed)
    {
        typed = TypedValue.Null;
        if (value is not JsonArray array || array.Any(i => i is not JsonValue))
        {
            return $"Trường \"{label}\" phải là danh sách lựa chọn.";
        }

        if (Allowed(component) is { } allowed && array.Any(i => !allowed.Contains(i!.ToJsonString())))
        {
            return $"Có giá trị của trường \"{label}\" không nằm trong các lựa chọn.";
        }

        typed = TypedValue.Json(array);
        return null;
    }
}
