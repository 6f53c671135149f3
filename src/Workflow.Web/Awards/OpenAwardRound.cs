using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Org;

namespace Workflow.Web.Awards;

/// <summary>An award round to open: the committee and the year.</summary>
public sealed record OpenAwardRoundRequest(Guid IssuerUnitId, int Year);

/// <summary>
/// Opens a committee's award round for a year (its standing committee or organization board, or an Admin): computes the
/// candidates of every award kind in force (<see cref="AwardCandidateQuery"/>), proposed by default, and starts
/// workflows/award-round.bpmn, in one transaction. One round per committee and year.
/// </summary>
public sealed class OpenAwardRound(AppDbContext db, WorkflowEngine engine, TimeProvider clock)
{
    public async Task<AwardRound> RunAsync(OpenAwardRoundRequest request, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdmin && !actor.Is(Roles.StandingCommittee, request.IssuerUnitId) && !actor.Is(Roles.OrganizationBoard, request.IssuerUnitId))
        {
            throw DomainException.Forbidden("Chỉ Ban Thường vụ, Ban Tổ chức của cấp ủy hoặc quản trị viên được mở đợt khen thưởng.");
        }

        if (request.Year is < 2000 or > 2100)
        {
            throw DomainException.Invalid("Năm khen thưởng phải từ 2000 đến 2100.", [new("year", "Năm khen thưởng phải từ 2000 đến 2100.")]);
        }

        var issuer = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == request.IssuerUnitId, ct) ?? throw DomainException.NotFound("cấp ủy");
        if (issuer.Kind is UnitKind.GrassrootsBranch or UnitKind.AffiliatedBranch)
        {
            throw DomainException.Invalid($"{issuer.Name} là chi bộ, không có Ban Thường vụ để quyết định khen thưởng.", [new("issuerUnitId", "Chọn một cấp ủy.")]);
        }

        if (await db.AwardRounds.IgnoreQueryFilters().AnyAsync(r => r.IssuerUnitId == issuer.Id && r.Year == request.Year, ct))
        {
            throw DomainException.Conflict($"{issuer.Name} đã có đợt khen thưởng năm {request.Year}.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var round = new AwardRound
        {
            IssuerUnitId = issuer.Id, IssuerPath = issuer.Path, IssuerName = issuer.Name, Year = request.Year, Status = AwardRoundStatus.Proposing,
            CreatedAtUtc = now, CreatedBy = actor.UserName,
        };
        var kinds = await AwardKinds.InForceAsync(db, ct);
        var forRound = kinds.Where(k => !k.WithRatingDecision && (issuer.Kind != UnitKind.Province || k.Issuer == AwardIssuer.Province)).ToList();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.AwardRounds.Add(round);
        await db.SaveChangesAsync(ct);
        var computed = 0;
        foreach (var kind in forRound)
        {
            computed += await AwardCandidateQuery.InsertAsync(db, round, kind, ct);
        }

        var instance = await engine.StartByKeyAsync(AwardWorkflow.RoundProcessKey, new Dictionary<string, TypedValue>
        {
            ["issuerUnitId"] = TypedValue.String(issuer.Id.ToString()),
            ["awardRoundId"] = TypedValue.String(round.Id.ToString()),
        }, businessKey: AwardWorkflow.RoundBusinessKeyPrefix + round.Id, actor: actor.UserName, ct: ct);
        round.InstanceId = instance.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return round;
    }
}
