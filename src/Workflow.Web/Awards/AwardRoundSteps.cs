using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.Awards;

/// <summary>Loads an award round for a command: the version the actor saw, its open task at a step, and who may act.</summary>
public sealed class AwardRoundSteps(AppDbContext db)
{
    /// <summary>The round (tracked) at the version the actor saw; 404 when the actor may not read it.</summary>
    public async Task<AwardRound> LoadAsync(Guid roundId, int version, CancellationToken ct)
    {
        var round = await db.AwardRounds.FirstOrDefaultAsync(r => r.Id == roundId, ct) ?? throw DomainException.NotFound("đợt khen thưởng");
        if (round.Version != version)
        {
            throw DomainException.Conflict("Đợt khen thưởng vừa được người khác cập nhật. Tải lại trang để xem tình trạng mới rồi thao tác lại.");
        }

        return round;
    }

    /// <summary>The round's open task at <paramref name="step"/>; 409 when the round is not there, 403 with <paramref name="forbidden"/>.</summary>
    public async Task<WfTask> TaskAsync(AwardRound round, string step, Actor actor, Message forbidden, CancellationToken ct)
    {
        var task = await db.WfTasks.AsNoTracking().FirstOrDefaultAsync(t => t.InstanceId == round.InstanceId && t.ElementId == step, ct)
            ?? throw DomainException.Conflict("Đợt khen thưởng không ở bước này (có thể vừa được người khác xử lý). Tải lại trang để xem tình trạng mới.");
        if (!TaskAccess.CanAct(task, actor))
        {
            throw DomainException.Forbidden(forbidden);
        }

        return task;
    }
}
