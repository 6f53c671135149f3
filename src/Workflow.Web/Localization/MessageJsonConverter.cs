using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Localization;
using Workflow.Engine;

namespace Workflow.Web.Localization;

/// <summary>
/// A <see cref="Message"/> in a JSON answer (a designer problem, a field error) is written as the sentence in the
/// request's language, as a page would show it. Reading one back takes the text as it is.
/// </summary>
public sealed class MessageJsonConverter(IStringLocalizer localizer) : JsonConverter<Message>
{
    public override Message Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString() ?? "";

    public override void Write(Utf8JsonWriter writer, Message value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(localizer.Say(value));
    }
}
