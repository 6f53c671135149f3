using System.Text.Json;
using Workflow.Web.Processes;

namespace Workflow.Web.EngineRest;

public static class RestJson
{
    /// <summary>camelCase, nulls written (Camunda's DTOs list every field), non-ASCII kept readable.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Camunda's date format: 2026-12-01T08:00:00.000+0700.</summary>
    public static string? Date(DateTime? utc) => utc is { } value
        ? Localization.VietnamTime.ToLocal(value).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) + "+0700"
        : null;

    /// <summary>Parses Camunda's date parameters (with or without offset; without one, Việt Nam time).</summary>
    public static DateTime? ParseDate(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return TypedVariableJson.TryParseDate(text, out var value)
            ? value
            : throw RestException.BadRequest($"Tham số {field} không phải ngày giờ hợp lệ: \"{text}\" (định dạng yyyy-MM-ddTHH:mm:ss.SSSZ).");
    }
}
