using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Org;
using Workflow.Web.Pages.Shared;

namespace Workflow.Web.Pages.Units;

/// <summary>
/// One unit: committees, subordinate units and its members. A unit outside the caller's subtree is filtered out by
/// the DbContext's scope, so it answers 404 exactly like a unit that does not exist.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Setup.IdentitySetup.ReviewerPolicy)]
public sealed class DetailsModel(AppDbContext db) : PageModel
{
    private const int PageSize = 50;

    public Unit? Unit { get; private set; }
    public List<Unit> Ancestors { get; } = [];
    public List<Committee> Committees { get; private set; } = [];
    public List<ChildRow> Children { get; private set; } = [];
    public List<PartyMember> Members { get; private set; } = [];
    public PageInfo Paging { get; private set; } = new(1, PageSize, 0);

    public async Task<IActionResult> OnGetAsync(Guid id, int? p)
    {
        Unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id);
        if (Unit is null)
        {
            return NotFound();
        }

        // Ancestors the caller can see (a secretary's breadcrumb starts at their own unit).
        var ancestorIds = Unit.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(Guid.Parse).Where(a => a != Unit.Id).ToList();
        var ancestors = await db.Units.AsNoTracking().Where(u => ancestorIds.Contains(u.Id)).ToListAsync();
        Ancestors.AddRange(ancestors.OrderBy(a => a.Depth));

        Committees = await db.Committees.AsNoTracking().Where(c => c.UnitId == id).OrderBy(c => c.Kind).ToListAsync();
        Children = await db.Units.AsNoTracking().Where(u => u.ParentId == id)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Name)
            .Select(u => new ChildRow(u.Id, u.Name, u.Kind, u.ValidTo,
                db.Members.Count(m => m.LeftOn == null && m.Unit!.Path.StartsWith(u.Path))))
            .ToListAsync();

        var members = db.Members.AsNoTracking().Where(m => m.UnitId == id && m.LeftOn == null);
        Paging = PageInfo.For(p, PageSize, await members.CountAsync());
        Members = await members.OrderBy(m => m.SearchName).ThenBy(m => m.Id).Skip(Paging.Skip).Take(PageSize).ToListAsync();
        return Page();
    }

    public sealed record ChildRow(Guid Id, string Name, UnitKind Kind, DateOnly? ValidTo, int Members);
}
