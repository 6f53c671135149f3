using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Web.Identity;
using Workflow.Web.Localization;
using Workflow.Web.Mail;
using Workflow.Web.Notifications;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;
using Workflow.Web.Reminders;
using Workflow.Web.Tests.Ratings;

namespace Workflow.Web.Tests.Reminders;

/// <summary>A host whose mail goes to a real SMTP server (maildev on 127.0.0.1), restartable on the same port.</summary>
public abstract class MailHost(DatabaseKind kind) : AppHost(kind)
{
    public MailDev Mail { get; private set; } = null!;

    public int SmtpPort { get; } = MailDev.FreePort();

    protected override async Task<AppFactory> ConfigureAsync(AppFactory factory)
    {
        Mail = await MailDev.StartAsync(SmtpPort);
        return factory.WithSetting("Mail:Host", "127.0.0.1").WithSetting("Mail:Port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting("Mail:Security", "None").WithSetting("Mail:TimeoutSeconds", "5").WithSetting("Reminders:SummaryThreshold", "2")
            .WithSetting("Reminders:BatchSize", "2");
    }

    /// <summary>Stops the SMTP server (a failing server) or starts it again on the same port.</summary>
    public async Task SmtpDownAsync() => await Mail.DisposeAsync();

    public async Task SmtpUpAsync() => Mail = await MailDev.StartAsync(SmtpPort);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

public sealed class SqliteMailHost() : MailHost(DatabaseKind.Sqlite);

public sealed class PostgresMailHost() : MailHost(DatabaseKind.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteMailCollection : ICollectionFixture<SqliteMailHost>
{
    public const string Name = "sqlite-mail";
}

[CollectionDefinition(Name)]
public sealed class PostgresMailCollection : ICollectionFixture<PostgresMailHost>
{
    public const string Name = "postgres-mail";
}

/// <summary>Deadline reminders: the policy's rules, escalation, never twice, digests, and mail through a real SMTP server.</summary>
public abstract class ReminderTests(MailHost host)
{
    private static DateTime Local(int year, int month, int day, int hour = 9) => VietnamTime.ToUtc(new DateTime(year, month, day, hour, 0, 0));

    /// <summary>A round of <paramref name="branches"/> grassroots organizations with one secretary each (with an email) and a board above.</summary>
    private async Task<(RatingScenario Scenario, Guid RoundId, List<Guid> Tasks, List<string> Secretaries, string Board)> RoundAsync(int year, int branches)
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(branches);
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        var secretaries = new List<string>();
        for (var i = 0; i < branches; i++)
        {
            using var session = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[i], $"sec{i}");
            secretaries.Add(session.UserName);
        }

        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId, "board");
        var roundId = await scenario.OpenRoundAsync(standing, year, "366-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var tasks = await host.Factory.InScopeAsync(async (_, db) =>
        {
            foreach (var user in secretaries.Append(board.UserName))
            {
                await db.Users.Where(u => u.UserName == user).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, user + "@test.invalid"));
            }

            // One self-assessment task per branch, in the order of the branches.
            var rows = await (from t in db.WfTasks join f in db.Files.IgnoreQueryFilters() on t.InstanceId equals f.InstanceId
                              where f.RoundId == roundId select new { t.Id, f.SubjectUnitId }).ToListAsync();
            return scenario.Grassroots.Select(g => rows.Single(r => r.SubjectUnitId == g).Id).ToList();
        });
        return (scenario, roundId, tasks, secretaries, board.UserName);
    }

    private Task<int> SetDueAsync(Guid task, DateTime dueUtc) =>
        host.Factory.InScopeAsync((_, db) => db.WfTasks.Where(t => t.Id == task).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAtUtc, dueUtc)));

    private Task<ScanResult> ScanAsync(DateTime nowUtc) =>
        host.Factory.InScopeAsync((sp, _) => sp.GetRequiredService<ReminderScanner>().ScanAsync(nowUtc, CancellationToken.None));

    private Task<int> SendAsync() => host.Factory.InScopeAsync((sp, _) => sp.GetRequiredService<MailSender>().SendDueAsync(CancellationToken.None));

    private Task<List<(Guid TaskId, string Rule, string UserName, ReminderEmail Email)>> RemindersAsync(IEnumerable<Guid> tasks)
    {
        var ids = tasks.ToList();
        return host.Factory.InScopeAsync(async (_, db) => (await db.Reminders.AsNoTracking().Where(r => ids.Contains(r.TaskId)).ToListAsync())
            .Select(r => (r.TaskId, r.Rule, r.UserName, r.Email)).OrderBy(r => r.TaskId).ThenBy(r => r.Rule, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// The mail <paramref name="user"/> received: once the SMTP server shows every message the outbox marked sent to
    /// them (and at least <paramref name="atLeast"/>), so an extra message, had one been sent, is counted too.
    /// </summary>
    private async Task<List<ReceivedMail>> MailToAsync(string user, int atLeast = 0)
    {
        var address = user + "@test.invalid";
        var sent = await host.Factory.InScopeAsync((_, db) => db.OutboxMessages.CountAsync(m => m.ToAddress == address && m.Status == OutboxStatus.Sent));
        return await Eventually.ValueAsync(async () => (await host.Mail.EmailsAsync()).Where(m => m.To == address).ToList(),
            mine => mine.Count >= Math.Max(sent, atLeast));
    }

    [Fact]
    public async Task The_scan_applies_the_policy_escalates_once_never_repeats_and_mails_through_smtp()
    {
        var (_, roundId, tasks, secretaries, board) = await RoundAsync(2031, 3);
        // Today is 10/12/2031 (Vietnam). Branch 1 is due in 3 days, branch 2 today, branch 3 was due 3 days ago.
        await SetDueAsync(tasks[0], Local(2031, 12, 13, 17));
        await SetDueAsync(tasks[1], Local(2031, 12, 10, 17));
        await SetDueAsync(tasks[2], Local(2031, 12, 7, 17));
        await host.Factory.InScopeAsync((_, db) => db.Users.Where(u => u.UserName == secretaries[2])
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.ReminderEmail, EmailPreference.DigestOnly)));
        var today = Local(2031, 12, 10);

        // Two scans at once (two nodes, or a retry overlapping the schedule) give each reminder once.
        var scans = await Task.WhenAll(ScanAsync(today), ScanAsync(today));
        Assert.True(scans.Sum(s => s.Reminders) >= 4);
        var given = await RemindersAsync(tasks);
        Assert.Equal(
            new[]
            {
                (tasks[0], "before-3", secretaries[0], ReminderEmail.Queued), (tasks[1], "due", secretaries[1], ReminderEmail.Queued),
                (tasks[2], "escalate", board, ReminderEmail.Queued), (tasks[2], "overdue-3", secretaries[2], ReminderEmail.DigestPending),
            }.OrderBy(r => r.Item1).ThenBy(r => r.Item2, StringComparer.Ordinal),
            given);
        // A later scan the same day adds nothing.
        await ScanAsync(today.AddHours(3));
        Assert.Equal(given, await RemindersAsync(tasks));

        // In the bell: the secretary's reminder links to the task; the board's escalation to the file.
        var notes = await host.Factory.InScopeAsync((_, db) => db.Notifications.AsNoTracking()
            .Where(n => n.Kind == NotificationKind.Reminder && (n.UserName == secretaries[0] || n.UserName == board)).ToListAsync());
        var mine = Assert.Single(notes, n => n.UserName == secretaries[0]);
        Assert.Contains("Nhắc việc: \"Tự đánh giá, xếp loại\"", mine.Text, StringComparison.Ordinal);
        Assert.Contains("còn 3 ngày", mine.Text, StringComparison.Ordinal);
        Assert.EndsWith($"#t-{tasks[0]}", mine.Link, StringComparison.Ordinal);
        var up = Assert.Single(notes, n => n.UserName == board);
        Assert.Contains("Cấp dưới quá hạn", up.Text, StringComparison.Ordinal);
        Assert.Contains("đã quá hạn 3 ngày", up.Text, StringComparison.Ordinal);
        Assert.StartsWith("/Files/", up.Link, StringComparison.Ordinal);

        // Mail: exactly one message each through the SMTP server (however many senders ran); none yet for the digest reader.
        await Task.WhenAll(SendAsync(), SendAsync());
        var first = Assert.Single(await MailToAsync(secretaries[0], 1));
        Assert.StartsWith("[Nhắc việc] Tự đánh giá, xếp loại – ", first.Subject, StringComparison.Ordinal);
        Assert.Contains("còn 3 ngày", first.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"http", first.Html, StringComparison.Ordinal);
        Assert.StartsWith("[Nhắc việc]", Assert.Single(await MailToAsync(secretaries[1], 1)).Subject, StringComparison.Ordinal);
        Assert.StartsWith("[Cấp dưới quá hạn]", Assert.Single(await MailToAsync(board, 1)).Subject, StringComparison.Ordinal);
        Assert.Empty(await MailToAsync(secretaries[2]));

        // The daily digest: one message for the reader who chose it; a second run writes nothing.
        var digests = await host.Factory.InScopeAsync((sp, _) => sp.GetRequiredService<ReminderDigest>().SendAsync(today, CancellationToken.None));
        Assert.True(digests >= 1);
        Assert.Equal(0, await host.Factory.InScopeAsync((sp, _) => sp.GetRequiredService<ReminderDigest>().SendAsync(today, CancellationToken.None)));
        await SendAsync();
        var digest = Assert.Single(await MailToAsync(secretaries[2], 1));
        Assert.StartsWith("Tổng hợp việc cần làm ngày 10/12/2031", digest.Subject, StringComparison.Ordinal);
        Assert.Contains("đã quá hạn 3 ngày", digest.Text, StringComparison.Ordinal);

        // The next day, with the round's own policy (2 days before, no escalation): branch 1 gets "before-2", branch 2
        // its first overdue reminder, branch 3 its daily overdue reminder and no second escalation.
        await host.Factory.InScopeAsync((_, db) => db.Rounds.IgnoreQueryFilters().Where(r => r.Id == roundId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReminderBeforeDays, "2").SetProperty(r => r.ReminderEscalateAfterDays, 0)));
        await ScanAsync(today.AddDays(1));
        var next = (await RemindersAsync(tasks)).Select(r => (r.TaskId, r.Rule, r.UserName))
            .Except(given.Select(r => (r.TaskId, r.Rule, r.UserName))).ToList();
        Assert.Equal(
            new[] { (tasks[0], "before-2", secretaries[0]), (tasks[1], "overdue-1", secretaries[1]), (tasks[2], "overdue-4", secretaries[2]) }
                .OrderBy(r => r.Item1).ThenBy(r => r.Item2, StringComparer.Ordinal),
            next);
    }

    [Fact]
    public async Task Many_reminders_for_one_person_become_one_summary_in_the_bell_and_by_mail()
    {
        var (_, _, tasks, _, board) = await RoundAsync(2032, 3);
        foreach (var task in tasks)
        {
            await SetDueAsync(task, Local(2032, 12, 5, 17));
        }

        // 5 days overdue: three escalations reach the board at once (the test host's summary threshold is 2, and its batches
        // of 2 reminders are smaller than the board's share: a person's reminders stay together in one batch all the same).
        await ScanAsync(Local(2032, 12, 10));
        Assert.Equal(3, (await RemindersAsync(tasks)).Count(r => r.UserName == board && r.Rule == "escalate"));
        var notes = await host.Factory.InScopeAsync((_, db) => db.Notifications.AsNoTracking().Where(n => n.UserName == board).ToListAsync());
        var summary = Assert.Single(notes);
        Assert.Contains("Bạn có 3 việc cần nhắc hôm nay", summary.Text, StringComparison.Ordinal);
        await SendAsync();
        var mail = Assert.Single(await MailToAsync(board, 1));
        Assert.StartsWith("Có 3 việc cần nhắc hôm nay (3 việc quá hạn)", mail.Subject, StringComparison.Ordinal);
        Assert.Equal(3, mail.Text.Split('\n').Count(l => l.StartsWith("- [Cấp dưới] Tự đánh giá, xếp loại – ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_failing_smtp_server_keeps_mail_in_the_outbox_until_it_is_back()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (fresh, worn) = await host.Factory.InScopeAsync(async (sp, db) =>
        {
            var options = sp.GetRequiredService<MailOptions>();
            var now = DateTime.UtcNow;
            var a = new OutboxMessage { ToAddress = $"a.{tag}@test.invalid", Subject = $"Thư A {tag}", TextBody = "Nội dung A", CreatedAtUtc = now, NextAttemptAtUtc = now };
            var b = new OutboxMessage
            {
                ToAddress = $"b.{tag}@test.invalid", Subject = $"Thư B {tag}", TextBody = "Nội dung B", CreatedAtUtc = now, NextAttemptAtUtc = now,
                Attempts = options.MaxAttempts - 1,
            };
            db.OutboxMessages.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });

        await host.SmtpDownAsync();
        try
        {
            Assert.Equal(0, await SendAsync());
            var (a, b) = await host.Factory.InScopeAsync(async (_, db) =>
                (await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == fresh), await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == worn)));
            Assert.Equal(OutboxStatus.Pending, a.Status);
            Assert.True(a.Attempts >= 1);
            Assert.True(a.NextAttemptAtUtc > DateTime.UtcNow.AddSeconds(30), "a failed message waits before its next attempt");
            Assert.Contains("Không kết nối được máy chủ thư", a.LastError, StringComparison.Ordinal);
            Assert.Equal(OutboxStatus.Failed, b.Status);

            // Admins see the failure on the outbox page and in the API.
            using var admin = await host.SignInAsync("admin");
            var page = await admin.GetStringAsync("/Admin/Outbox?status=Failed");
            Assert.Contains($"Thư B {tag}", page, StringComparison.Ordinal);
            Assert.Contains("Không kết nối được máy chủ thư", page, StringComparison.Ordinal);
            using var secretary = await host.SignInAsync("bithu.sct");
            Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync("/api/admin/outbox")).StatusCode);
        }
        finally
        {
            await host.SmtpUpAsync();
        }

        // The server is back: the admin sends the failed one again now; the other goes at its retry time (made due here).
        using (var admin = await host.SignInAsync("admin"))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PostJsonAsync($"/api/admin/outbox/{worn}/retry", new { })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.PostJsonAsync($"/api/admin/outbox/{Guid.NewGuid()}/retry", new { })).StatusCode);
        }

        await host.Factory.InScopeAsync((_, db) => db.OutboxMessages.Where(m => m.Id == fresh)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, DateTime.UtcNow.AddSeconds(-1))));
        await SendAsync();
        var arrived = (await host.Mail.WaitForAsync(2, TimeSpan.FromSeconds(10))).Where(m => m.Subject.EndsWith(tag, StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { $"Thư A {tag}", $"Thư B {tag}" }, arrived.Select(m => m.Subject).Order(StringComparer.Ordinal));
        var states = await host.Factory.InScopeAsync((_, db) => db.OutboxMessages.AsNoTracking().Where(m => m.Id == fresh || m.Id == worn).Select(m => m.Status).ToListAsync());
        Assert.All(states, s => Assert.Equal(OutboxStatus.Sent, s));
    }

    [Fact]
    public async Task A_user_chooses_how_reminder_mail_arrives()
    {
        using var secretary = await host.SignInAsync("bithu.sct");
        Assert.Equal("Immediate", (await secretary.GetJsonAsync("/api/me/email-preference")).GetProperty("preference").GetString());
        var bad = await secretary.PutJsonAsync("/api/me/email-preference", new { preference = "Sometimes" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await secretary.PutJsonAsync("/api/me/email-preference", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await secretary.PutJsonAsync("/api/me/email-preference", new { preference = "DigestOnly" })).StatusCode);
        Assert.Equal("DigestOnly", (await secretary.GetJsonAsync("/api/me/email-preference")).GetProperty("preference").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await secretary.PutJsonAsync("/api/me/email-preference", new { preference = "Immediate" })).StatusCode);
    }
}

[Collection(SqliteMailCollection.Name)]
public sealed class SqliteReminderTests(SqliteMailHost host) : ReminderTests(host);

[Collection(PostgresMailCollection.Name)]
public sealed class PostgresReminderTests(PostgresMailHost host) : ReminderTests(host);
