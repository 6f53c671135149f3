using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Localization;
using Workflow.Web.Mail;

namespace Workflow.Web.Reminders;

public sealed record EmailPreferenceRequest(EmailPreference? Preference);

/// <summary>The reminders endpoints.</summary>
public static class RemindersEndpoints
{
    public static void MapReminders(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var reminders = app.Services.GetRequiredService<ReminderOptions>();
            var mail = app.Services.GetRequiredService<MailOptions>();
            var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
            var vietnam = new RecurringJobOptions { TimeZone = VietnamTime.Zone };
            recurring.AddOrUpdate<MailSender>(RemindersFeature.SendJob, s => s.SendDueAsync(CancellationToken.None), mail.SendCron, vietnam);
            if (reminders.Enabled)
            {
                recurring.AddOrUpdate<ReminderScanner>(RemindersFeature.ScanJob, s => s.RunAsync(CancellationToken.None), reminders.ScanCron, vietnam);
                recurring.AddOrUpdate<ReminderDigest>(RemindersFeature.DigestJob, s => s.RunAsync(CancellationToken.None), reminders.DigestCron, vietnam);
                recurring.AddOrUpdate<QueueSummary>(RemindersFeature.QueueSummaryJob, s => s.RunAsync(CancellationToken.None), reminders.QueueSummaryCron, vietnam);
            }
            else
            {
                recurring.RemoveIfExists(RemindersFeature.ScanJob);
                recurring.RemoveIfExists(RemindersFeature.DigestJob);
                recurring.RemoveIfExists(RemindersFeature.QueueSummaryJob);
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
            var (items, total) = await OutboxAdmin.PageAsync(db, status, page ?? 1, 50, ct);
            return new { total, items = items.Select(m => new { m.Id, m.ToAddress, m.Subject, status = m.Status.ToString(), m.Attempts, m.CreatedAtUtc, m.SentAtUtc, m.NextAttemptAtUtc, m.LastError }) };
        });

        admin.MapPost("/outbox/{id:guid}/retry", async (AppDbContext db, IBackgroundJobClient jobs, TimeProvider clock, Guid id, CancellationToken ct) =>
        {
            var changed = await OutboxAdmin.RetryAsync(db, clock, m => m.Id == id, ct);
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

}
