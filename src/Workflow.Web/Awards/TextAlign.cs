using System.Text.Json.Serialization;

namespace Workflow.Web.Awards;

[JsonConverter(typeof(JsonStringEnumConverter<TextAlign>))]
public enum TextAlign
{
    Center,
    Left,
    Right,
}
