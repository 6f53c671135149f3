using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Meetings;

/// <summary>The committee above sends a submitted score back to the branch, with a reason.</summary>
public sealed class ReturnMeetingScore(AppDbContext db)
{
    /// <summary>The committee above sends a submitted score back to the branch with a reason.</summary>
    public async Task<MeetingScore> RunAsync(Guid scoreId, string? reason, Actor actor, CancellationToken ct)
    {
        var score = await db.MeetingScores.FirstOrDefaultAsync(s => s.Id == scoreId, ct) ?? throw DomainException.NotFound("phiếu chấm sinh hoạt chi bộ");
        if (!MeetingAccess.CanConfirm(actor, score.ConfirmerUnitId))
        {
            throw DomainException.Forbidden("Chỉ cấp ủy cấp trên trực tiếp của chi bộ được trả lại phiếu chấm.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
        {
            throw DomainException.Invalid("Trả lại cần nêu lý do (tối đa 1.000 ký tự).", [new("reason", "Chưa nêu lý do trả lại.")]);
        }

        if (score.Status != MeetingScoreStatus.Submitted)
        {
            throw DomainException.Conflict("Chỉ trả lại được phiếu đang chờ xác nhận.");
        }

        score.Status = MeetingScoreStatus.Returned;
        score.ReturnReason = reason.Trim();
        score.Version++;
        await db.SaveGuardedAsync(ct);
        return score;
    }
}
