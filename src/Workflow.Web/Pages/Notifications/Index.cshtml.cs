using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Web.EngineRest;
using Workflow.Web.Inbox;

namespace Workflow.Web.Pages.Notifications;

/// <summary>The bell's page: the latest notifications, unread first in weight; opening one marks it read.</summary>
public sealed class IndexModel(Notifier notifier) : PageModel
{
    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await notifier.LatestAsync(RestAccess.Name(User), ct);

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var marked = await notifier.MarkReadAsync(RestAccess.Name(User), null, ct);
        TempData["Message"] = marked == 0 ? "Không có thông báo chưa đọc." : $"Đã đánh dấu {marked} thông báo là đã đọc.";
        return RedirectToPage();
    }

    /// <summary>Follows a notification's link after marking it read.</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken ct)
    {
        await notifier.MarkReadAsync(RestAccess.Name(User), id, ct);
        var item = await notifier.FindAsync(RestAccess.Name(User), id, ct);
        return item?.Link is { } link && link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) ? Redirect(link) : RedirectToPage();
    }
}
