using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Ratings;

/// <summary>
/// DOMAIN.md's order rules: lower levels before higher (the members of a grassroots organization are decided before the
/// organization is), and collectives before their individual members. Shown on the board; blocking when the rule set says so.
/// </summary>
public sealed class DecisionOrder(AppDbContext db)
{
    public async Task<List<string>> WarningsAsync(RatingRound round, List<RatingFile> group, CancellationToken ct)
    {
        var warnings = new List<string>();
        var type = group[0].SubjectType;
        if (type == SubjectType.GrassrootsOrganization)
        {
            var unitIds = group.Select(f => f.SubjectUnitId).ToList();
            var pendingMembers = await db.Files.IgnoreQueryFilters().CountAsync(f => f.Round!.Year == round.Year && f.SubjectType == SubjectType.Member
                && unitIds.Contains(f.DecidingUnitId) && f.DecidedLevel == null, ct);
            if (pendingMembers > 0)
            {
                warnings.Add($"Còn {pendingMembers} đảng viên của các tổ chức này chưa được cấp dưới xếp loại.");
            }
        }

        if (type == SubjectType.Member)
        {
            var unitId = group[0].DecidingUnitId;
            var collectivePending = await db.Files.IgnoreQueryFilters().AnyAsync(f => f.Round!.Year == round.Year && f.SubjectType == SubjectType.CommitteeCollective
                && f.SubjectUnitId == unitId && f.DecidedLevel == null, ct);
            if (collectivePending)
            {
                warnings.Add("Tập thể cấp ủy chưa được xếp loại: xếp loại tập thể trước cá nhân.");
            }
        }

        return warnings;
    }
}
