using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Org;
using Workflow.Web.Reports;

namespace Workflow.Web.Pages.Reports;

/// <summary>
/// A committee's targets (chỉ tiêu) for a year: each against the year's figures (met or not, with the numbers), the
/// summary line, and the form to record one (standing committee, organization board, Admin).
/// </summary>
public sealed class TargetsModel(AppDbContext db, Workflow.Web.Reports.Targets targets, TimeProvider clock) : Shared.CommandPage
{
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public TargetMetric Metric { get; set; }
    [BindProperty] public TargetComparison Comparison { get; set; }
    [BindProperty] public decimal? Value { get; set; }
    [BindProperty] public int? FromYear { get; set; }
    [BindProperty] public int? ToYear { get; set; }
    [BindProperty] public string? Source { get; set; }

    public IReadOnlyList<Unit> Committees { get; private set; } = [];
    public Unit? Committee { get; private set; }
    public TargetEvaluation? Evaluation { get; private set; }
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Committee is null && Unit is not null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => RunAsync(async actor =>
    {
        await targets.AddAsync(new TargetRequest(Unit ?? Guid.Empty, Metric, Comparison, Value, FromYear, ToYear, Source), actor, ct);
        return "Đã ghi chỉ tiêu.";
    }, TargetsUrl, LoadAsync, ct);

    public Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct) => RunAsync(async actor =>
    {
        await targets.RemoveAsync(id, actor, ct);
        return "Đã xóa chỉ tiêu.";
    }, TargetsUrl, LoadAsync, ct);

    private string TargetsUrl() => $"/Reports/Targets?unit={Unit}&year={Year}";

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        Year ??= VietnamTime.Today(clock).Year;
        FromYear ??= Year;
        ToYear ??= Year;
        Committees = await db.Units.AsNoTracking()
            .Where(u => (u.Kind == UnitKind.Province || u.Kind == UnitKind.DirectCommittee || u.Kind == UnitKind.GrassrootsCommittee) && u.ValidTo == null)
            .OrderBy(u => u.Depth).ThenBy(u => u.SortOrder).Take(300).ToListAsync(ct);
        Unit ??= actor.UnitId is { } own && Committees.Any(c => c.Id == own) ? own : Committees.Count > 0 ? Committees[0].Id : null;
        Committee = Committees.FirstOrDefault(c => c.Id == Unit) ?? (Unit is { } id ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) : null);
        if (Committee is not null)
        {
            Evaluation = await targets.EvaluateAsync(Committee.Id, Year.Value, ct);
            CanEdit = actor.IsAdmin || actor.Is(Roles.StandingCommittee, Committee.Id) || actor.Is(Roles.OrganizationBoard, Committee.Id);
        }
    }
}
