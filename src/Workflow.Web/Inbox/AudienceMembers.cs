using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Identity;

namespace Workflow.Web.Inbox;

/// <summary>
/// The people behind a task's audience: its candidate users, and the members of its candidate groups ("Role:unit" is
/// the users with that role in that unit; a bare "Role" is everyone with the role, which only pickers want).
/// </summary>
public static class AudienceMembers
{
    public static async Task<IReadOnlyList<AppUser>> UsersAsync(AppDbContext db, IEnumerable<string> principals, bool bareRoles, CancellationToken ct)
    {
        var list = principals.Select(TaskPrincipal.Parse).OfType<TaskPrincipal>().ToList();
        var names = list.Select(p => p.UserName).OfType<string>().ToList();
        var found = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!)).ToListAsync(ct);
        foreach (var group in list.Where(p => p.IsGroup))
        {
            var role = group.Role!;
            var unit = group.UnitId;
            if (!Roles.All.Contains(role) || (unit is null && !bareRoles))
            {
                continue;
            }

            var members = RoleMembers.Query(db).Where(m => m.Role == role && (unit == null || m.User.UnitId == unit)).Select(m => m.User);
            found.AddRange(await members.Take(500).ToListAsync(ct));
        }

        return found.DistinctBy(u => u.Id).ToList();
    }
}
