using System.Globalization;
using System.Text;

namespace Workflow.Web.Org;

/// <summary>Folds Vietnamese text to lower-case ASCII so "Binh Giang" finds "Bình Giang".</summary>
public static class TextFolding
{
    public static string Fold(string? text)
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
