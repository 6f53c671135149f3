using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Org;
using Workflow.Web.Pages.Shared;

namespace Workflow.Web.Pages.Admin.Units;

/// <summary>Add a subordinate unit, move the unit (with its subtree) or close it, each from a date.</summary>
public sealed class EditModel(AppDbContext db, OrgTree tree, TimeProvider clock) : PageModel
{
    public Unit? Unit { get; private set; }
    public List<UnitChoice> ParentItems { get; private set; } = [];
    public string? Error { get; private set; }
    public DateOnly Today => VietnamTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(Guid id) => await ShowAsync(id);

    public async Task<IActionResult> OnPostAddAsync(Guid id, string? childName, UnitKind childKind, string? childCode, DateOnly? childFrom)
    {
        var (result, child) = await tree.AddAsync(id, childKind, childName ?? "", childCode, childFrom ?? Today);
        return await AfterAsync(id, result, child is null ? null : $"Đã thêm {child.Name}.");
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, Guid newParentId, DateOnly? moveOn) =>
        await AfterAsync(id, await tree.MoveAsync(id, newParentId, moveOn ?? Today), "Đã chuyển đơn vị.");

    public async Task<IActionResult> OnPostCloseAsync(Guid id, DateOnly? closeOn) =>
        await AfterAsync(id, await tree.CloseAsync(id, closeOn ?? Today), "Đã giải thể đơn vị.");

    private async Task<IActionResult> AfterAsync(Guid id, OrgResult result, string? message)
    {
        if (result.Ok)
        {
            TempData["Message"] = message is null ? null : this.Say(message);
            return RedirectToPage(new { id });
        }

        Error = result.Error is null ? null : this.Say(result.Error);
        return await ShowAsync(id);
    }

    private async Task<IActionResult> ShowAsync(Guid id)
    {
        Unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id);
        if (Unit is null)
        {
            return NotFound();
        }

        ParentItems = await UnitOptions.LoadAsync(db, Unit.ParentId, excludeSubtreeOf: Unit.Id);
        return Page();
    }
}
