using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Processes;

namespace Workflow.Web.Inbox;

/// <summary>
/// The people behind a task's audience: its candidate users, and the members of its candidate groups ("Role:unit" is
/// the users with that role in that unit; a bare "Role" is everyone with the role, which only pickers want).
/// </summary>
public static class AudienceMembers
{
    public static async Task<IReadOnlyList<AppUser>> UsersAsync(AppDbContext db, IEnumerable<string> principals, bool bareRoles, CancellationToken ct)
    {
        var list = principals.ToList();
        var names = list.Where(p => p.StartsWith(WfTaskAudience.UserPrefix, StringComparison.Ordinal)).Select(p => p[WfTaskAudience.UserPrefix.Length..]).ToList();
        var found = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!)).ToListAsync(ct);
        foreach (var group in list.Where(p => p.StartsWith(WfTaskAudience.GroupPrefix, StringComparison.Ordinal)).Select(p => p[WfTaskAudience.GroupPrefix.Length..]))
        {
            var parts = group.Split(':', 2);
            var role = parts[0];
            Guid? unit = parts.Length == 2 && Guid.TryParse(parts[1], out var u) ? u : null;
            if (!Roles.All.Contains(role) || (unit is null && !bareRoles))
            {
                continue;
            }

            var members = from user in db.Users.AsNoTracking()
                          join link in db.UserRoles on user.Id equals link.UserId
                          join r in db.Roles on link.RoleId equals r.Id
                          where r.Name == role && (unit == null || user.UnitId == unit)
                          select user;
            found.AddRange(await members.Take(500).ToListAsync(ct));
        }

        return found.DistinctBy(u => u.Id).ToList();
    }
}
