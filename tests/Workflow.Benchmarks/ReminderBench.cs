using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Testing;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Localization;
using Workflow.Web.Org;
using Workflow.Web.Reminders;

namespace Workflow.Benchmarks;

/// <summary>
/// The reminder scan at scale on SQLite, through the product's own scanner on a real host: N open tasks with deadlines,
/// of which M fall under today's rules (3 days before, on the day, 1 day overdue), the rest weeks away; each offered to
/// the secretary group of one of a thousand branches. Measured: the set-based find (the query that decides what is
/// due, repeated) against the hand-written SQL of the same query, and queuing the M reminders (recipients, reminder
/// rows, notifications, outbox mail, in batches) against a raw insert of the same rows in the same batches.
/// </summary>
internal static class ReminderScenarios
{
    private const int Branches = 1000;

    public static async Task RunAsync(Report report, int openTasks, int due, int repeats)
    {
        Files.UseProductContentRoot();
        await using var factory = new AppFactory(await TestDatabase.CreateAsync(DatabaseKind.Sqlite), seedDemo: false);
        _ = factory.Server;
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(now));
        var units = await SeedAsync(factory, openTasks, due, today);

        // The find: what the scan decides is due today (warm-up, then timed).
        var options = new ReminderOptions();
        var findTimes = new List<double>();
        var found = 0;
        for (var i = 0; i < repeats + 3; i++)
        {
            var clock = Stopwatch.StartNew();
            found = await factory.InScopeAsync(async (sp, _) => (await sp.GetRequiredService<ReminderScanner>().FindAsync(today, options.DefaultPolicy(), new Dictionary<Guid, ReminderPolicy>(), CancellationToken.None)).Count);
            if (i >= 3)
            {
                findTimes.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        if (found != due)
        {
            report.Fail($"the scan found {found} due tasks instead of {due}");
        }

        var connectionString = await factory.InScopeAsync((_, db) => Task.FromResult(db.Database.GetConnectionString()!));
        var rawFind = RawFind(connectionString, today, options, repeats);
        var (find50, _) = Percentiles(findTimes);
        var (raw50, _) = Percentiles(rawFind);
        report.Add($"SQLite reminder scan over {openTasks:N0} open deadlines, {due:N0} due today: the set-based find (p50 of {repeats})",
            $"{Files.F(find50, "N1")} ms", $"the same SQL through Microsoft.Data.Sqlite's reader {Files.F(raw50, "N1")} ms", $"{Files.F(find50 / raw50, "N2")}×", "≤ 20 ms", find50 <= 20);

        // Queuing: the whole scan, once (recipients, reminder rows, bell, outbox).
        var scan = await factory.InScopeAsync((sp, _) => sp.GetRequiredService<ReminderScanner>().ScanAsync(now, CancellationToken.None));
        if (scan.Reminders != due)
        {
            report.Fail($"the scan queued {scan.Reminders} reminders instead of {due}");
        }

        var rawQueue = await RawQueueAsync(factory, options.BatchSize);
        report.Add($"SQLite reminder scan: queue the {due:N0} reminders ({scan.Notifications:N0} notifications, {scan.Emails:N0} emails to {units:N0} secretaries; batches of {options.BatchSize:N0})",
            $"{Files.F(scan.QueueTime.TotalSeconds, "N2")} s (find {Files.F(scan.FindTime.TotalMilliseconds, "N0")} ms)",
            $"raw insert of the same rows, same batches {Files.F(rawQueue, "N2")} s", $"{Files.F(scan.QueueTime.TotalSeconds / rawQueue, "N2")}× the time", "≤ 2 s",
            scan.QueueTime.TotalSeconds <= 2);
    }

    private static (double P50, double P99) Percentiles(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[sorted.Count / 2], sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * 0.99))]);
    }

    /// <summary>A thousand branches, each with a secretary who has an email; the tasks and their audience rows, prepared inserts.</summary>
    private static async Task<int> SeedAsync(AppFactory factory, int openTasks, int due, DateOnly today)
    {
        var branches = await factory.InScopeAsync(async (_, db) =>
        {
            using var unaudited = db.WithoutAudit(); // bench data, not an operator's change
            var province = new Unit { Name = "Tỉnh ủy đo", Kind = UnitKind.Province, ValidFrom = new DateOnly(2000, 1, 1) };
            province.Path = Unit.PathUnder(null, province.Id);
            db.Units.Add(province);
            var role = await db.Roles.FirstAsync(r => r.Name == Roles.BranchSecretary);
            var list = new List<Guid>();
            for (var b = 0; b < Branches; b++)
            {
                var unit = new Unit { ParentId = province.Id, Name = $"Chi bộ đo {b + 1}", Kind = UnitKind.GrassrootsBranch, Depth = 1, ValidFrom = new DateOnly(2000, 1, 1) };
                unit.Path = Unit.PathUnder(province, unit.Id);
                db.Units.Add(unit);
                var name = $"bithu.do{b}";
                var user = new AppUser
                {
                    UserName = name, NormalizedUserName = name.ToUpperInvariant(), FullName = $"Bí thư chi bộ đo {b + 1}", UnitId = unit.Id,
                    Email = name + "@test.invalid", NormalizedEmail = (name + "@test.invalid").ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString("N"),
                };
                db.Users.Add(user);
                db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
                list.Add(unit.Id);
            }

            await db.SaveChangesAsync();
            return list;
        });

        var connectionString = await factory.InScopeAsync((_, db) => Task.FromResult(db.Database.GetConnectionString()!));
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        SqlitePragmas.Apply(connection);
        var random = new Random(7);
        var at = (int days) => VietnamTime.ToUtc(today.AddDays(days).ToDateTime(new TimeOnly(17, 0)));
        for (var start = 0; start < openTasks; start += 10_000)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
            var task = SqliteScenarios.Command(connection, tx, """INSERT INTO "WfTasks" ("Id","InstanceId","ElementId","Name","Assignee","Owner","CandidateUsers","CandidateGroups","DueAtUtc","FollowUpAtUtc","Priority","FormKey","CreatedAtUtc","DelegationState","DefinitionId","DefinitionKey","BusinessKey") VALUES (@p0,@p1,'selfAssessment','Tự đánh giá, xếp loại',NULL,NULL,NULL,@p2,@p3,NULL,50,'rating:self-assessment',@p4,NULL,'rating-subject:1','rating-subject',NULL)""", 5);
            var audience = SqliteScenarios.Command(connection, tx, """INSERT INTO "WfTaskAudience" ("Principal","TaskId","InstanceId") VALUES (@p0,@p1,@p2)""", 3);
            for (var n = start; n < Math.Min(openTasks, start + 10_000); n++)
            {
                var branch = branches[n % Branches];
                var (taskId, instanceId) = (SqliteScenarios.B(Guid.CreateVersion7()), SqliteScenarios.B(Guid.CreateVersion7()));
                // The first `due` tasks fall under today's rules; the others are due 10 to 200 days from now.
                var days = n < due ? (n % 3) switch { 0 => 3, 1 => 0, _ => -1 } : 10 + random.Next(190);
                await SqliteScenarios.Run(task, taskId, instanceId, $",BranchSecretary:{branch},", at(days), DateTime.UtcNow);
                await SqliteScenarios.Run(audience, $"g:BranchSecretary:{branch}", taskId, instanceId);
            }

            await tx.CommitAsync();
        }

        return Branches;
    }

    /// <summary>The find's SQL, written by hand: tasks due in the window with no reminder today (no round has a policy of its own here).</summary>
    private static List<double> RawFind(string connectionString, DateOnly today, ReminderOptions options, int repeats)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqlitePragmas.Apply(connection);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT t."Id", t."DueAtUtc"
            FROM "WfTasks" t
            WHERE t."DueAtUtc" >= @since AND t."DueAtUtc" < @until
              AND NOT EXISTS (SELECT 1 FROM "Reminders" r WHERE r."TaskId" = t."Id" AND r."Day" = @day)
            """;
        command.Parameters.AddWithValue("@since", VietnamTime.ToUtc(today.AddDays(-options.OverdueHorizonDays).ToDateTime(TimeOnly.MinValue)));
        command.Parameters.AddWithValue("@until", VietnamTime.ToUtc(today.AddDays(options.DefaultPolicy().MaxBefore + 1).ToDateTime(TimeOnly.MinValue)));
        command.Parameters.AddWithValue("@day", ReminderScanner.DayKey(today));
        command.Prepare();
        var times = new List<double>();
        for (var i = 0; i < repeats + 3; i++)
        {
            var clock = Stopwatch.StartNew();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    _ = (reader.GetValue(0), reader.GetValue(1));
                }
            }

            if (i >= 3)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return times;
    }

    /// <summary>The rows the scan wrote (reminders, notifications, outbox), inserted again raw into a fresh copy of the schema, same batches.</summary>
    private static async Task<double> RawQueueAsync(AppFactory factory, int batchSize)
    {
        var (reminders, notifications, outbox) = await factory.InScopeAsync(async (_, db) => (
            await db.Reminders.AsNoTracking().OrderBy(r => r.Id).ToListAsync(),
            await db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync(),
            await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync()));
        var path = Path.Combine(Path.GetTempPath(), $"reminder-raw-{Guid.NewGuid():N}.db");
        await SqliteScenarios.CreateAsync(path);
        try
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            SqlitePragmas.Apply(connection);
            var clock = Stopwatch.StartNew();
            var batches = (int)Math.Ceiling(reminders.Count / (double)batchSize);
            for (var b = 0; b < batches; b++)
            {
                await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
                using var reminder = new SqliteNativeStatement(connection, """INSERT INTO "Reminders" ("Id","TaskId","InstanceId","Rule","Day","UserName","Escalation","DueAtUtc","TaskName","SubjectName","ScanId","CreatedAtUtc","Email") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING""");
                using var notification = new SqliteNativeStatement(connection, """INSERT INTO "Notifications" ("Id","UserName","Kind","Text","Link","CreatedAtUtc","ReadAtUtc") VALUES (?,?,?,?,?,?,NULL)""");
                using var mail = new SqliteNativeStatement(connection, """INSERT INTO "OutboxMessages" ("Id","ToAddress","ToName","UserName","Subject","TextBody","HtmlBody","DedupeKey","Status","Attempts","CreatedAtUtc","NextAttemptAtUtc") VALUES (?,?,?,?,?,?,?,?,0,0,?,?) ON CONFLICT DO NOTHING""");
                foreach (var r in reminders.Skip(b * batchSize).Take(batchSize))
                {
                    reminder.Execute([SqliteScenarios.B(r.Id), SqliteScenarios.B(r.TaskId), SqliteScenarios.B(r.InstanceId), r.Rule, r.Day, r.UserName, r.Escalation, r.DueAtUtc,
                        r.TaskName, r.SubjectName, SqliteScenarios.B(r.ScanId), r.CreatedAtUtc, (int)r.Email]);
                }

                foreach (var n in notifications.Skip(b * notifications.Count / batches).Take(notifications.Count / batches + 1))
                {
                    notification.Execute([SqliteScenarios.B(Guid.CreateVersion7()), n.UserName, (int)n.Kind, n.Text, n.Link, n.CreatedAtUtc]);
                }

                foreach (var m in outbox.Skip(b * outbox.Count / batches).Take(outbox.Count / batches + 1))
                {
                    mail.Execute([SqliteScenarios.B(Guid.CreateVersion7()), m.ToAddress, m.ToName, m.UserName, m.Subject, m.TextBody, m.HtmlBody, m.DedupeKey + "-" + b,
                        m.CreatedAtUtc, m.NextAttemptAtUtc]);
                }

                await tx.CommitAsync();
            }

            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
