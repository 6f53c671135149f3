using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>A nomination for a movement: the kind, the subject (a unit for a collective, a member for an individual) and the achievement.</summary>
public sealed record NominationRequest(string? KindCode, Guid? UnitId, Guid? MemberId, string? Achievement);

/// <summary>
/// A branch secretary (for their branch and its members) or the organization board (anywhere under its committee)
/// nominates a subject for a movement award while the board is still proposing. One nomination per kind and subject.
/// </summary>
public sealed class NominateCandidate(AppDbContext db)
{
    public const int AchievementLength = 2_000;

    public async Task<AwardCandidate> RunAsync(Guid roundId, NominationRequest request, Actor actor, CancellationToken ct)
    {
        var round = await db.AwardRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct) ?? throw DomainException.NotFound("đợt khen thưởng");
        var board = actor.Is(Roles.OrganizationBoard, round.IssuerUnitId);
        if (!board && !actor.IsInRole(Roles.BranchSecretary) && !actor.IsAdmin)
        {
            throw DomainException.Forbidden("Chỉ bí thư chi bộ hoặc Ban Tổ chức của cấp ủy được đề cử khen thưởng theo phong trào.");
        }

        if (round.Status != AwardRoundStatus.Proposing)
        {
            throw DomainException.Conflict("Ban Tổ chức đã gửi đề xuất; đợt khen thưởng không nhận thêm đề cử.");
        }

        var errors = new List<FieldError>();
        var kind = await db.AwardRules.AsNoTracking().FirstOrDefaultAsync(k => k.Code == request.KindCode && k.IsCurrent && k.Active, ct);
        if (kind is null || kind.Eligibility != AwardEligibility.Nomination)
        {
            errors.Add(new("kindCode", "Chọn một phong trào (loại khen thưởng theo đề cử)."));
        }

        var achievement = TextRules.Collect(errors, request.Achievement, AchievementLength, "achievement", "Thành tích", multiline: true, required: true);
        if (request.UnitId is null && request.MemberId is null)
        {
            errors.Add(new("unitId", "Chọn tập thể hoặc cá nhân được đề cử."));
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Đề cử chưa hợp lệ.", errors);
        }

        // The subject, within what the nominator sees (the query filters) and under the round's committee.
        SubjectType type;
        Guid subjectId;
        string name;
        Org.Unit unit;
        if (request.MemberId is { } memberId)
        {
            var member = await db.Members.AsNoTracking().Include(m => m.Unit).FirstOrDefaultAsync(m => m.Id == memberId, ct) ?? throw DomainException.NotFound("đảng viên");
            (type, subjectId, name, unit) = (SubjectType.Member, member.Id, member.FullName, member.Unit!);
        }
        else
        {
            unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == request.UnitId, ct) ?? throw DomainException.NotFound("tổ chức đảng");
            (type, subjectId, name) = (SubjectType.GrassrootsOrganization, unit.Id, unit.Name);
        }

        if (!unit.Path.StartsWith(round.IssuerPath, StringComparison.Ordinal) || unit.Id == round.IssuerUnitId)
        {
            throw DomainException.Invalid($"{name} không thuộc {round.IssuerName}.", [new("unitId", "Chọn tập thể, cá nhân thuộc cấp ủy của đợt khen thưởng.")]);
        }

        if (!board && !actor.IsAdmin && unit.Id != actor.UnitId)
        {
            throw DomainException.Forbidden("Bí thư chi bộ chỉ đề cử chi bộ mình và đảng viên của chi bộ.");
        }

        if (!kind!.Covers(type))
        {
            throw DomainException.Invalid($"{kind.Name} không dành cho {RatingText.Plural(type)}.", [new("kindCode", "Loại khen thưởng này không dành cho đối tượng đã chọn.")]);
        }

        if (await db.AwardCandidates.IgnoreQueryFilters().AnyAsync(c => c.RoundId == roundId && c.AwardRuleId == kind.Id && c.SubjectId == subjectId, ct))
        {
            throw DomainException.Conflict($"{name} đã được đề cử {kind.Name}.");
        }

        var candidate = new AwardCandidate
        {
            RoundId = round.Id, AwardRuleId = kind.Id, SubjectType = type, SubjectId = subjectId, SubjectName = name, UnitId = unit.Id, UnitPath = unit.Path,
            UnitName = unit.Name, Source = CandidateSource.Nominated, Basis = achievement!, NominatedBy = actor.DisplayName, Proposed = board,
        };
        db.AwardCandidates.Add(candidate);
        await db.SaveChangesAsync(ct);
        return candidate;
    }
}
