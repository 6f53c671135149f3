using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Awards;

/// <summary>Reading the award kinds: the versions in force, in their order.</summary>
public static class AwardKinds
{
    public static Task<List<AwardRule>> InForceAsync(AppDbContext db, CancellationToken ct) =>
        db.AwardRules.AsNoTracking().Where(r => r.IsCurrent && r.Active).OrderBy(r => r.SortOrder).ThenBy(r => r.Code).ToListAsync(ct);
}
