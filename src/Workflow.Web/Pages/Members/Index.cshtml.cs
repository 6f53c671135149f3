using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Org;
using Workflow.Web.Pages.Shared;

namespace Workflow.Web.Pages.Members;

/// <summary>
/// Members in the caller's subtree, searchable by name with or without diacritics ("Nguyen Van Hung" finds
/// "Nguyễn Văn Hùng") through the folded <see cref="PartyMember.SearchName"/> column, paged.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Setup.IdentitySetup.ReviewerPolicy)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "unit")]
    public string? UnitQuery { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public MemberStatus? Status { get; set; }

    public List<Row> Rows { get; private set; } = [];
    public PageInfo Paging { get; private set; } = new(1, PageSize, 0);

    public async Task OnGetAsync(int? p)
    {
        var query = db.Members.AsNoTracking().Where(m => m.LeftOn == null);
        var name = TextFolding.Fold(Query);
        if (name.Length > 0)
        {
            query = query.Where(m => m.SearchName.Contains(name));
        }

        var unit = TextFolding.Fold(UnitQuery);
        if (unit.Length > 0)
        {
            query = query.Where(m => m.Unit!.SearchName.Contains(unit));
        }

        if (Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        Paging = PageInfo.For(p, PageSize, await query.CountAsync());
        Rows = await query.OrderBy(m => m.SearchName).ThenBy(m => m.Id)
            .Skip(Paging.Skip).Take(PageSize)
            .Select(m => new Row(m.Id, m.FullName, m.DateOfBirth, m.Unit!.Name, m.JoinedOn, m.Status,
                m.ExemptFromActivity, m.WorksInPoliticalSystem))
            .ToListAsync();
    }

    public sealed record Row(Guid Id, string FullName, DateOnly DateOfBirth, string UnitName, DateOnly JoinedOn,
        MemberStatus Status, bool ExemptFromActivity, bool WorksInPoliticalSystem);
}
