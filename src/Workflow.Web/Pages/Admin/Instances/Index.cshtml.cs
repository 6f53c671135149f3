using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Designer;
using Workflow.Web.Localization;
using Workflow.Web.Pages.Shared;
using Workflow.Web.Processes;

namespace Workflow.Web.Pages.Admin.Instances;

/// <summary>Process instances with filters (process, version, business key, state, with incident) and paging.</summary>
public sealed class IndexModel(ProcessOperations operations, AppDbContext db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Key { get; set; }
    [BindProperty(SupportsGet = true)] public int? Version { get; set; }
    [BindProperty(SupportsGet = true)] public string? BusinessKey { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public bool Incident { get; set; }

    public List<InstanceListRow> Rows { get; private set; } = [];
    public List<string> Keys { get; private set; } = [];
    public PageInfo Paging { get; private set; } = new(1, PageSize, 0);
    public string? Error { get; private set; }

    public static string StateText(string state) => state switch
    {
        "active" => "Đang chạy",
        "completed" => "Đã xong",
        "terminated" => "Đã kết thúc",
        _ => "Đã hủy",
    };

    public async Task OnGetAsync(int? p, CancellationToken ct)
    {
        Keys = await db.WfDefinitions.AsNoTracking().Select(d => d.Key).Distinct().OrderBy(k => k).ToListAsync(ct);
        try
        {
            var (rows, total, page) = await operations.InstancesAsync(new InstanceFilter(Key, Version, BusinessKey, State, Incident, p ?? 1, PageSize), ct);
            (Rows, Paging) = (rows, new PageInfo(page, PageSize, total));
        }
        catch (DomainException e)
        {
            Error = this.Say(e.Text);
        }
    }
}
