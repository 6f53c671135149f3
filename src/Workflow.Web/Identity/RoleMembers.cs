using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
namespace Workflow.Web.Identity;

/// <summary>
/// Who holds which role: the one query behind "the members of group Role:unit" (the inbox's pickers and task people,
/// the reminders' recipients). Callers narrow it by role and unit and take what they need; it reads without tracking.
/// </summary>
public static class RoleMembers
{
    public static IQueryable<RoleMember> Query(AppDbContext db) =>
        from user in db.Users.AsNoTracking()
        join link in db.UserRoles on user.Id equals link.UserId
        join role in db.Roles on link.RoleId equals role.Id
        select new RoleMember { Role = role.Name!, User = user };
}
