using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Meetings;

/// <summary>What the branch's secretary sends: a point per criterion of the period's sheet, a note, and the version seen.</summary>
public sealed record SaveMeetingScore(Dictionary<string, int?>? Points, string? Note, int? Version);

/// <summary>
/// The branch's secretary scores the period's meetings on the period's sheet (every criterion, 0 to its maximum); the
/// level follows from the total. A confirmed score no longer changes.
/// </summary>
public sealed class ScoreMeeting(AppDbContext db, TimeProvider clock, MeetingSheets sheets)
{
    /// <summary>The branch's secretary scores the period's meetings on the sheet; all points are required, each from 0 to its maximum.</summary>
    public async Task<MeetingScore> RunAsync(Guid scoreId, SaveMeetingScore request, Actor actor, CancellationToken ct)
    {
        var score = await db.MeetingScores.FirstOrDefaultAsync(s => s.Id == scoreId, ct) ?? throw DomainException.NotFound("phiếu chấm sinh hoạt chi bộ");
        if (!actor.IsAdmin && !MeetingAccess.IsSecretaryOf(actor, score.UnitId))
        {
            throw DomainException.Forbidden("Chỉ bí thư của chi bộ được chấm điểm sinh hoạt của chi bộ mình.");
        }

        if (score.Status == MeetingScoreStatus.Confirmed)
        {
            throw DomainException.Conflict("Kết quả đã được cấp ủy cấp trên xác nhận, không sửa được nữa.");
        }

        if (request.Version is { } version && version != score.Version)
        {
            throw DomainException.Stale();
        }

        var period = await db.MeetingPeriods.AsNoTracking().FirstAsync(p => p.Id == score.PeriodId, ct);
        var sheet = await sheets.SheetAsync(period.SheetVersion, ct);
        var given = sheet.Check(request.Points ?? [], request.Note);
        score.Points = JsonSerializer.Serialize(given);
        score.Total = given.Values.Sum();
        score.Level = sheet.LevelOf(score.Total.Value);
        score.Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        score.Status = MeetingScoreStatus.Submitted;
        score.ReturnReason = null;
        score.SubmittedBy = actor.UserName;
        score.SubmittedAtUtc = clock.GetUtcNow().UtcDateTime;
        score.Version++;
        await db.SaveGuardedAsync(ct);
        return score;
    }
}
