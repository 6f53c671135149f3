using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Org;
using Workflow.Web.Reports;

namespace Workflow.Web.Demo;

/// <summary>
/// The demo committees' resolution targets for the term that holds last year (as seed 000's resolution words them: 90%
/// at HTTNV or above, at least 20% of the organizations and 15% of the members at HTXSNV; 75% of branch meetings Tốt),
/// so the year-end report shows targets met and missed from the first start. Added once per committee.
/// </summary>
public sealed class DemoTargets(AppDbContext db, TimeProvider clock)
{
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var last = clock.GetLocalNow().Year - 1;
        var (from, to) = (last - 4, last + 1);
        var targets = db.Targets.IgnoreQueryFilters();
        var committees = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => u.Kind == UnitKind.DirectCommittee && u.ValidTo == null)
            .Where(u => !targets.Any(t => t.UnitId == u.Id)).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        (TargetMetric Metric, decimal Value)[] plan =
        [
            (TargetMetric.OrganizationsGoodOrBetter, 90), (TargetMetric.OrganizationsExcellent, 20), (TargetMetric.MembersGoodOrBetter, 90),
            (TargetMetric.MembersExcellent, 15), (TargetMetric.MeetingsGood, 75),
        ];
        foreach (var unit in committees)
        {
            db.Targets.AddRange(plan.Select(p => new Target
            {
                UnitId = unit.Id, UnitPath = unit.Path, Metric = p.Metric, Comparison = TargetComparison.AtLeast, Value = p.Value, FromYear = from, ToYear = to,
                Source = $"Nghị quyết Đại hội {unit.Name} nhiệm kỳ {from} – {to}", CreatedAtUtc = now, CreatedBy = "demo",
            }));
        }

        await db.SaveChangesAsync(ct);
        return committees.Count;
    }
}
