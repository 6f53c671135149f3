using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Localization;

namespace Workflow.Web.Meetings;

public sealed record OpenMeetingPeriodRequest(int? Year, int? Month, int? Months);

public sealed record ConfirmMeetingScoresRequest(List<Guid>? Ids);

public sealed record ReturnMeetingScoreRequest(string? Reason);

/// <summary>The meetings endpoints.</summary>
public static class MeetingsEndpoints
{
    public static void MapMeetings(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var options = app.Services.GetRequiredService<MeetingOptions>();
            var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
            if (options.Enabled)
            {
                recurring.AddOrUpdate<MeetingPeriodJob>(MeetingsFeature.OpenJob, job => job.RunAsync(CancellationToken.None), options.OpenCron,
                    new RecurringJobOptions { TimeZone = VietnamTime.Zone });
            }
            else
            {
                recurring.RemoveIfExists(MeetingsFeature.OpenJob);
            }
        });

        var api = app.MapGroup("/api/meetings").RequireAuthorization().AddEndpointFilter(ApiAntiforgery.RequireForChanges).WithTags("Sinh hoạt chi bộ");

        api.MapGet("/periods", async (AppDbContext db, CancellationToken ct) =>
            (await db.MeetingPeriods.AsNoTracking().OrderByDescending(p => p.Year).ThenByDescending(p => p.Month).Take(60).ToListAsync(ct))
                .Select(p => new { p.Id, p.Year, p.Month, p.Months, label = p.Label, p.BranchCount, p.DueUtc, p.SheetVersion }));

        api.MapPost("/periods", async (OpenMeetingPeriod open, HttpContext http, OpenMeetingPeriodRequest body, CancellationToken ct) =>
        {
            var actor = Actor.From(http.User);
            if (!actor.IsAdmin)
            {
                throw DomainException.Forbidden("Chỉ quản trị viên được mở kỳ đánh giá sinh hoạt chi bộ (kỳ mới được mở tự động theo lịch).");
            }

            var period = await open.RunAsync(body.Year ?? 0, body.Month ?? 0, body.Months ?? 1, actor.UserName, ct);
            return Results.Ok(new { period.Id, label = period.Label, period.BranchCount });
        });

        api.MapGet("/periods/{id:guid}/scores", async (AppDbContext db, Guid id, MeetingScoreStatus? status, Guid? after, int? take, CancellationToken ct) =>
        {
            var query = db.MeetingScores.AsNoTracking().Where(s => s.PeriodId == id);
            query = status is { } s ? query.Where(x => x.Status == s) : query;
            var total = await query.CountAsync(ct);
            var page = await query.Where(s => after == null || s.Id.CompareTo(after.Value) > 0).OrderBy(s => s.Id).Take(Math.Clamp(take ?? 100, 1, 500)).ToListAsync(ct);
            return new
            {
                total,
                items = page.Select(s => new { s.Id, s.UnitId, s.UnitName, s.Total, level = s.Level?.ToString(), status = s.Status.ToString(), s.ReturnReason, s.Version }),
                next = page.Count > 0 && page.Count == Math.Clamp(take ?? 100, 1, 500) ? page[^1].Id : (Guid?)null,
            };
        });

        api.MapPut("/scores/{id:guid}", async (ScoreMeeting score, HttpContext http, Guid id, SaveMeetingScore body, CancellationToken ct) =>
        {
            var saved = await score.RunAsync(id, body, Actor.From(http.User), ct);
            return new { saved.Id, saved.Total, level = saved.Level?.ToString(), status = saved.Status.ToString(), saved.Version };
        });

        api.MapPost("/scores/{id:guid}/return", async (ReturnMeetingScore back, HttpContext http, Guid id, ReturnMeetingScoreRequest body, CancellationToken ct) =>
        {
            var returned = await back.RunAsync(id, body.Reason, Actor.From(http.User), ct);
            return new { returned.Id, status = returned.Status.ToString(), returned.Version };
        });

        api.MapPost("/confirm", async (ConfirmMeetingScores confirm, HttpContext http, ConfirmMeetingScoresRequest body, CancellationToken ct) =>
        {
            var (confirmed, refused) = await confirm.RunAsync(body.Ids ?? [], Actor.From(http.User), ct);
            return new { confirmed, refused = refused.Select(r => new { id = r.Id, reason = r.Reason }) };
        });

        api.MapGet("/statistics", async (MeetingStatisticsReport report, int year, int? quarter, CancellationToken ct) =>
        {
            if (quarter is < 1 or > 4)
            {
                throw DomainException.Invalid("Quý phải từ 1 đến 4.", [new("quarter", "Quý phải từ 1 đến 4.")]);
            }

            var s = await report.RunAsync(year, quarter, ct);
            return new
            {
                s.Year, s.Quarter, s.Total, s.Pending, sentence = s.Sentence(),
                levels = s.Levels.Select(l => new { level = l.Level.ToString(), name = MeetingText.Name(l.Level), l.Count, l.Percent }),
            };
        });

        api.MapGet("/sheet", async (MeetingSheets sheets, CancellationToken ct) =>
        {
            var version = await sheets.LatestSheetVersionAsync(ct);
            return new { version, sheet = await sheets.SheetAsync(version, ct) };
        });

        api.MapPost("/sheet", async (MeetingSheets sheets, HttpContext http, MeetingSheetDefinition? body, CancellationToken ct) =>
            new { version = await sheets.SaveSheetAsync(body, Actor.From(http.User), ct) });
    }
}
