using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Org;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>
/// The standing committee's selection: "decide" with the award decision's number, date, signer and the selected
/// candidates, or "return" to the board with a reason.
/// </summary>
public sealed record SelectAwardsRequest(
    int Version, string? Action, string? Reason, string? Number, DateOnly? DecidedOn, string? SignerName, string? SignerTitle, List<Guid>? Selected);

/// <summary>
/// The standing committee selects among the proposed candidates within each kind's limit per group (collectives,
/// individuals), and issues the Quyết định khen thưởng in one transaction: the decision, its list (one grant per
/// selected candidate of a kind this committee issues), the candidates marked, the round decided, the workflow moved on
/// (its service task issues the certificates in the background). Selections of a kind the province issues become the
/// committee's proposal to the province (<see cref="AwardProposals"/>). Or it returns the proposal to the board.
/// </summary>
public sealed class SelectAwards(AppDbContext db, WorkflowEngine engine, AwardRoundSteps steps, AwardProposals proposals, TimeProvider clock)
{
    public async Task<AwardRound> RunAsync(Guid roundId, SelectAwardsRequest request, Actor actor, CancellationToken ct)
    {
        var round = await steps.LoadAsync(roundId, request.Version, ct);
        var task = await steps.TaskAsync(round, AwardWorkflow.SelectionStep, actor, $"Chỉ Ban Thường vụ {round.IssuerName} được quyết định khen thưởng.", ct);
        if (!actor.IsAdmin && !actor.Is(Roles.StandingCommittee, round.IssuerUnitId))
        {
            throw DomainException.Forbidden($"Chỉ Ban Thường vụ {round.IssuerName} được quyết định khen thưởng.");
        }

        if (string.Equals(request.Action, "return", StringComparison.OrdinalIgnoreCase))
        {
            return await ReturnAsync(round, task.Id, request.Reason, actor, ct);
        }

        var errors = new List<FieldError>();
        var document = DecisionDocument.Read(request.Number, request.DecidedOn, request.SignerName, request.SignerTitle, errors);
        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Chưa đủ thông tin của quyết định khen thưởng.", errors);
        }

        var candidates = await db.AwardCandidates.IgnoreQueryFilters().Where(c => c.RoundId == roundId).ToListAsync(ct);
        var kinds = await db.AwardRules.AsNoTracking().Where(k => candidates.Select(c => c.AwardRuleId).Distinct().Contains(k.Id)).ToDictionaryAsync(k => k.Id, ct);
        // The list sent, or the selection saved so far (long lists are selected page by page).
        var selected = request.Selected?.ToHashSet() ?? candidates.Where(c => c.Selected).Select(c => c.Id).ToHashSet();
        var byId = candidates.ToDictionary(c => c.Id);
        foreach (var id in selected)
        {
            if (!byId.TryGetValue(id, out var candidate))
            {
                errors.Add(new($"selected.{id}", "Không có trong danh sách của đợt khen thưởng."));
            }
            else if (!candidate.Proposed)
            {
                errors.Add(new($"selected.{id}", $"{candidate.SubjectName}: chưa được Ban Tổ chức đề xuất {kinds[candidate.AwardRuleId].Name}."));
            }
        }

        errors.AddRange(LimitErrors(candidates, kinds, selected));
        if (errors.Count > 0)
        {
            throw DomainException.Invalid($"{errors.Count} lựa chọn chưa hợp lệ.", errors);
        }

        if (selected.Count == 0)
        {
            throw DomainException.Invalid("Chưa chọn ai; chọn ít nhất một tập thể hoặc cá nhân, hoặc trả lại Ban Tổ chức.");
        }

        if (await db.AwardDecisions.AnyAsync(d => d.IssuerUnitId == round.IssuerUnitId && d.Number == document.Number, ct)
            || await db.Decisions.IgnoreQueryFilters().AnyAsync(d => d.DecidingUnitId == round.IssuerUnitId && d.Number == document.Number, ct))
        {
            throw DomainException.Invalid($"Số quyết định \"{document.Number}\" đã được dùng.", [new("number", "Số quyết định đã tồn tại.")]);
        }

        var issuerKind = await db.Units.IgnoreQueryFilters().Where(u => u.Id == round.IssuerUnitId).Select(u => u.Kind).FirstAsync(ct);
        var chosen = candidates.Where(c => selected.Contains(c.Id)).ToList();
        // A committee grants its own kinds; a province kind selected below the province is proposed up instead.
        bool GrantsHere(AwardCandidate c) => issuerKind == UnitKind.Province || kinds[c.AwardRuleId].Issuer == AwardIssuer.Committee;
        var now = clock.GetUtcNow().UtcDateTime;
        var decision = new AwardDecision
        {
            RoundId = round.Id, IssuerUnitId = round.IssuerUnitId, Number = document.Number, DecidedOn = document.DecidedOn, SignerName = document.SignerName,
            SignerTitle = document.SignerTitle, CreatedAtUtc = now, CreatedBy = actor.UserName,
        };

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.AwardDecisions.Add(decision);
        round.Status = AwardRoundStatus.Decided;
        round.DecisionId = decision.Id;
        round.Version++;
        candidates.ForEach(c => c.Selected = selected.Contains(c.Id));
        await db.SaveChangesAsync(ct);
        await GrantWriter.WriteAsync(db, decision, round.Year, chosen.Where(GrantsHere).Select(c => (c, kinds[c.AwardRuleId])).ToList(), ct);
        await proposals.ProposeAsync(round, decision, chosen.Where(c => !GrantsHere(c)).ToList(), actor, ct);
        await engine.CompleteTaskAsync(task.Id, new Dictionary<string, TypedValue>
        {
            ["selectionAction"] = TypedValue.String("decide"),
            ["awardDecisionId"] = TypedValue.String(decision.Id.ToString()),
            ["awardDecisionNumber"] = TypedValue.String(decision.Number),
        }, actor.UserName, ct);
        await tx.CommitAsync(ct);
        return round;
    }

    /// <summary>Every kind and group whose selection exceeds its limit.</summary>
    public static IEnumerable<FieldError> LimitErrors(IReadOnlyCollection<AwardCandidate> candidates, IReadOnlyDictionary<Guid, AwardRule> kinds, IReadOnlySet<Guid> selected) =>
        candidates.GroupBy(c => (c.AwardRuleId, Individuals: c.SubjectType == SubjectType.Member))
            .Select(g =>
            {
                var kind = kinds[g.Key.AwardRuleId];
                var message = AwardLimits.Exceeded(kind.Name, g.Key.Individuals, g.Count(c => selected.Contains(c.Id)), kind.LimitCount, kind.LimitPercent, g.Count());
                return message is null ? null : new FieldError($"limit.{kind.Code}.{(g.Key.Individuals ? "individuals" : "collectives")}", message);
            })
            .OfType<FieldError>();

    private async Task<AwardRound> ReturnAsync(AwardRound round, Guid taskId, string? reason, Actor actor, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var text = TextRules.Collect(errors, reason, TextRules.ReasonLength, "reason", "Lý do trả lại", multiline: true, required: true);
        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Trả lại Ban Tổ chức cần nêu lý do.", errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        round.Status = AwardRoundStatus.Proposing;
        round.ReturnReason = text;
        round.Version++;
        await db.SaveChangesAsync(ct);
        await engine.CompleteTaskAsync(taskId, new Dictionary<string, TypedValue>
        {
            ["selectionAction"] = TypedValue.String("return"),
            ["selectionReason"] = TypedValue.String(text),
        }, actor.UserName, ct);
        await tx.CommitAsync(ct);
        return round;
    }
}
