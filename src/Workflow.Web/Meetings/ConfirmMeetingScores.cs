using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Meetings;

/// <summary>The committee above confirms submitted scores, one or many at once.</summary>
public sealed class ConfirmMeetingScores(AppDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Confirms submitted scores the caller may confirm, set-based (one guarded UPDATE per chunk); returns the ids that
    /// were not confirmed, with the reason, so a bulk confirmation says what happened to each.
    /// </summary>
    public async Task<(int Confirmed, IReadOnlyList<(Guid Id, string Reason)> Refused)> RunAsync(IReadOnlyCollection<Guid> ids, Actor actor, CancellationToken ct)
    {
        if (ids.Count is 0 or > 2000)
        {
            throw DomainException.Invalid("Chọn từ 1 đến 2.000 phiếu để xác nhận.", [new("ids", "Danh sách phiếu trống hoặc quá dài.")]);
        }

        var rows = await db.MeetingScores.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Status, s.ConfirmerUnitId }).ToListAsync(ct);
        var refused = new List<(Guid, string)>();
        refused.AddRange(ids.Except(rows.Select(r => r.Id)).Select(id => (id, "Không tìm thấy phiếu, hoặc phiếu ngoài phạm vi của bạn.")));
        var allowed = new List<Guid>();
        foreach (var row in rows)
        {
            if (!MeetingAccess.CanConfirm(actor, row.ConfirmerUnitId))
            {
                refused.Add((row.Id, "Chỉ cấp ủy cấp trên trực tiếp của chi bộ được xác nhận."));
            }
            else if (row.Status != MeetingScoreStatus.Submitted)
            {
                refused.Add((row.Id, row.Status == MeetingScoreStatus.Confirmed ? "Phiếu đã được xác nhận trước đó." : "Chi bộ chưa gửi phiếu chấm."));
            }
            else
            {
                allowed.Add(row.Id);
            }
        }

        var confirmed = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var chunk in allowed.Chunk(500))
        {
            confirmed += await db.MeetingScores.Where(s => chunk.Contains(s.Id) && s.Status == MeetingScoreStatus.Submitted)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, MeetingScoreStatus.Confirmed).SetProperty(s => s.ConfirmedBy, actor.UserName)
                    .SetProperty(s => s.ConfirmedAtUtc, now).SetProperty(s => s.Version, s => s.Version + 1), ct);
        }

        return (confirmed, refused);
    }
}
