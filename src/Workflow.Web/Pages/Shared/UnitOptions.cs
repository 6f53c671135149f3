using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Org;

namespace Workflow.Web.Pages.Shared;

/// <summary>One unit a picker offers: its name, the path above it ("Đảng bộ Sở Công Thương — Đảng bộ Khối …"), selected or not.</summary>
public sealed record UnitChoice(Guid Id, string Name, string Path, bool Selected);

/// <summary>
/// The units a picker offers: active units in the caller's scope, in tree order, each with the names of the units above
/// it, so 39 units named "Chi bộ Văn phòng" can be told apart. The page renders them as a select with
/// <c>data-unit-picker</c>, which the site script turns into a search box over names and paths.
/// </summary>
public static class UnitOptions
{
    /// <summary>How many units above a unit its path names (the province at the top is left out).</summary>
    private const int PathDepth = 3;

    public static async Task<List<UnitChoice>> LoadAsync(AppDbContext db, Guid? selected = null, Guid? excludeSubtreeOf = null,
        Func<IQueryable<Unit>, IQueryable<Unit>>? filter = null)
    {
        var query = db.Units.AsNoTracking().Where(u => u.ValidTo == null);
        var units = await (filter is null ? query : filter(query)).OrderBy(u => u.Path).Select(u => new { u.Id, u.Name, u.ParentId, u.Path }).ToListAsync();
        // The units above come from the listed ones; those above the caller's scope (read from the materialized paths) are
        // loaded by id: their names are public (committees' names are printed on every Decision).
        var names = units.ToDictionary(u => u.Id, u => (u.Name, u.ParentId));
        var above = units.SelectMany(u => u.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)).Distinct()
            .Select(Guid.Parse).Where(id => !names.ContainsKey(id)).ToList();
        foreach (var u in await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => above.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.ParentId }).ToListAsync())
        {
            names[u.Id] = (u.Name, u.ParentId);
        }

        var excluded = excludeSubtreeOf is { } ex ? units.FirstOrDefault(u => u.Id == ex)?.Path : null;
        return units
            .Where(u => excluded is null || !u.Path.StartsWith(excluded, StringComparison.Ordinal))
            .Select(u =>
            {
                var path = new List<string>();
                for (var parent = u.ParentId; parent is { } p && names.TryGetValue(p, out var unit) && unit.ParentId is not null && path.Count < PathDepth; parent = unit.ParentId)
                {
                    path.Add(unit.Name);
                }

                return new UnitChoice(u.Id, u.Name, string.Join(" — ", path), u.Id == selected);
            })
            .ToList();
    }
}
