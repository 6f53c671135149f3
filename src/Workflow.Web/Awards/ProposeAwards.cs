using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;

namespace Workflow.Web.Awards;

/// <summary>The board's choice for one candidate: proposed or not, with a reason where it deviates from what the product computed.</summary>
public sealed record ProposalChoice(Guid CandidateId, bool Proposed, string? Reason);

/// <summary>The board's proposal: its choices (only the changed ones need be sent) and whether to send it to the standing committee.</summary>
public sealed record ProposeAwardsRequest(int Version, List<ProposalChoice>? Choices, bool Submit);

/// <summary>
/// The organization board proposes: every computed candidate is proposed unless the board leaves it out with a reason;
/// a nomination is proposed when the board takes it up. Saving keeps the draft; submitting completes the board's step of
/// workflows/award-round.bpmn and the standing committee selects next.
/// </summary>
public sealed class ProposeAwards(AppDbContext db, WorkflowEngine engine, AwardRoundSteps steps)
{
    public async Task<AwardRound> RunAsync(Guid roundId, ProposeAwardsRequest request, Actor actor, CancellationToken ct)
    {
        var round = await steps.LoadAsync(roundId, request.Version, ct);
        var task = await steps.TaskAsync(round, AwardWorkflow.ProposalStep, actor, $"Chỉ Ban Tổ chức của {round.IssuerName} được đề xuất khen thưởng.", ct);
        // Only the rows sent (a page of a long list), not the whole round.
        var ids = (request.Choices ?? []).Select(c => c.CandidateId).Distinct().ToList();
        var candidates = await db.AwardCandidates.Where(c => c.RoundId == roundId && ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var errors = new List<FieldError>();
        foreach (var choice in request.Choices ?? [])
        {
            if (!candidates.TryGetValue(choice.CandidateId, out var candidate))
            {
                errors.Add(new($"choices.{choice.CandidateId}", "Không có trong danh sách của đợt khen thưởng."));
                continue;
            }

            var reason = TextRules.Collect(errors, choice.Reason, TextRules.ReasonLength, $"choices.{choice.CandidateId}", $"{candidate.SubjectName}: lý do", multiline: true);
            if (candidate.Source == CandidateSource.Computed && !choice.Proposed && reason is null)
            {
                errors.Add(new($"choices.{choice.CandidateId}", $"{candidate.SubjectName}: đủ điều kiện theo hồ sơ thành tích; không đề xuất thì phải nêu lý do.", Missing: true));
            }

            candidate.Proposed = choice.Proposed;
            candidate.ProposalReason = reason;
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid($"{errors.Count} lựa chọn chưa hợp lệ.", errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        round.Version++;
        await db.SaveChangesAsync(ct);
        if (request.Submit)
        {
            if (!await db.AwardCandidates.IgnoreQueryFilters().AnyAsync(c => c.RoundId == roundId && c.Proposed, ct))
            {
                throw DomainException.Invalid("Chưa đề xuất ai; chọn ít nhất một tập thể hoặc cá nhân trước khi gửi Ban Thường vụ.");
            }

            round.Status = AwardRoundStatus.Selecting;
            round.ReturnReason = null;
            await db.SaveChangesAsync(ct);
            await engine.CompleteTaskAsync(task.Id, new Dictionary<string, TypedValue>
            {
                ["proposalAction"] = TypedValue.String("submit"),
            }, actor.UserName, ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return round;
    }
}
