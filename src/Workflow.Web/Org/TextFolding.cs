using System.Globalization;
using System.Text;

namespace Workflow.Web.Org;

/// <summary>Folds Vietnamese text to lower-case ASCII so "Binh Giang" finds "Bình Giang".</summary>
public static class TextFolding
{
    /// <summary>
    /// Each character below U+2000 folded on its own, computed once the slow way: the letter without its marks, lower
    /// case; <c>'\0'</c> for a mark alone (dropped), <c>'\uFFFF'</c> where one character folds to several (the slow
    /// path then folds the whole text). Folding a name is then one table look-up per character.
    /// </summary>
    private static readonly char[] Table = BuildTable();

    private const int TableSize = 0x2000;

    private static char[] BuildTable()
    {
        var table = new char[TableSize];
        for (var c = 0; c < TableSize; c++)
        {
            var ch = (char)c;
            if (char.IsSurrogate(ch))
            {
                table[c] = '\uFFFF';
                continue;
            }

            var folded = Slow(ch.ToString());
            table[c] = CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark ? '\0' : folded.Length == 1 ? folded[0] : '\uFFFF';
        }

        return table;
    }

    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var span = text.AsSpan().Trim();
        var buffer = span.Length <= 256 ? stackalloc char[span.Length] : new char[span.Length];
        var length = 0;
        var lastWasSpace = false;
        foreach (var c in span)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    buffer[length++] = ' ';
                    lastWasSpace = true;
                }

                continue;
            }

            var folded = c < TableSize ? Table[c] : '\uFFFF';
            if (folded == '\uFFFF')
            {
                return Slow(text);
            }

            if (folded != '\0')
            {
                buffer[length++] = folded;
                lastWasSpace = false;
            }
        }

        return new string(buffer[..length]);
    }

    /// <summary>The definition: decomposed (NFD), marks dropped, đ → d, lower case, white space collapsed.</summary>
    private static string Slow(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var folded = c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            };
            if (char.IsWhiteSpace(folded))
            {
                if (lastWasSpace)
                {
                    continue;
                }

                folded = ' ';
                lastWasSpace = true;
            }
            else
            {
                lastWasSpace = false;
            }

            sb.Append(folded);
        }

        return sb.ToString();
    }
}
