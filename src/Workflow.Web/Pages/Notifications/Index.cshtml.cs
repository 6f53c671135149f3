using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Localization;
using Workflow.Web.Notifications;

namespace Workflow.Web.Pages.Notifications;

/// <summary>The bell's page: the latest notifications, unread first in weight; opening one marks it read.</summary>
public sealed class IndexModel(Notifier notifier, AppDbContext db) : PageModel
{
    public IReadOnlyList<Notification> Items { get; private set; } = [];

    [BindProperty] public EmailPreference Preference { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Items = await notifier.LatestAsync(Actor.From(User).UserName, ct);
        var name = Actor.From(User).UserName;
        Preference = await db.Users.AsNoTracking().Where(u => u.UserName == name).Select(u => u.ReminderEmail).FirstOrDefaultAsync(ct);
    }

    /// <summary>How reminder mail arrives: each one, a daily digest, or none (the bell keeps every reminder).</summary>
    public async Task<IActionResult> OnPostPreferenceAsync(CancellationToken ct)
    {
        if (!Enum.IsDefined(Preference))
        {
            this.Flash("Lựa chọn không hợp lệ.");
            return RedirectToPage();
        }

        var name = Actor.From(User).UserName;
        await db.Users.Where(u => u.UserName == name).ExecuteUpdateAsync(s => s.SetProperty(u => u.ReminderEmail, Preference), ct);
        this.Flash(Preference switch
        {
            EmailPreference.DigestOnly => "Từ nay bạn chỉ nhận một thư tổng hợp mỗi ngày.",
            EmailPreference.Off => "Từ nay bạn không nhận thư nhắc việc (thông báo trong hệ thống vẫn giữ).",
            _ => "Từ nay bạn nhận thư nhắc cho từng việc.",
        });
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var marked = await notifier.MarkReadAsync(Actor.From(User).UserName, null, ct);
        this.Flash(marked == 0 ? (Message)"Không có thông báo chưa đọc." : $"Đã đánh dấu {marked} thông báo là đã đọc.");
        return RedirectToPage();
    }

    /// <summary>Follows a notification's link after marking it read.</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken ct)
    {
        await notifier.MarkReadAsync(Actor.From(User).UserName, id, ct);
        var item = await notifier.FindAsync(Actor.From(User).UserName, id, ct);
        return item?.Link is { } link && link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) ? Redirect(link) : RedirectToPage();
    }
}
