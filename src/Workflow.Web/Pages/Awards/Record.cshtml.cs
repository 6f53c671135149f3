using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Web.Awards;
using Workflow.Web.Ratings;

namespace Workflow.Web.Pages.Awards;

/// <summary>A subject's achievement record (hồ sơ thành tích): ratings by year, awards and their revocations, proposals up.</summary>
public sealed class RecordModel(AchievementRecord records) : PageModel
{
    public SubjectRecord Record { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(SubjectType type, Guid id, CancellationToken ct)
    {
        if (!Enum.IsDefined(type))
        {
            return NotFound();
        }

        try
        {
            Record = await records.ReadAsync(type, id, ct);
            return Page();
        }
        catch (DomainException ex) when (ex.Status == 404)
        {
            return NotFound();
        }
    }
}
