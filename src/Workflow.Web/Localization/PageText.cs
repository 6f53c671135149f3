using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Workflow.Engine;

namespace Workflow.Web.Localization;

/// <summary>
/// A page model says a service's or the engine's <see cref="Message"/> in the page's language: as a string to show
/// (<see cref="Say"/>), or as the one-line notice the layout shows after a redirect (<see cref="Flash"/>).
/// </summary>
public static class PageText
{
    public static string Say(this PageModel page, Message message)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.HttpContext.RequestServices.GetRequiredService<IStringLocalizer>().Say(message);
    }

    public static void Flash(this PageModel page, Message message)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.TempData["Message"] = page.Say(message);
    }
}
