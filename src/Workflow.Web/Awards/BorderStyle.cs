using System.Text.Json.Serialization;

namespace Workflow.Web.Awards;

[JsonConverter(typeof(JsonStringEnumConverter<BorderStyle>))]
public enum BorderStyle
{
    /// <summary>A thick line with a thin one inside it.</summary>
    TwoLines,
    OneLine,
    None,
}
