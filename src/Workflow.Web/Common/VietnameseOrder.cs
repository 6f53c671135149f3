using System.Globalization;
using System.Text;

namespace Workflow.Web.Common;

/// <summary>
/// Sort keys that put names in Vietnamese alphabetical order when compared ordinally (in SQL as in C#): the alphabet
/// a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, letters first and tones only to break ties
/// (a, á, à, ả, ã, ạ), case ignored. A person's list is ordered by given name (the last word) first, then the whole
/// name, as Vietnamese lists of people are; a unit's by its whole name.
/// </summary>
public static class VietnameseOrder
{
    /// <summary>The longest key kept (the column's length).</summary>
    public const int MaxLength = 300;

    /// <summary>Looked up once: <see cref="CultureInfo.GetCultureInfo(string)"/> takes a lock on every call.</summary>
    private static readonly TextInfo VietnameseText = CultureInfo.GetCultureInfo("vi-VN").TextInfo;

    /// <summary>The key of a unit's or an organization's name.</summary>
    public static string Key(string? name)
    {
        var letters = new StringBuilder();
        var tones = new StringBuilder();
        foreach (var c in VietnameseText.ToLower((name ?? "").Trim()).Normalize(NormalizationForm.FormD))
        {
            switch (c)
            {
                // Tone marks: only a tie-break, in the order of the tones' names (ngang, sắc, huyền, hỏi, ngã, nặng).
                case '\u0301': tones.Append('1'); continue;
                case '\u0300': tones.Append('2'); continue;
                case '\u0309': tones.Append('3'); continue;
                case '\u0303': tones.Append('4'); continue;
                case '\u0323': tones.Append('5'); continue;
                // Letter marks: a letter of its own, right after its base letter (ă after a, â after ă, ơ after ô).
                case '\u0306': Mark(letters, '1'); continue; // breve: ă
                case '\u0302': Mark(letters, '2'); continue; // circumflex: â ê ô
                case '\u031B': Mark(letters, '3'); continue; // horn: ơ ư
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (c == 'đ')
            {
                letters.Append('d').Append('1');
            }
            else if (char.IsLetterOrDigit(c))
            {
                letters.Append(c).Append('0');
                tones.Append('0');
            }
            else if (char.IsWhiteSpace(c) && letters.Length > 0 && letters[^1] != ' ')
            {
                letters.Append(' ');
            }
        }

        var key = letters.ToString().TrimEnd() + "\u0001" + tones;
        return key.Length > MaxLength ? key[..MaxLength] : key;
    }

    /// <summary>The key of a person's name: given name (the last word) first, then the whole name.</summary>
    public static string PersonKey(string? fullName)
    {
        var words = (fullName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var key = words.Length == 0 ? "" : Key(words[^1]) + "\u0002" + Key(fullName);
        return key.Length > MaxLength ? key[..MaxLength] : key;
    }

    private static void Mark(StringBuilder letters, char variant)
    {
        if (letters.Length > 0)
        {
            letters[^1] = variant; // the base letter's "0" becomes the variant
        }
    }
}
