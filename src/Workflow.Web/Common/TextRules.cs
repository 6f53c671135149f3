using System.Globalization;
using System.Text;
using Workflow.Engine;

namespace Workflow.Web.Common;

/// <summary>
/// What text a user may store: Unicode in NFC (so "Hà" typed on any keyboard is one spelling), no control characters
/// (line breaks and tabs only in multi-line text), no bidirectional overrides or isolates (which can make a printed
/// name read differently from what is stored), no broken surrogate pairs, and at most the field's length. Pure: the
/// edges call it and report a <see cref="FieldError"/>; the DbContext applies the same check to every bounded column.
/// </summary>
public static class TextRules
{
    /// <summary>A person's, unit's or document's name; a decision number; a signer.</summary>
    public const int NameLength = 300;

    /// <summary>A reason or comment.</summary>
    public const int ReasonLength = 2_000;

    /// <summary>One answer of a self-assessment or an opinion (several pages of text).</summary>
    public const int LongText = 20_000;

    /// <summary>Why a character is refused, or null when it may be stored.</summary>
    public static string? Refused(Rune rune, bool multiline)
    {
        var c = rune.Value;
        if (c is '\n' or '\r' or '\t')
        {
            return multiline ? null : "xuống dòng hoặc ký tự tab";
        }

        if (c < 0x20 || c is >= 0x7F and <= 0x9F)
        {
            return $"ký tự điều khiển U+{c:X4}";
        }

        if (c is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069 or 0x200E or 0x200F or 0x061C)
        {
            return $"ký tự đảo chiều văn bản U+{c:X4}";
        }

        return c is 0xFFFE or 0xFFFF ? $"ký tự không hợp lệ U+{c:X4}" : null;
    }

    /// <summary>
    /// Cleans <paramref name="value"/> (trimmed, NFC) and checks it; the error names <paramref name="field"/> and says
    /// in Vietnamese what is wrong with <paramref name="label"/>.
    /// </summary>
    public static (string? Value, FieldError? Error) Check(string? value, int maxLength, string field, string label, bool multiline = false, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (null, required ? new FieldError(field, $"Chưa nhập {(Message)Lower(label)}.", Missing: true) : null);
        }

        if (value.Length > maxLength * 4L)
        {
            return (null, new FieldError(field, $"{(Message)label} dài quá {maxLength:N0} ký tự."));
        }

        string normalized;
        try
        {
            normalized = WellFormed(value) ? value.Trim().Normalize(NormalizationForm.FormC) : throw new ArgumentException("unpaired surrogate");
        }
        catch (ArgumentException)
        {
            return (null, new FieldError(field, $"{(Message)label} chứa ký tự Unicode hỏng (nửa cặp thay thế)."));
        }

        foreach (var rune in normalized.EnumerateRunes())
        {
            if (Refused(rune, multiline) is { } why)
            {
                return (null, new FieldError(field, $"{(Message)label} chứa {why}; hãy gõ lại hoặc dán dưới dạng văn bản thuần."));
            }
        }

        return normalized.Length > maxLength
            ? (null, new FieldError(field, $"{(Message)label} dài {normalized.Length:N0} ký tự; tối đa {maxLength:N0}."))
            : (normalized, null);
    }

    /// <summary>
    /// The fast path of <see cref="Check"/> for text already stored cleanly (the common case when a row is saved): no
    /// refused character, no broken surrogate, already NFC. No allocation.
    /// </summary>
    public static bool IsClean(string value, bool multiline)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x20 || c is >= (char)0x7F and <= (char)0x9F || c is >= '\u200E' and <= '\u200F' || c is >= '\u202A' and <= '\u202E'
                || c is >= '\u2066' and <= '\u2069' || c is '\u061C' or '\uFFFE' or '\uFFFF')
            {
                if (!(multiline && c is '\n' or '\r' or '\t'))
                {
                    return false;
                }
            }
            else if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return value.IsNormalized(NormalizationForm.FormC);
    }

    /// <summary>A single-line name; throws a 400 with the field's error.</summary>
    public static string? Name(string? value, int maxLength, string field, string label, bool required = false) =>
        Throw(Check(value, maxLength, field, label, multiline: false, required));

    /// <summary>Multi-line text; throws a 400 with the field's error.</summary>
    public static string? Text(string? value, int maxLength, string field, string label, bool required = false) =>
        Throw(Check(value, maxLength, field, label, multiline: true, required));

    /// <summary>Adds the field's error to <paramref name="errors"/> and returns the cleaned value.</summary>
    public static string? Collect(List<FieldError> errors, string? value, int maxLength, string field, string label, bool multiline = false, bool required = false)
    {
        var (clean, error) = Check(value, maxLength, field, label, multiline, required);
        if (error is not null)
        {
            errors.Add(error);
        }

        return clean;
    }

    /// <summary>For writers (the .docx, XML): drops what XML 1.0 cannot hold, so stored text never breaks a document.</summary>
    public static string XmlSafe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var c = rune.Value;
            if (c is 0x9 or 0xA or 0xD or >= 0x20 and <= 0xD7FF or >= 0xE000 and <= 0xFFFD or >= 0x10000 and <= 0x10FFFF
                && rune != Rune.ReplacementChar)
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>No unpaired surrogate (text that is not valid UTF-16).</summary>
    private static bool WellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static string Lower(string label) => label.Length == 0 ? label : char.ToLower(label[0], Vi) + label[1..];

    private static string? Throw((string? Value, FieldError? Error) result) =>
        result.Error is { } error ? throw DomainException.Invalid(error.Message, [error]) : result.Value;
}
