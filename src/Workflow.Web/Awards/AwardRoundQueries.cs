using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>One award kind and group (collectives or individuals) of a round: how many are eligible, proposed, selected, granted, and the limit.</summary>
public sealed record AwardGroup(AwardRule Kind, bool Individuals, int Candidates, int Proposed, int Selected, int Granted, int? Max)
{
    public bool Over => Max is { } max && Selected > max;
}

/// <summary>A round as its pages and API show it: the round, its groups, the open step and the statistics sentences.</summary>
public sealed record AwardRoundView(AwardRound Round, IReadOnlyList<AwardGroup> Groups, string? OpenStep, Guid? OpenTaskId, AwardProposal? Proposal, AwardDecision? Decision)
{
    /// <summary>"Ban Thường vụ … tặng Giấy khen cho …." per title, from what the decision granted.</summary>
    public IReadOnlyList<string> Sentences => Groups.Where(g => g.Granted > 0).GroupBy(g => g.Kind.Title)
        .Select(t => AwardSentences.Sentence(Round.IssuerName, Certificate.NameOf(t.Key), t.GroupBy(g => g.Kind.Id).Select(k => new AwardTally(
            k.First().Kind.ReasonFor(Round.Year), k.Where(g => !g.Individuals).Sum(g => g.Granted), k.Where(g => g.Individuals).Sum(g => g.Granted)))))
        .Where(s => s.Length > 0).ToList();

    /// <summary>"Đề nghị Tỉnh ủy xét, tặng Bằng khen cho …." or empty.</summary>
    public string ProposalSentence => Proposal is null ? "" : AwardSentences.Proposal(Proposal.ToUnitName, "Bằng khen",
        Groups.Where(g => g.Kind.Issuer == AwardIssuer.Province && !g.Individuals).Sum(g => g.Selected),
        Groups.Where(g => g.Kind.Issuer == AwardIssuer.Province && g.Individuals).Sum(g => g.Selected));
}

/// <summary>Reading award rounds for their pages and the API (the query filters keep each caller to their subtree).</summary>
public sealed class AwardRoundQueries(AppDbContext db)
{
    public async Task<AwardRoundView> ViewAsync(Guid roundId, CancellationToken ct)
    {
        var round = await db.AwardRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct) ?? throw DomainException.NotFound("đợt khen thưởng");
        // Counted over the whole round (the limits are the committee's), not only what the caller's subtree shows.
        var counts = await db.AwardCandidates.IgnoreQueryFilters().Where(c => c.RoundId == roundId)
            .GroupBy(c => new { c.AwardRuleId, Individuals = c.SubjectType == SubjectType.Member })
            .Select(g => new { g.Key.AwardRuleId, g.Key.Individuals, Count = g.Count(), Proposed = g.Count(c => c.Proposed), Selected = g.Count(c => c.Selected) })
            .ToListAsync(ct);
        var granted = round.DecisionId is { } decisionId
            ? await db.AwardGrants.IgnoreQueryFilters().Where(g => g.AwardDecisionId == decisionId)
                .GroupBy(g => new { g.AwardRuleId, Individuals = g.SubjectType == SubjectType.Member })
                .Select(g => new { g.Key.AwardRuleId, g.Key.Individuals, Count = g.Count() }).ToListAsync(ct)
            : [];
        var kinds = await AwardKinds.InForceAsync(db, ct);
        var usedIds = counts.Select(c => c.AwardRuleId).ToHashSet();
        var old = await db.AwardRules.AsNoTracking().Where(k => usedIds.Contains(k.Id) && !k.IsCurrent).ToListAsync(ct);
        var issuerKind = await db.Units.IgnoreQueryFilters().Where(u => u.Id == round.IssuerUnitId).Select(u => u.Kind).FirstAsync(ct);
        var shown = kinds.Where(k => !k.WithRatingDecision && (issuerKind != Org.UnitKind.Province || k.Issuer == AwardIssuer.Province) || usedIds.Contains(k.Id))
            .Concat(old).ToList();
        var groups = new List<AwardGroup>();
        foreach (var kind in shown)
        {
            foreach (var individuals in new[] { false, true })
            {
                if (individuals ? !kind.ForIndividuals : !kind.ForCollectives)
                {
                    continue;
                }

                var c = counts.FirstOrDefault(x => x.AwardRuleId == kind.Id && x.Individuals == individuals);
                var g = granted.FirstOrDefault(x => x.AwardRuleId == kind.Id && x.Individuals == individuals)?.Count ?? 0;
                var total = c?.Count ?? 0;
                groups.Add(new AwardGroup(kind, individuals, total, c?.Proposed ?? 0, c?.Selected ?? 0, g, AwardLimits.Max(kind.LimitCount, kind.LimitPercent, total)));
            }
        }

        var task = round.InstanceId is { } instance
            ? await db.WfTasks.AsNoTracking().Where(t => t.InstanceId == instance).Select(t => new { t.Id, t.ElementId }).FirstOrDefaultAsync(ct)
            : null;
        var proposal = await db.AwardProposals.AsNoTracking().FirstOrDefaultAsync(p => p.FromRoundId == round.Id, ct);
        var decision = round.DecisionId is { } d ? await db.AwardDecisions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == d, ct) : null;
        return new AwardRoundView(round, groups, task?.ElementId, task?.Id, proposal, decision);
    }

    /// <summary>One page of a round's candidates of one kind and group, in unit then name order.</summary>
    public Task<List<AwardCandidate>> CandidatesAsync(Guid roundId, Guid kindId, bool individuals, int skip, int take, CancellationToken ct) =>
        db.AwardCandidates.AsNoTracking()
            .Where(c => c.RoundId == roundId && c.AwardRuleId == kindId && (c.SubjectType == SubjectType.Member) == individuals)
            .OrderBy(c => c.UnitPath).ThenBy(c => c.SubjectName).ThenBy(c => c.Id).Skip(skip).Take(take).ToListAsync(ct);

    public Task<int> CandidateCountAsync(Guid roundId, Guid kindId, bool individuals, CancellationToken ct) =>
        db.AwardCandidates.AsNoTracking().CountAsync(c => c.RoundId == roundId && c.AwardRuleId == kindId && (c.SubjectType == SubjectType.Member) == individuals, ct);
}
