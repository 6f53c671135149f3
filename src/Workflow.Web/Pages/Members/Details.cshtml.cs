using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Org;

namespace Workflow.Web.Pages.Members;

/// <summary>A member's record. The scope filter lets a Member role see only their own; others see their subtree.</summary>
public sealed class DetailsModel(AppDbContext db) : PageModel
{
    public PartyMember? Member { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Member = await db.Members.AsNoTracking().Include(m => m.Unit).FirstOrDefaultAsync(m => m.Id == id);
        return Member is null ? NotFound() : Page();
    }
}
