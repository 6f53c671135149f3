using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Inbox;
using Workflow.Web.Localization;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;

namespace Workflow.Web.Pages.Inbox;

/// <summary>
/// The reviewer's inbox: views with counts, filters, a sortable keyset-paged list, and a detail pane with the task's
/// form, the subject's file, its timeline and the workflow diagram. The list and the pane are also served as
/// fragments (handlers List and Detail) so the page's script refreshes them without a reload when tasks change.
/// </summary>
public sealed class IndexModel(AppDbContext db, InboxQuery inbox, InboxViews views, InboxActions actions, ReadFile files, EvidenceStore evidence) : PageModel
{
    public InboxPage Result { get; private set; } = new(0, [], null, new InboxFilter());
    public IReadOnlyList<InboxView> Views { get; private set; } = [];
    public string? CurrentView { get; private set; }
    public List<SelectListItem> RoundOptions { get; private set; } = [];
    public List<Shared.UnitChoice> UnitOptions { get; private set; } = [];

    /// <summary>The .xlsx of the list as filtered now (a saved view's filter included).</summary>
    public string ExportUrl
    {
        get
        {
            var f = Result.Filter;
            var query = new Dictionary<string, string?>
            {
                ["round"] = f.Round?.ToString(), ["task"] = f.Task, ["unit"] = f.Unit?.ToString(), ["due"] = f.Due, ["assigned"] = f.Assigned, ["level"] = f.Level, ["q"] = f.Q,
                ["sort"] = f.Sort, ["desc"] = f.Desc ? "true" : null,
            };
            return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/api/inbox.xlsx", query.Where(p => !string.IsNullOrEmpty(p.Value)));
        }
    }

    [BindProperty(SupportsGet = true)] public Guid? Round { get; set; }
    [BindProperty(SupportsGet = true, Name = "task")] public string? TaskType { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Due { get; set; }
    [BindProperty(SupportsGet = true)] public string? Assigned { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }

    public static readonly IReadOnlyList<(string Key, string Name)> TaskTypes =
    [
        (RatingWorkflow.SelfAssessment, "Tự đánh giá"), (RatingWorkflow.BoardReview, "Ban Tổ chức thẩm định"),
        (RatingWorkflow.InspectionOpinion, "Ủy ban Kiểm tra cho ý kiến"), (RatingWorkflow.Reverify, "Thẩm định lại theo khiếu nại"),
        (RatingWorkflow.Redecide, "Quyết định lại sau khiếu nại"), (Workflow.Web.Awards.AwardWorkflow.ProposalStep, "Đề xuất khen thưởng"),
        (Workflow.Web.Awards.AwardWorkflow.SelectionStep, "Xét chọn khen thưởng"),
        (Workflow.Web.Awards.AwardWorkflow.ExamineStep, "Thẩm định đề nghị khen thưởng"),
        (Workflow.Web.Awards.AwardWorkflow.UpperDecisionStep, "Quyết định đề nghị khen thưởng"),
    ];

    public InboxFilter Filter => new()
    {
        Round = Round, Task = TaskType, Unit = Unit, Due = Due, Assigned = Assigned, Level = Level, Q = Q, Sort = Sort, Desc = Desc, After = After,
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // No filter in the address: the role's default view (a reviewer lands on the files waiting for their step).
        if (Request.Query.Count == 0)
        {
            var view = InboxViews.Default(User);
            if (view.Query.Length > 0)
            {
                return Redirect("/Inbox?" + view.Query);
            }
        }

        await LoadAsync(ct);
        // Counts come from the page's script (/api/inbox/views): the list itself stays one query pair.
        Views = await views.ListAsync(User, withCounts: false, ct);
        var current = Filter.ToQueryString();
        CurrentView = Views.FirstOrDefault(v => v.Query == current)?.Key;
        RoundOptions = (await db.Rounds.AsNoTracking().OrderByDescending(r => r.Year).ThenBy(r => r.Name).Select(r => new { r.Id, r.Name }).Take(100).ToListAsync(ct))
            .Select(r => new SelectListItem(r.Name, r.Id.ToString(), r.Id == Round)).ToList();
        UnitOptions = await Shared.UnitOptions.LoadAsync(db, Unit);
        return Page();
    }

    /// <summary>The list alone (live refresh after someone else's change).</summary>
    public async Task<IActionResult> OnGetListAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_InboxList", this);
    }

    private async Task LoadAsync(CancellationToken ct) => Result = await inbox.PageAsync(Filter with { Task = TaskType }, User, InboxQuery.PageSize, ct);

    /// <summary>The detail pane of one task; a task gone or not the caller's is a short message, not an error page.</summary>
    public async Task<IActionResult> OnGetDetailAsync(Guid taskId, CancellationToken ct)
    {
        var row = await inbox.FindAsync(taskId, User, ct);
        if (row is null)
        {
            return Partial("_InboxGone");
        }

        var task = await db.WfTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null)
        {
            return Partial("_InboxGone"); // finished by someone else between the two reads
        }

        var detail = new InboxDetail { Row = row, CanAct = Processes.TaskAccess.CanAct(task, Actor.From(User)) };
        if (row.FileId is { } fileId)
        {
            try
            {
                detail.File = await files.RunAsync(fileId, Actor.From(User), ct);
                detail.Evidence = await evidence.ListAsync(fileId, ct);
                var file = detail.File.File;
                detail.Disciplines = await db.Disciplines.AsNoTracking()
                    .Where(d => d.Year == detail.File.Round.Year && (file.MemberId != null ? d.MemberId == file.MemberId : d.UnitId == file.SubjectUnitId && d.MemberId == null))
                    .OrderBy(d => d.DecidedOn).ToListAsync(ct);
            }
            catch (DomainException)
            {
                // The file is outside the caller's subtree: the task shows without it.
                detail.File = null;
            }
        }

        detail.People = detail.CanAct ? await actions.EligibleAsync(taskId, User, ct) : [];
        return Partial("_InboxDetail", detail);
    }

    /// <summary>The BPMN of the task's workflow version, for the diagram in the pane (only for a task the caller sees).</summary>
    public async Task<IActionResult> OnGetDiagramAsync(Guid taskId, CancellationToken ct)
    {
        // A task that just left the caller's list (or never was in it) has no diagram: 204, the same answer for both,
        // and not an error, because the pane often asks a moment after someone else finished the task.
        var row = await inbox.FindAsync(taskId, User, ct);
        if (row is null)
        {
            return new NoContentResult();
        }

        var xml = await db.WfDefinitions.AsNoTracking().Where(d => d.Id == row.DefinitionId).Select(d => d.Xml).FirstOrDefaultAsync(ct);
        return xml is null ? NotFound() : Content(xml, "application/xml; charset=utf-8");
    }

    // Without script: claim and unclaim as plain form posts.
    public async Task<IActionResult> OnPostClaimAsync(Guid taskId, CancellationToken ct) =>
        Done(await actions.ClaimAsync(taskId, User, ct));

    public async Task<IActionResult> OnPostUnclaimAsync(Guid taskId, CancellationToken ct) =>
        Done(await actions.UnclaimAsync(taskId, User, ct));

    private RedirectResult Done(TaskActionResult result)
    {
        this.Flash(result.Message);
        var query = Filter.ToQueryString();
        return Redirect("/Inbox" + (query.Length > 0 ? "?" + query : "?view=all"));
    }

    /// <summary>A link to this list with one thing changed (sort, cursor), keeping every filter.</summary>
    public string Link(string? sort = null, bool? desc = null, string? after = null, bool keepAfter = false)
    {
        var f = Filter with { Sort = sort ?? Sort, Desc = desc ?? Desc, After = keepAfter ? After : after };
        var query = f.ToQueryString();
        if (f.After is { } cursor)
        {
            query += (query.Length > 0 ? "&" : "") + "after=" + Uri.EscapeDataString(cursor);
        }

        return "/Inbox?" + (query.Length > 0 ? query : "view=all");
    }
}

public sealed class InboxDetail
{
    public required InboxRow Row { get; init; }
    public bool CanAct { get; init; }
    public FileView? File { get; set; }
    public IReadOnlyList<Evidence> Evidence { get; set; } = [];
    public IReadOnlyList<Discipline> Disciplines { get; set; } = [];
    public IReadOnlyList<PersonOption> People { get; set; } = [];
}
