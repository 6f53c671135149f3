using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Jobs;
using Workflow.Web.Localization;
using Workflow.Web.Mail;
using Workflow.Web.Ratings;
using Workflow.Web.Reminders;

namespace Workflow.Web.Setup;

public sealed record EmailPreferenceRequest(EmailPreference? Preference);

/// <summary>
/// Mail and reminders: the outbox and its SMTP sender, the recurring reminder scan and the daily digest (Hangfire
/// recurring jobs, registered again at every start because the embedded storage is in memory, plus one catch-up scan
/// at start for what fell due while the host was down), and the endpoints users and admins need.
/// </summary>
public static class RemindersSetup
{
    public const string ScanJob = "reminder-scan";
    public const string DigestJob = "reminder-digest";
    public const string SendJob = "mail-send";

    public static void AddReminders(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new());
        builder.Services.AddSingleton(builder.Configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>() ?? new());
        builder.Services.AddScoped<MailSender>();
        builder.Services.AddScoped<ReminderScanner>();
        builder.Services.AddScoped<ReminderDigest>();
        builder.Services.AddScoped<IPendingWorkSource, ReminderRecovery>();
    }

    public static void MapReminders(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var reminders = app.Services.GetRequiredService<ReminderOptions>();
            var mail = app.Services.GetRequiredService<MailOptions>();
            var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
            var vietnam = new RecurringJobOptions { TimeZone = VietnamTime.Zone };
            recurring.AddOrUpdate<MailSender>(SendJob, s => s.SendDueAsync(CancellationToken.None), mail.SendCron, vietnam);
            if (reminders.Enabled)
            {
                recurring.AddOrUpdate<ReminderScanner>(ScanJob, s => s.RunAsync(CancellationToken.None), reminders.ScanCron, vietnam);
                recurring.AddOrUpdate<ReminderDigest>(DigestJob, s => s.RunAsync(CancellationToken.None), reminders.DigestCron, vietnam);
            }
            else
            {
                recurring.RemoveIfExists(ScanJob);
                recurring.RemoveIfExists(DigestJob);
            }
        });

        var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter(ApiAntiforgery.RequireForChanges).WithTags("Nhắc việc, thư");

        api.MapGet("/me/email-preference", async (AppDbContext db, HttpContext http, CancellationToken ct) =>
            new { preference = (await db.Users.AsNoTracking().Where(u => u.UserName == http.User.Identity!.Name).Select(u => u.ReminderEmail).FirstAsync(ct)).ToString() });

        api.MapPut("/me/email-preference", async (AppDbContext db, HttpContext http, EmailPreferenceRequest body, CancellationToken ct) =>
        {
            if (body.Preference is not { } preference || !Enum.IsDefined(preference))
            {
                throw DomainException.Invalid("Chọn một cách nhận thư: Immediate (từng thư), DigestOnly (tổng hợp hằng ngày) hoặc Off (không nhận).");
            }

            await db.Users.Where(u => u.UserName == http.User.Identity!.Name).ExecuteUpdateAsync(s => s.SetProperty(u => u.ReminderEmail, preference), ct);
            return Results.NoContent();
        });

        var admin = api.MapGroup("/admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));

        admin.MapGet("/outbox", async (AppDbContext db, OutboxStatus? status, int? page, CancellationToken ct) =>
        {
            var (items, total) = await OutboxPageAsync(db, status, page ?? 1, 50, ct);
            return new { total, items = items.Select(m => new { m.Id, m.ToAddress, m.Subject, status = m.Status.ToString(), m.Attempts, m.CreatedAtUtc, m.SentAtUtc, m.NextAttemptAtUtc, m.LastError }) };
        });

        admin.MapPost("/outbox/{id:guid}/retry", async (AppDbContext db, IBackgroundJobClient jobs, TimeProvider clock, Guid id, CancellationToken ct) =>
        {
            var changed = await RetryAsync(db, clock, m => m.Id == id, ct);
            if (changed == 0)
            {
                throw DomainException.NotFound("thư đang chờ gửi lại");
            }

            jobs.Enqueue<MailSender>(s => s.SendDueAsync(CancellationToken.None));
            return Results.NoContent();
        });

        admin.MapPost("/reminders/scan", async (ReminderScanner scanner, TimeProvider clock, CancellationToken ct) =>
        {
            var result = await scanner.ScanAsync(clock.GetUtcNow().UtcDateTime, ct);
            return new { result.Found, result.Due, result.Reminders, result.Notifications, result.Emails };
        });
    }

    public static async Task<(List<OutboxMessage> Items, int Total)> OutboxPageAsync(AppDbContext db, OutboxStatus? status, int page, int size, CancellationToken ct)
    {
        var query = db.OutboxMessages.AsNoTracking();
        query = status is { } s ? query.Where(m => m.Status == s) : query;
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.Id).Skip((Math.Max(1, page) - 1) * size).Take(size).ToListAsync(ct);
        return (items, total);
    }

    /// <summary>Failed (or pending) messages matching <paramref name="which"/> get a fresh set of attempts, due now.</summary>
    public static Task<int> RetryAsync(AppDbContext db, TimeProvider clock, System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> which, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.OutboxMessages.Where(which).Where(m => m.Status != OutboxStatus.Sent).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.Attempts, 0).SetProperty(m => m.NextAttemptAtUtc, now)
            .SetProperty(m => m.LockedBy, (Guid?)null).SetProperty(m => m.LockedUntilUtc, (DateTime?)null), ct);
    }
}

/// <summary>
/// After a restart: one scan now for what fell due while the host was down (today's rules; the unique keys keep it
/// from repeating anything) and one send of whatever waits in the outbox.
/// </summary>
public sealed class ReminderRecovery(IBackgroundJobClient jobs, ReminderOptions options) : IPendingWorkSource
{
    public string Name => "reminders and mail";

    public Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        if (options.Enabled)
        {
            jobs.Enqueue<ReminderScanner>(s => s.RunAsync(CancellationToken.None));
        }

        jobs.Enqueue<MailSender>(s => s.SendDueAsync(CancellationToken.None));
        return Task.FromResult(1);
    }
}
