using System.Globalization;
using Microsoft.Extensions.Localization;
using Workflow.Engine;

namespace Workflow.Web.Localization;

/// <summary>
/// Text helpers for localized strings. Resource names that differ only by case are one resource (the compiler keeps the
/// first), so a lowercase use inside a sentence asks for the capitalized resource and lowers it: "Quá hạn" → "quá hạn",
/// "Overdue" → "overdue". A <see cref="Message"/> from a service or the engine is said in the page's language by
/// <see cref="Say"/>: its Vietnamese format is the resource name, its values are filled in after.
/// </summary>
public static class LocalizedText
{
    public static string Lowered(this LocalizedString text) => text.Value.ToLower(CultureInfo.CurrentUICulture);

    /// <summary>
    /// The message in the current UI language (Vietnamese when there is no translation). A lowercase phrase inside a
    /// sentence ("hồ sơ") is found by its capitalized resource, lowered (resource names differing only by case are one).
    /// </summary>
    public static string Say(this IStringLocalizer localizer, Message message)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(message);
        return message.Render(Translate, CultureInfo.CurrentCulture);

        string Translate(string format)
        {
            var found = localizer[format];
            if (!found.ResourceNotFound || format.Length == 0 || !char.IsLower(format[0]))
            {
                return found.Value;
            }

            var capitalized = localizer[char.ToUpper(format[0], CultureInfo.InvariantCulture) + format[1..]];
            return capitalized.ResourceNotFound ? format : char.ToLower(capitalized.Value[0], CultureInfo.CurrentUICulture) + capitalized.Value[1..];
        }
    }
}
