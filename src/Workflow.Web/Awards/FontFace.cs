using System.Text.Json.Serialization;

namespace Workflow.Web.Awards;

/// <summary>Which face a text block is drawn in (Noto Serif, subset to Vietnamese at build time).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FontFace>))]
public enum FontFace
{
    Regular,
    Bold,
    Italic,
}
