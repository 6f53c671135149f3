using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Jobs;
using Workflow.Web.Localization;
using Workflow.Web.Meetings;
using Workflow.Web.Ratings;

namespace Workflow.Web.Setup;

public sealed record OpenMeetingPeriodRequest(int? Year, int? Month, int? Months);

public sealed record ConfirmMeetingScoresRequest(List<Guid>? Ids);

public sealed record ReturnMeetingScoreRequest(string? Reason);

/// <summary>
/// Branch-meeting quality (sinh hoạt chi bộ): a Hangfire recurring job opens each period on schedule (docs/adr/0008),
/// with a catch-up at start; pages under /Meetings and the JSON API under /api/meetings.
/// </summary>
public static class MeetingsSetup
{
    public const string OpenJob = "meeting-period-open";

    public static void AddMeetings(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(MeetingOptions.Section).Get<MeetingOptions>() ?? new());
        builder.Services.AddScoped<MeetingService>();
        builder.Services.AddScoped<MeetingPeriodJob>();
        builder.Services.AddScoped<IPendingWorkSource, MeetingPeriodRecovery>();
    }

    public static void MapMeetings(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var options = app.Services.GetRequiredService<MeetingOptions>();
            var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
            if (options.Enabled)
            {
                recurring.AddOrUpdate<MeetingPeriodJob>(OpenJob, job => job.RunAsync(CancellationToken.None), options.OpenCron,
                    new RecurringJobOptions { TimeZone = VietnamTime.Zone });
            }
            else
            {
                recurring.RemoveIfExists(OpenJob);
            }
        });

        var api = app.MapGroup("/api/meetings").RequireAuthorization().AddEndpointFilter(ApiAntiforgery.RequireForChanges).WithTags("Sinh hoạt chi bộ");

        api.MapGet("/periods", async (AppDbContext db, CancellationToken ct) =>
            (await db.MeetingPeriods.AsNoTracking().OrderByDescending(p => p.Year).ThenByDescending(p => p.Month).Take(60).ToListAsync(ct))
                .Select(p => new { p.Id, p.Year, p.Month, p.Months, label = p.Label, p.BranchCount, p.DueUtc, p.SheetVersion }));

        api.MapPost("/periods", async (MeetingService meetings, HttpContext http, OpenMeetingPeriodRequest body, CancellationToken ct) =>
        {
            var actor = Actor.From(http.User);
            if (!actor.IsAdmin)
            {
                throw DomainException.Forbidden("Chỉ quản trị viên được mở kỳ đánh giá sinh hoạt chi bộ (kỳ mới được mở tự động theo lịch).");
            }

            var period = await meetings.OpenAsync(body.Year ?? 0, body.Month ?? 0, body.Months ?? 1, actor.UserName, ct);
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

        api.MapPut("/scores/{id:guid}", async (MeetingService meetings, HttpContext http, Guid id, SaveMeetingScore body, CancellationToken ct) =>
        {
            var score = await meetings.SaveAsync(id, body, Actor.From(http.User), ct);
            return new { score.Id, score.Total, level = score.Level?.ToString(), status = score.Status.ToString(), score.Version };
        });

        api.MapPost("/scores/{id:guid}/return", async (MeetingService meetings, HttpContext http, Guid id, ReturnMeetingScoreRequest body, CancellationToken ct) =>
        {
            var score = await meetings.ReturnAsync(id, body.Reason, Actor.From(http.User), ct);
            return new { score.Id, status = score.Status.ToString(), score.Version };
        });

        api.MapPost("/confirm", async (MeetingService meetings, HttpContext http, ConfirmMeetingScoresRequest body, CancellationToken ct) =>
        {
            var (confirmed, refused) = await meetings.ConfirmAsync(body.Ids ?? [], Actor.From(http.User), ct);
            return new { confirmed, refused = refused.Select(r => new { id = r.Id, reason = r.Reason }) };
        });

        api.MapGet("/statistics", async (MeetingService meetings, int year, int? quarter, CancellationToken ct) =>
        {
            if (quarter is < 1 or > 4)
            {
                throw DomainException.Invalid("Quý phải từ 1 đến 4.", [new("quarter", "Quý phải từ 1 đến 4.")]);
            }

            var s = await meetings.StatisticsAsync(year, quarter, ct);
            return new
            {
                s.Year, s.Quarter, s.Total, s.Pending, sentence = s.Sentence,
                levels = s.Levels.Select(l => new { level = l.Level.ToString(), name = MeetingText.Name(l.Level), l.Count, l.Percent }),
            };
        });

        api.MapGet("/sheet", async (MeetingService meetings, CancellationToken ct) =>
        {
            var version = await meetings.LatestSheetVersionAsync(ct);
            return new { version, sheet = await meetings.SheetAsync(version, ct) };
        });

        api.MapPost("/sheet", async (MeetingService meetings, HttpContext http, MeetingSheetDefinition? body, CancellationToken ct) =>
            new { version = await meetings.SaveSheetAsync(body, Actor.From(http.User), ct) });
    }
}

/// <summary>The recurring job: opens the current period (a month, or a quarter) if it is not open yet. Safe to run twice.</summary>
public sealed class MeetingPeriodJob(MeetingService meetings, MeetingOptions options, TimeProvider clock, ILogger<MeetingPeriodJob> log)
{
    [DisableConcurrentExecution(600)]
    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.Enabled)
        {
            return;
        }

        var (year, month, months) = meetings.PeriodOf(DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime)));
        var period = await meetings.OpenAsync(year, month, months, RequestContext.SystemActor, ct);
        log.LogInformation("Meeting period {Label} open for {Count} branches", period.Label, period.BranchCount);
    }
}

/// <summary>After a restart (the embedded Hangfire storage is in memory): open the current period if the schedule's run was missed.</summary>
public sealed class MeetingPeriodRecovery(IBackgroundJobClient jobs, MeetingOptions options) : IPendingWorkSource
{
    public string Name => "branch-meeting period";

    public Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return Task.FromResult(0);
        }

        jobs.Enqueue<MeetingPeriodJob>(job => job.RunAsync(CancellationToken.None));
        return Task.FromResult(1);
    }
}
