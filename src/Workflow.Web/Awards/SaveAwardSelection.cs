using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Awards;

/// <summary>One candidate ticked or unticked by the standing committee.</summary>
public sealed record SelectionChange(Guid CandidateId, bool Selected);

/// <summary>
/// The standing committee's selection in progress, saved page by page before the decision (a long list does not fit one
/// screen): only proposed candidates can be ticked; the limits are checked when the decision is issued, and shown live.
/// </summary>
public sealed class SaveAwardSelection(AppDbContext db, AwardRoundSteps steps)
{
    public async Task<AwardRound> RunAsync(Guid roundId, int version, IReadOnlyList<SelectionChange>? changes, Actor actor, CancellationToken ct)
    {
        var round = await steps.LoadAsync(roundId, version, ct);
        await steps.TaskAsync(round, AwardWorkflow.SelectionStep, actor, $"Chỉ Ban Thường vụ {round.IssuerName} được xét chọn khen thưởng.", ct);
        var wanted = (changes ?? []).GroupBy(c => c.CandidateId).ToDictionary(g => g.Key, g => g.Last().Selected);
        var ids = wanted.Keys.ToList();
        var candidates = await db.AwardCandidates.IgnoreQueryFilters().Where(c => c.RoundId == roundId && ids.Contains(c.Id)).ToListAsync(ct);
        if (candidates.Count != ids.Count)
        {
            throw DomainException.Invalid($"{ids.Count - candidates.Count} lựa chọn không thuộc đợt khen thưởng này.");
        }

        var errors = candidates.Where(c => wanted[c.Id] && !c.Proposed)
            .Select(c => new FieldError($"selected.{c.Id}", $"{c.SubjectName}: chưa được Ban Tổ chức đề xuất.")).ToList();
        if (errors.Count > 0)
        {
            throw DomainException.Invalid($"{errors.Count} lựa chọn chưa hợp lệ.", errors);
        }

        candidates.ForEach(c => c.Selected = wanted[c.Id]);
        round.Version++;
        await db.SaveChangesAsync(ct);
        return round;
    }
}
