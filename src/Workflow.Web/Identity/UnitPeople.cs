using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Identity;

/// <summary>
/// The people who answer for rated subjects, looked up in batches: the branch secretaries of units, and the users who
/// are given members. Notices about decisions and certificates go to them.
/// </summary>
public static class UnitPeople
{
    private const int Batch = 500;

    /// <summary>The branch secretaries of the given units (user name and unit).</summary>
    public static async Task<List<(string UserName, Guid UnitId)>> SecretariesAsync(AppDbContext db, IEnumerable<Guid> unitIds, CancellationToken ct)
    {
        var found = new List<(string, Guid)>();
        foreach (var chunk in unitIds.Distinct().Chunk(Batch))
        {
            found.AddRange((await RoleMembers.Query(db).Where(m => m.Role == Roles.BranchSecretary && chunk.Contains(m.User.UnitId))
                .Select(m => new { m.User.UserName, m.User.UnitId }).ToListAsync(ct)).Select(m => (m.UserName!, m.UnitId)));
        }

        return found;
    }

    /// <summary>The users who are the given members (user name and member).</summary>
    public static async Task<List<(string UserName, Guid MemberId)>> MemberUsersAsync(AppDbContext db, IEnumerable<Guid> memberIds, CancellationToken ct)
    {
        var found = new List<(string, Guid)>();
        foreach (var chunk in memberIds.Distinct().Chunk(Batch))
        {
            found.AddRange((await db.Users.AsNoTracking().Where(u => u.MemberId != null && chunk.Contains(u.MemberId.Value))
                .Select(u => new { u.UserName, u.MemberId }).ToListAsync(ct)).Select(u => (u.UserName!, u.MemberId!.Value)));
        }

        return found;
    }
}
