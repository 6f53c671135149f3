using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Pages.Shared;

/// <summary>Options for a unit picker: active units in the caller's scope, indented by depth, in tree order.</summary>
public static class UnitOptions
{
    public static async Task<List<SelectListItem>> LoadAsync(AppDbContext db, Guid? selected = null, Guid? excludeSubtreeOf = null)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.ValidTo == null)
            .OrderBy(u => u.Path)
            .Select(u => new { u.Id, u.Name, u.Depth, u.Path })
            .ToListAsync();
        var excluded = excludeSubtreeOf is { } ex ? units.FirstOrDefault(u => u.Id == ex)?.Path : null;
        var minDepth = units.Count == 0 ? 0 : units.Min(u => u.Depth);
        return units
            .Where(u => excluded is null || !u.Path.StartsWith(excluded, StringComparison.Ordinal))
            .Select(u => new SelectListItem(new string('\u00A0', (u.Depth - minDepth) * 3) + u.Name, u.Id.ToString(), u.Id == selected))
            .ToList();
    }
}
