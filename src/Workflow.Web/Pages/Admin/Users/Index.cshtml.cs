using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Org;
using Workflow.Web.Pages.Shared;

namespace Workflow.Web.Pages.Admin.Users;

/// <summary>Users bound to units in the admin's subtree (the join with the scoped Units set does the filtering).</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public List<Row> Rows { get; private set; } = [];
    public PageInfo Paging { get; private set; } = new(1, PageSize, 0);

    public async Task OnGetAsync(int? p)
    {
        var query = from user in db.Users.AsNoTracking()
                    join unit in db.Units on user.UnitId equals unit.Id
                    select new { user, unit };
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var upper = Query.Trim().ToUpperInvariant();
            var pattern = $"%{Query.Trim()}%";
            var folded = TextFolding.Fold(Query);
            query = query.Where(x => x.user.NormalizedUserName!.Contains(upper)
                || EF.Functions.Like(x.user.FullName, pattern) || x.unit.SearchName.Contains(folded));
        }

        Paging = PageInfo.For(p, PageSize, await query.CountAsync());
        var page = await query.OrderBy(x => x.user.UserName).Skip(Paging.Skip).Take(PageSize)
            .Select(x => new { x.user.Id, x.user.UserName, x.user.FullName, UnitName = x.unit.Name, x.user.LockoutEnd })
            .ToListAsync();
        var ids = page.Select(x => x.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync();
        Rows = page.Select(x => new Row(x.Id, x.UserName!, x.FullName, x.UnitName, x.LockoutEnd,
            roles.Where(r => r.UserId == x.Id).Select(r => r.Name!).ToList())).ToList();
    }

    public sealed record Row(Guid Id, string UserName, string FullName, string UnitName, DateTimeOffset? LockedUntil, List<string> Roles);
}
