using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Org;

namespace Workflow.Web.Awards;

/// <summary>
/// Sends a committee's selections of province kinds up as one proposal to the nearest province above it and starts
/// workflows/award-proposal.bpmn (the province's board examines, its standing committee decides). Runs inside the
/// committee's decision transaction.
/// </summary>
public sealed class AwardProposals(AppDbContext db, WorkflowEngine engine, TimeProvider clock)
{
    public async Task ProposeAsync(AwardRound round, AwardDecision decision, IReadOnlyList<AwardCandidate> lines, Actor actor, CancellationToken ct)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var above = round.IssuerPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).Where(id => id != round.IssuerUnitId).ToList();
        var province = (await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => above.Contains(u.Id) && u.Kind == UnitKind.Province).ToListAsync(ct))
            .OrderByDescending(u => u.Depth).FirstOrDefault()
            ?? throw DomainException.Invalid($"{round.IssuerName} không có Tỉnh ủy cấp trên để đề nghị tặng bằng khen; bỏ chọn các đề nghị bằng khen.");
        var proposal = new AwardProposal
        {
            FromRoundId = round.Id, FromUnitId = round.IssuerUnitId, FromUnitName = round.IssuerName, FromPath = round.IssuerPath, FromDecisionId = decision.Id,
            FromDecisionNumber = decision.Number, ToUnitId = province.Id, ToUnitName = province.Name, ToPath = province.Path, Year = round.Year,
            Status = AwardProposalStatus.Examining, CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.AwardProposals.Add(proposal);
        await db.SaveChangesAsync(ct);
        var instance = await engine.StartByKeyAsync(AwardWorkflow.ProposalProcessKey, new Dictionary<string, TypedValue>
        {
            ["upperUnitId"] = TypedValue.String(province.Id.ToString()),
            ["awardProposalId"] = TypedValue.String(proposal.Id.ToString()),
        }, businessKey: AwardWorkflow.ProposalBusinessKeyPrefix + proposal.Id, actor: actor.UserName, ct: ct);
        proposal.InstanceId = instance.Id;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The proposal's lines: the proposing round's selected candidates of the kinds the province issues.</summary>
    public static IQueryable<AwardCandidate> Lines(AppDbContext db, AwardProposal proposal)
    {
        var provinceKinds = db.AwardRules.Where(k => k.Issuer == AwardIssuer.Province).Select(k => k.Id);
        return db.AwardCandidates.IgnoreQueryFilters().Where(c => c.RoundId == proposal.FromRoundId && c.Selected && provinceKinds.Contains(c.AwardRuleId));
    }
}
