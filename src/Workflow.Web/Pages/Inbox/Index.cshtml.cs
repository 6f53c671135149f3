using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.EngineRest;
using Workflow.Web.Org;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;

namespace Workflow.Web.Pages.Inbox;

/// <summary>
/// The tasks the user may act on (assigned to them, or offered to their role in their unit), oldest first, keyset-paged
/// on the time-ordered task id, with the subject's file beside each; claim and unclaim. A first inbox: the reviewer's
/// full inbox (filters, saved views, live updates, bulk actions) is the next issue's.
/// </summary>
public sealed class IndexModel(AppDbContext db, WorkflowEngine engine) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(WfTask Task, Guid? FileId, string? Subject, string? Round, RatingLevel? Suggested, RatingLevel? Proposed);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public Guid? NextAfter { get; private set; }

    [BindProperty(SupportsGet = true)] public string Show { get; set; } = "all";
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? After { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = RestAccess.Name(User);
        var tasks = RestAccess.Visible(db.WfTasks.AsNoTracking(), User);
        tasks = Show switch
        {
            "mine" => tasks.Where(t => t.Assignee == me),
            "unassigned" => tasks.Where(t => t.Assignee == null),
            _ => tasks,
        };
        var rows = from t in tasks
                   join f in db.Files.AsNoTracking() on t.InstanceId equals f.InstanceId into files
                   from f in files.DefaultIfEmpty()
                   join r in db.Rounds.AsNoTracking() on f.RoundId equals r.Id into rounds
                   from r in rounds.DefaultIfEmpty()
                   select new { t, FileId = (Guid?)f.Id, f.SubjectName, f.SearchName, RoundName = r.Name, f.SuggestedLevel, f.ProposedLevel };
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var folded = TextFolding.Fold(Q);
            rows = rows.Where(x => x.SearchName != null && x.SearchName.Contains(folded));
        }

        Total = await rows.CountAsync(ct);
        var page = await (After is { } a ? rows.Where(x => x.t.Id.CompareTo(a) > 0) : rows).OrderBy(x => x.t.Id).Take(PageSize + 1).ToListAsync(ct);
        NextAfter = page.Count > PageSize ? page[PageSize - 1].t.Id : null;
        Rows = page.Take(PageSize).Select(x => new Row(x.t, x.FileId, x.SubjectName, x.RoundName, x.SuggestedLevel, x.ProposedLevel)).ToList();
    }

    public Task<IActionResult> OnPostClaimAsync(Guid taskId, CancellationToken ct) =>
        ActAsync(taskId, "Đã nhận việc.", () => engine.ClaimTaskAsync(taskId, RestAccess.Name(User), ct), ct);

    public Task<IActionResult> OnPostUnclaimAsync(Guid taskId, CancellationToken ct) =>
        ActAsync(taskId, "Đã trả việc về nhóm.", () => engine.UnclaimTaskAsync(taskId, RestAccess.Name(User), ct), ct);

    private async Task<IActionResult> ActAsync(Guid taskId, string done, Func<Task> command, CancellationToken ct)
    {
        var task = await db.WfTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null || !RestAccess.CanAct(task, User))
        {
            TempData["Message"] = task?.Assignee is { } assignee ? $"Việc đã được {assignee} nhận." : "Việc này không còn, hoặc bạn không được giao.";
            return RedirectToPage(new { Show, Q });
        }

        try
        {
            await command();
            TempData["Message"] = done;
        }
        catch (Exception ex) when (ex is EngineException or Engine.Ports.ConcurrencyException)
        {
            TempData["Message"] = "Việc vừa được người khác xử lý; danh sách đã được làm mới.";
        }

        return RedirectToPage(new { Show, Q });
    }
}
