using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Engine;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Mail;
using Workflow.Web.Pages.Shared;

namespace Workflow.Web.Pages.Admin.Outbox;

/// <summary>The email outbox: what waits, what went, what failed and why; failed mail can be sent again.</summary>
public sealed class IndexModel(AppDbContext db, MailOptions options, IBackgroundJobClient jobs, TimeProvider clock) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "status")] public OutboxStatus? Status { get; set; }

    public List<OutboxMessage> Rows { get; private set; } = [];
    public PageInfo Paging { get; private set; } = new(1, PageSize, 0);
    public bool Configured => options.Configured;
    public string Server => $"{options.Host}:{options.Port}";

    public static string StatusText(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "Đang chờ gửi",
        OutboxStatus.Sent => "Đã gửi",
        OutboxStatus.Failed => "Gửi không được",
        _ => status.ToString(),
    };

    public async Task OnGetAsync(int? p, CancellationToken ct)
    {
        var (_, total) = await OutboxAdmin.PageAsync(db, Status, 1, 0, ct);
        Paging = PageInfo.For(p, PageSize, total);
        (Rows, _) = await OutboxAdmin.PageAsync(db, Status, Paging.Page, PageSize, ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid? id, CancellationToken ct)
    {
        var changed = id is { } one
            ? await OutboxAdmin.RetryAsync(db, clock, m => m.Id == one, ct)
            : await OutboxAdmin.RetryAsync(db, clock, m => m.Status == OutboxStatus.Failed, ct);
        if (changed > 0)
        {
            jobs.Enqueue<MailSender>(s => s.SendDueAsync(CancellationToken.None));
        }

        this.Flash(changed == 0 ? (Message)"Không có thư nào cần gửi lại." : $"Đã xếp {changed} thư để gửi lại ngay.");
        return RedirectToPage(new { status = Status });
    }
}
