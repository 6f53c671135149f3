using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>The upper standing committee's decision on a proposal: "decide" (the award decision and whom it grants) or "return" to its board.</summary>
public sealed record DecideProposalRequest(
    int Version, string? Action, string? Reason, string? Number, DateOnly? DecidedOn, string? SignerName, string? SignerTitle, List<Guid>? Selected);

/// <summary>
/// The province's standing committee decides a proposal from below: grants the kind to the selected lines (within the
/// kind's limit, counted over the proposal) in its own award decision, numbered by the province, whose certificates the
/// workflow's service task issues; or sends it back to its board to examine again.
/// </summary>
public sealed class DecideProposal(AppDbContext db, WorkflowEngine engine, TimeProvider clock)
{
    public async Task<AwardProposal> RunAsync(Guid proposalId, DecideProposalRequest request, Actor actor, CancellationToken ct)
    {
        var proposal = await ProposalStep.LoadAsync(db, proposalId, request.Version, ct);
        Message forbidden = $"Chỉ Ban Thường vụ {proposal.ToUnitName} được quyết định đề nghị này.";
        var task = await ProposalStep.TaskAsync(db, proposal, AwardWorkflow.UpperDecisionStep, actor, forbidden, ct);
        if (!actor.IsAdmin && !actor.Is(Roles.StandingCommittee, proposal.ToUnitId))
        {
            throw DomainException.Forbidden(forbidden);
        }

        var errors = new List<FieldError>();
        if (string.Equals(request.Action, "return", StringComparison.OrdinalIgnoreCase))
        {
            var reason = TextRules.Collect(errors, request.Reason, TextRules.ReasonLength, "reason", "Lý do", multiline: true, required: true);
            if (errors.Count > 0)
            {
                throw DomainException.Invalid("Trả Ban Tổ chức thẩm định lại cần nêu lý do.", errors);
            }

            await using var back = await db.Database.BeginTransactionAsync(ct);
            proposal.Status = AwardProposalStatus.Examining;
            proposal.ReturnReason = reason;
            proposal.Version++;
            await db.SaveChangesAsync(ct);
            await engine.CompleteTaskAsync(task.Id, new Dictionary<string, TypedValue>
            {
                ["decisionAction"] = TypedValue.String("return"),
                ["reviewReason"] = TypedValue.String(reason),
            }, actor.UserName, ct);
            await back.CommitAsync(ct);
            return proposal;
        }

        var document = DecisionDocument.Read(request.Number, request.DecidedOn, request.SignerName, request.SignerTitle, errors);
        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Chưa đủ thông tin của quyết định khen thưởng.", errors);
        }

        var lines = await AwardProposals.Lines(db, proposal).ToListAsync(ct);
        var kinds = await db.AwardRules.AsNoTracking().Where(k => lines.Select(l => l.AwardRuleId).Distinct().Contains(k.Id)).ToDictionaryAsync(k => k.Id, ct);
        var selected = (request.Selected ?? []).ToHashSet();
        var unknown = selected.Except(lines.Select(l => l.Id)).ToList();
        if (unknown.Count > 0)
        {
            throw DomainException.Invalid($"{unknown.Count} lựa chọn không thuộc đề nghị này.");
        }

        if (selected.Count == 0)
        {
            throw DomainException.Invalid("Chưa chọn ai; chọn ít nhất một đối tượng, hoặc trả Ban Tổ chức thẩm định lại.");
        }

        var limits = SelectAwards.LimitErrors(lines, kinds, selected).ToList();
        if (limits.Count > 0)
        {
            throw DomainException.Invalid($"{limits.Count} lựa chọn chưa hợp lệ.", limits);
        }

        if (await db.AwardDecisions.AnyAsync(d => d.IssuerUnitId == proposal.ToUnitId && d.Number == document.Number, ct))
        {
            throw DomainException.Invalid($"Số quyết định \"{document.Number}\" đã được dùng.", [new("number", "Số quyết định đã tồn tại.")]);
        }

        var decision = new AwardDecision
        {
            RoundId = proposal.Id, IssuerUnitId = proposal.ToUnitId, Number = document.Number, DecidedOn = document.DecidedOn, SignerName = document.SignerName,
            SignerTitle = document.SignerTitle, CreatedAtUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = actor.UserName,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.AwardDecisions.Add(decision);
        proposal.Status = AwardProposalStatus.Decided;
        proposal.AwardDecisionId = decision.Id;
        proposal.Version++;
        await db.SaveChangesAsync(ct);
        await GrantWriter.WriteAsync(db, decision, proposal.Year, lines.Where(l => selected.Contains(l.Id)).Select(l => (l, kinds[l.AwardRuleId])).ToList(), ct);
        await engine.CompleteTaskAsync(task.Id, new Dictionary<string, TypedValue>
        {
            ["decisionAction"] = TypedValue.String("decide"),
            ["awardDecisionId"] = TypedValue.String(decision.Id.ToString()),
            ["awardDecisionNumber"] = TypedValue.String(decision.Number),
        }, actor.UserName, ct);
        await tx.CommitAsync(ct);
        return proposal;
    }
}
