using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Org;
using Workflow.Web.Ratings;

namespace Workflow.Web.Pages.Rounds;

/// <summary>A round: opening progress, statistics, peer groups with their decision boards, and the files (filtered, keyset-paged).</summary>
public sealed class DetailsModel(AppDbContext db, RoundStatistics statistics) : PageModel
{
    public const int PageSize = 50;

    public RatingRound Round { get; private set; } = null!;
    public string DecidingUnitName { get; private set; } = "";
    public IReadOnlyList<LevelStatistics> Statistics { get; private set; } = [];
    public IReadOnlyList<Group> Groups { get; private set; } = [];
    public IReadOnlyList<RatingFile> Files { get; private set; } = [];
    public int FileCount { get; private set; }
    public Guid? NextAfter { get; private set; }

    [BindProperty(SupportsGet = true)] public SubjectType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public FileStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? After { get; set; }

    public sealed record Group(Guid DecidingUnitId, string UnitName, SubjectType Type, int Total, int Proposed, int Decided);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.RuleSet).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (round is null)
        {
            return NotFound();
        }

        Round = round;
        DecidingUnitName = await db.Units.IgnoreQueryFilters().Where(u => u.Id == round.DecidingUnitId).Select(u => u.Name).FirstAsync(ct);
        Statistics = await statistics.RunAsync(id, null, ct);
        var groups = await db.Files.AsNoTracking().Where(f => f.RoundId == id)
            .GroupBy(f => new { f.DecidingUnitId, f.SubjectType })
            .Select(g => new { g.Key.DecidingUnitId, g.Key.SubjectType, Total = g.Count(), Proposed = g.Count(f => f.Status == FileStatus.Proposed), Decided = g.Count(f => f.DecidedLevel != null) })
            .ToListAsync(ct);
        var unitIds = groups.Select(g => g.DecidingUnitId).Distinct().ToList();
        var names = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Groups = groups.Select(g => new Group(g.DecidingUnitId, names.GetValueOrDefault(g.DecidingUnitId, ""), g.SubjectType, g.Total, g.Proposed, g.Decided))
            .OrderBy(g => g.Type).ThenBy(g => g.UnitName, StringComparer.Ordinal).Take(500).ToList();

        var query = db.Files.AsNoTracking().Where(f => f.RoundId == id);
        query = Type is { } t ? query.Where(f => f.SubjectType == t) : query;
        query = Status is { } s ? query.Where(f => f.Status == s) : query;
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var folded = TextFolding.Fold(Q);
            query = query.Where(f => f.SearchName.Contains(folded));
        }

        FileCount = await query.CountAsync(ct);
        // Vietnamese name order (people by given name), paged by key: the next page starts after the last row shown.
        if (After is { } a && await db.Files.Where(f => f.Id == a).Select(f => f.SortKey).FirstOrDefaultAsync(ct) is { } afterKey)
        {
            query = query.Where(f => f.SortKey.CompareTo(afterKey) > 0 || (f.SortKey == afterKey && f.Id.CompareTo(a) > 0));
        }

        var page = await query.OrderBy(f => f.SortKey).ThenBy(f => f.Id).Take(PageSize + 1).ToListAsync(ct);
        NextAfter = page.Count > PageSize ? page[PageSize - 1].Id : null;
        Files = page.Take(PageSize).ToList();
        return Page();
    }

}
