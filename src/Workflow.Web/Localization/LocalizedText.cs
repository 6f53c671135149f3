using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Workflow.Web.Localization;

/// <summary>
/// Text helpers for localized strings. Resource names that differ only by case are one resource (the compiler keeps the
/// first), so a lowercase use inside a sentence asks for the capitalized resource and lowers it: "Quá hạn" → "quá hạn",
/// "Overdue" → "overdue".
/// </summary>
public static class LocalizedText
{
    public static string Lowered(this LocalizedString text) => text.Value.ToLower(CultureInfo.CurrentUICulture);
}
