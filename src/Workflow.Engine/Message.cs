using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Workflow.Engine;

/// <summary>
/// A sentence for a person, kept as a Vietnamese composite format and its values ("Không tìm thấy công việc {0}." and
/// the task's id), so the edge that shows it (a page, a problem-details body) looks the format up in the reader's language
/// and fills the values in. Written as an ordinary interpolated string, <c>$"Không tìm thấy công việc {taskId}."</c>, or a
/// plain string: both convert. A value that is itself a message is translated too.
/// </summary>
[InterpolatedStringHandler]
public sealed class Message
{
    private readonly StringBuilder _format;
    private readonly List<object?> _arguments;

    public Message(int literalLength, int formattedCount)
    {
        _format = new StringBuilder(literalLength + (formattedCount * 4));
        _arguments = new List<object?>(formattedCount);
    }

    private Message(string text)
        : this(text.Length, 0) => AppendLiteral(text);

    /// <summary>The composite format in Vietnamese, braces of the text doubled: the key of its translations.</summary>
    public string Format => _format.ToString();

    public IReadOnlyList<object?> Arguments => _arguments;

    public static implicit operator Message(string text) => new(text);

    /// <summary>A message rebuilt from its stored format (braces doubled as in <see cref="Format"/>) and values.</summary>
    public static Message FromFormat(string format, IEnumerable<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(arguments);
        var message = new Message(format.Length, 0);
        message._format.Append(format);
        message._arguments.AddRange(arguments);
        return message;
    }

    public void AppendLiteral(string text) => _format.Append(text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));

    public void AppendFormatted<T>(T value) => AppendFormatted(value, 0, null);

    public void AppendFormatted<T>(T value, string? format) => AppendFormatted(value, 0, format);

    public void AppendFormatted<T>(T value, int alignment) => AppendFormatted(value, alignment, null);

    public void AppendFormatted<T>(T value, int alignment, string? format)
    {
        _format.Append('{').Append(_arguments.Count.ToString(CultureInfo.InvariantCulture));
        if (alignment != 0)
        {
            _format.Append(',').Append(alignment.ToString(CultureInfo.InvariantCulture));
        }

        if (format is not null)
        {
            _format.Append(':').Append(format);
        }

        _format.Append('}');
        _arguments.Add(value);
    }

    /// <summary>
    /// The sentence in the language <paramref name="translate"/> gives for a Vietnamese format (itself when there is no
    /// translation), values formatted for <paramref name="culture"/>. A translation that does not fit its values
    /// (a wrong placeholder) falls back to the Vietnamese rather than failing the page.
    /// </summary>
    public string Render(Func<string, string> translate, IFormatProvider? culture = null)
    {
        ArgumentNullException.ThrowIfNull(translate);
        culture ??= CultureInfo.CurrentCulture;
        var values = _arguments.Select(a => a is Message m ? m.Render(translate, culture) : a).ToArray();
        var format = Format;
        try
        {
            return string.Format(culture, translate(format), values);
        }
        catch (FormatException)
        {
            return string.Format(culture, format, values);
        }
    }

    /// <summary>The Vietnamese sentence, values formatted for the current culture (logs, exceptions' messages).</summary>
    public override string ToString() => Render(static f => f, CultureInfo.CurrentCulture);
}
