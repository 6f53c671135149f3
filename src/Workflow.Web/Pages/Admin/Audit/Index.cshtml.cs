using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Audit;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Pages.Shared;

namespace Workflow.Web.Pages.Admin.Audit;

/// <summary>The append-only audit log with filters, newest first (UUID v7 keys sort by time).</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "type")] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "action")] public AuditAction? Action { get; set; }
    [BindProperty(SupportsGet = true, Name = "actor")] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true, Name = "text")] public string? Text { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public DateOnly? To { get; set; }

    public List<string> Types { get; private set; } = [];
    public List<AuditEntry> Rows { get; private set; } = [];
    public PageInfo Paging { get; private set; } = new(1, PageSize, 0);

    public string ActionText(AuditAction action) => action switch
    {
        AuditAction.Create => "Tạo mới",
        AuditAction.Update => "Sửa",
        AuditAction.Delete => "Xóa",
        _ => action.ToString(),
    };

    public async Task OnGetAsync(int? p)
    {
        Types = await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync();
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(Type))
        {
            query = query.Where(a => a.EntityType == Type);
        }

        if (Action is { } action)
        {
            query = query.Where(a => a.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var actor = Actor.Trim();
            query = query.Where(a => a.ActorName.Contains(actor));
        }

        if (!string.IsNullOrWhiteSpace(Text))
        {
            var text = Text.Trim();
            query = query.Where(a => (a.Label != null && a.Label.Contains(text)) || a.EntityId == text
                || (a.After != null && a.After.Contains(text)) || (a.Before != null && a.Before.Contains(text)));
        }

        if (From is { } from)
        {
            var fromUtc = VietnamTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(a => a.AtUtc >= fromUtc);
        }

        if (To is { } to)
        {
            var toUtc = VietnamTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(a => a.AtUtc < toUtc);
        }

        Paging = PageInfo.For(p, PageSize, await query.CountAsync());
        Rows = await query.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Skip(Paging.Skip).Take(PageSize).ToListAsync();
    }
}
