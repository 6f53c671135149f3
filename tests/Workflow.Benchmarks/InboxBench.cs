using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Testing;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Org;
using Workflow.Web.Ratings;

namespace Workflow.Benchmarks;

/// <summary>
/// The reviewer's inbox at scale on SQLite or PostgreSQL: open tasks spread over deciding units (each with its files and audience
/// rows) and completed tasks in the journal, seeded in bulk. A board member's first page and a filtered page are
/// requested through the app's HTTP endpoint (in process: routing, authentication, the query, JSON), timed per
/// request, against the hand-written SQL of the same two queries (count + page) on the same database in the same run.
/// </summary>
internal static class InboxScenarios
{
    private const int Units = 20;

    public static async Task RunAsync(Report report, int openTasks, int completedTasks, int requests, DatabaseKind kind = DatabaseKind.Sqlite)
    {
        Files.UseProductContentRoot();
        var label = kind == DatabaseKind.Sqlite ? "SQLite" : "PostgreSQL";
        await using var factory = new AppFactory(await TestDatabase.CreateAsync(kind), seedDemo: false);
        _ = factory.Server;

        var (units, roundId) = await TreeAsync(factory);
        var seedClock = Stopwatch.StartNew();
        if (kind == DatabaseKind.Sqlite)
        {
            await SeedAsync(factory, units, roundId, openTasks, completedTasks);
        }
        else
        {
            await SeedPostgresAsync(factory, units, roundId, openTasks, completedTasks);
        }

        Console.WriteLine($"Seeded {openTasks:N0} open tasks (+ files, audience) and {completedTasks:N0} completed ones in {seedClock.Elapsed.TotalSeconds:N1} s");

        var reviewerUnit = units[7];
        const string Password = "Bench@2026";
        await factory.InScopeAsync(async (sp, _) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            foreach (var (name, role) in new[] { ("bench.btc", Roles.OrganizationBoard), ("bench.admin", Roles.Admin) })
            {
                var user = new AppUser { UserName = name, FullName = name, UnitId = reviewerUnit.Id };
                if (!(await users.CreateAsync(user, Password)).Succeeded)
                {
                    throw new InvalidOperationException("bench user");
                }

                await users.AddToRoleAsync(user, role);
            }
        });
        using var reviewer = await WebSession.SignedInAsync(factory, "bench.btc", Password);
        using var admin = await WebSession.SignedInAsync(factory, "bench.admin", Password);
        var connectionString = await factory.InScopeAsync((_, db) => Task.FromResult(db.Database.GetConnectionString()!));

        var principals = new[] { "u:bench.btc", "g:OrganizationBoard", $"g:OrganizationBoard:{reviewerUnit.Id}" };
        var cases = new (string Name, string Url, string Where, string Order, object?[] Extra, WebSession Who)[]
        {
            ("first page (board's default view: files waiting for its examination)", "/api/inbox?task=boardReview",
                "t.\"ElementId\" = 'boardReview'", "t.\"Id\"", [], reviewer),
            ("filtered page (search \"binh\" without diacritics, level HTTNV, sorted by due date)", "/api/inbox?task=boardReview&q=binh&level=HTTNV&sort=due",
                "t.\"ElementId\" = 'boardReview' AND f.\"SearchName\" LIKE '%binh%' AND COALESCE(f.\"ProposedLevel\", f.\"SuggestedLevel\") = 2",
                "COALESCE(t.\"DueAtUtc\", '9999-12-31 00:00:00'), t.\"Id\"", [], reviewer),
        };

        foreach (var c in cases)
        {
            var (s50, s99) = await TimeServiceAsync(factory, c.Url, requests);
            Console.WriteLine($"{c.Name}: InboxQuery alone p50 {F(s50)} ms, p99 {F(s99)} ms");
            var (p50, p99, total) = await TimeHttpAsync(c.Who, c.Url, requests);
            var raw = await TimeRawAsync(kind, connectionString, principals, c.Where, c.Order, requests);
            report.Add($"{label} inbox, {openTasks:N0} open + {completedTasks:N0} completed tasks: {c.Name}; {total:N0} match",
                $"p50 {F(p50)} ms, p99 {F(p99)} ms (HTTP in process)", $"raw SQL count + page p50 {F(raw.P50)} ms, p99 {F(raw.P99)} ms",
                $"{F(p99 / raw.P99)}× (p99)", "p99 ≤ 20 ms and ≤ 5× raw", p99 <= 20 && p99 / raw.P99 <= 5);
        }

        var (adminP50, adminP99, adminTotal) = await TimeHttpAsync(admin, "/api/inbox", requests);
        var adminRaw = await TimeRawAsync(kind, connectionString, null, "1 = 1", "t.\"Id\"", requests);
        report.Add($"{label} inbox: an administrator's first page over every open task ({adminTotal:N0})",
            $"p50 {F(adminP50)} ms, p99 {F(adminP99)} ms (HTTP in process)", $"raw SQL count + page p50 {F(adminRaw.P50)} ms, p99 {F(adminRaw.P99)} ms",
            $"{F(adminP99 / adminRaw.P99)}× (p99)", "p99 ≤ 20 ms and ≤ 5× raw", adminP99 <= 20 && adminP99 / adminRaw.P99 <= 5);

        await using var connection = Connection(kind, connectionString);
        await connection.OpenAsync();
        foreach (var (name, count) in new[] { ("page", false), ("count", true) })
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = (kind == DatabaseKind.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ANALYZE ") + RawSql(principals.Length, cases[1].Where, cases[1].Order, count);
            AddParameters(explain, principals);
            Console.WriteLine($"Query plan of the filtered {name} (raw SQL):");
            await using var plan = await explain.ExecuteReaderAsync();
            while (await plan.ReadAsync())
            {
                Console.WriteLine("  | " + plan.GetString(kind == DatabaseKind.Sqlite ? 3 : 0));
            }
        }
    }

    /// <summary>The query service alone (no HTTP), as the board member, to split the request's cost.</summary>
    private static async Task<(double P50, double P99)> TimeServiceAsync(AppFactory factory, string url, int requests)
    {
        var filter = Workflow.Web.Inbox.InboxFilter.Parse(url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..]);
        var user = await factory.InScopeAsync(async (sp, _) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await sp.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync((await users.FindByNameAsync("bench.btc"))!);
        });
        var times = new List<double>(requests);
        for (var i = 0; i < requests + 20; i++)
        {
            var clock = Stopwatch.StartNew();
            await factory.InScopeAsync(async (sp, _) => await sp.GetRequiredService<Workflow.Web.Inbox.InboxQuery>().PageAsync(filter, user));
            if (i >= 20)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return (Percentile(times, 0.5), Percentile(times, 0.99));
    }

    private static string F(double value) => value.ToString("N2", CultureInfo.InvariantCulture);

    private static async Task<(double P50, double P99, int Total)> TimeHttpAsync(WebSession who, string url, int requests)
    {
        var total = (await who.GetJsonAsync(url)).GetProperty("total").GetInt32();
        for (var i = 0; i < 20; i++)
        {
            await who.GetJsonAsync(url); // warm-up: JIT, query cache, page cache
        }

        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await who.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
            }
        }

        return (Percentile(times, 0.5), Percentile(times, 0.99), total);
    }

    /// <summary>The same count and first page as the endpoint, hand-written, read to the end with a prepared command.</summary>
    private static async Task<(double P50, double P99)> TimeRawAsync(DatabaseKind kind, string connectionString, string[]? principals, string where, string order, int requests)
    {
        await using var connection = Connection(kind, connectionString);
        await connection.OpenAsync();
        var commands = new[] { RawSql(principals?.Length, where, order, count: true), RawSql(principals?.Length, where, order, count: false) }.Select(sql =>
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            AddParameters(command, principals ?? []);
            command.Prepare();
            return command;
        }).ToList();
        var times = new List<double>(requests);
        for (var i = 0; i < requests + 20; i++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var command in commands)
            {
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var c = 0; c < reader.FieldCount; c++)
                    {
                        _ = reader.GetValue(c);
                    }
                }
            }

            if (i >= 20)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        foreach (var command in commands)
        {
            await command.DisposeAsync();
        }

        return (Percentile(times, 0.5), Percentile(times, 0.99));
    }

    private static DbConnection Connection(DatabaseKind kind, string connectionString) =>
        kind == DatabaseKind.Sqlite ? new SqliteConnection(connectionString) : new Npgsql.NpgsqlConnection(connectionString);

    private static void AddParameters(DbCommand command, string[] principals)
    {
        for (var i = 0; i < principals.Length; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + i;
            p.Value = principals[i];
            command.Parameters.Add(p);
        }
    }

    private static string RawSql(int? principals, string where, string order, bool count)
    {
        var audience = principals is { } n
            ? $"t.\"Id\" IN (SELECT \"TaskId\" FROM \"WfTaskAudience\" WHERE \"Principal\" IN ({string.Join(",", Enumerable.Range(0, n).Select(i => "@p" + i))})) AND "
            : "";
        var from = """
            FROM "WfTasks" t LEFT JOIN "Files" f ON f."InstanceId" = t."InstanceId" LEFT JOIN "Rounds" r ON r."Id" = f."RoundId"
            """;
        return count
            ? $"SELECT COUNT(*) {(where.Contains("f.", StringComparison.Ordinal) ? from : "FROM \"WfTasks\" t")} WHERE {audience}{where}"
            : $"""
               SELECT t."Id", t."InstanceId", t."ElementId", t."Name", t."Assignee", t."Owner", t."DelegationState", t."FormKey", t."DefinitionId",
                      t."BusinessKey", t."CreatedAtUtc", t."DueAtUtc", f."Id", f."SubjectName", f."SearchName", f."UnitPath", f."RoundId", r."Name",
                      f."SelfLevel", f."SuggestedLevel", f."ProposedLevel", f."Version"
               {from} WHERE {audience}{where} ORDER BY {order} LIMIT 51
               """;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static async Task<(List<Unit> Units, Guid RoundId)> TreeAsync(AppFactory factory) =>
        await factory.InScopeAsync(async (_, db) =>
        {
            using var unaudited = db.WithoutAudit(); // bench data, not an operator's change
            var province = new Unit { Name = "Tỉnh ủy đo", Kind = UnitKind.Province, ValidFrom = new DateOnly(2000, 1, 1) };
            province.Path = Unit.PathUnder(null, province.Id);
            db.Units.Add(province);
            var units = new List<Unit>();
            for (var u = 0; u < Units; u++)
            {
                var unit = new Unit { ParentId = province.Id, Name = $"Đảng bộ đo {u + 1}", Kind = UnitKind.DirectCommittee, Depth = 1, ValidFrom = new DateOnly(2000, 1, 1) };
                unit.Path = Unit.PathUnder(province, unit.Id);
                units.Add(unit);
            }

            db.Units.AddRange(units);
            var round = new RatingRound
            {
                Name = "Đánh giá, xếp loại chất lượng năm 2025", Year = 2025, RuleSetId = await db.RuleSets.Where(r => r.Code == "366-QĐ/TW").Select(r => r.Id).FirstAsync(),
                DecidingUnitId = province.Id, DecidingUnitPath = province.Path, SubjectTypes = nameof(SubjectType.Member),
                SelfAssessmentDueUtc = new DateTime(2025, 12, 10, 10, 0, 0, DateTimeKind.Utc), ReviewDueUtc = new DateTime(2025, 12, 20, 10, 0, 0, DateTimeKind.Utc),
                DecisionDueUtc = new DateTime(2025, 12, 28, 10, 0, 0, DateTimeKind.Utc), CreatedAtUtc = DateTime.UtcNow, CreatedBy = "bench",
            };
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            return (units, round.Id);
        });

    private static readonly string[] Places = ["Bình Giang", "Thanh Hà", "Cẩm Giàng", "Gia Lộc", "Tứ Kỳ", "Ninh Giang", "Kim Thành", "Nam Sách"];

    /// <summary>
    /// Open tasks: per deciding unit, 40% self-assessments (offered to a branch secretary), 30% board reviews and 30%
    /// inspection opinions (offered to the unit's committees), each with its file and audience row; completed tasks
    /// as journal rows. Prepared inserts, 10,000 rows a transaction.
    /// </summary>
    private static async Task SeedAsync(AppFactory factory, List<Unit> units, Guid roundId, int openTasks, int completedTasks)
    {
        var connectionString = await factory.InScopeAsync((_, db) => Task.FromResult(db.Database.GetConnectionString()!));
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        SqlitePragmas.Apply(connection);
        var random = new Random(42);
        var now = DateTime.UtcNow;
        var round = SqliteScenarios.B(roundId);
        for (var start = 0; start < openTasks; start += 10_000)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
            var task = SqliteScenarios.Command(connection, tx, """INSERT INTO "WfTasks" ("Id","InstanceId","ElementId","Name","Assignee","Owner","CandidateUsers","CandidateGroups","DueAtUtc","FollowUpAtUtc","Priority","FormKey","CreatedAtUtc","DelegationState","DefinitionId","DefinitionKey","BusinessKey") VALUES (@p0,@p1,@p2,@p3,NULL,NULL,NULL,@p4,@p5,NULL,50,@p6,@p7,NULL,'rating-subject:1','rating-subject',@p8)""", 9);
            var audience = SqliteScenarios.Command(connection, tx, """INSERT INTO "WfTaskAudience" ("Principal","TaskId","InstanceId") VALUES (@p0,@p1,@p2)""", 3);
            var file = SqliteScenarios.Command(connection, tx, """INSERT INTO "Files" ("Id","RoundId","SubjectType","SubjectUnitId","MemberId","SubjectName","SearchName","UnitPath","DecidingUnitId","MemberKind","FormCode","InstanceId","Status","CapFacts","Degradation","Version","SelfLevel","SuggestedLevel") VALUES (@p0,@p1,2,@p2,@p3,@p4,@p5,@p6,@p7,0,'2A',@p8,1,'',0,1,@p9,@p10)""", 11);
            foreach (var t in OpenTasks(units, start, Math.Min(openTasks, start + 10_000), random, now))
            {
                await SqliteScenarios.Run(task, SqliteScenarios.B(t.TaskId), SqliteScenarios.B(t.InstanceId), t.Element, t.Name, "," + t.Group + ",",
                    t.Due, "rating:" + t.Element, t.Created, t.FileId.ToString());
                await SqliteScenarios.Run(audience, "g:" + t.Group, SqliteScenarios.B(t.TaskId), SqliteScenarios.B(t.InstanceId));
                await SqliteScenarios.Run(file, SqliteScenarios.B(t.FileId), round, SqliteScenarios.B(t.Branch), SqliteScenarios.B(Guid.CreateVersion7()), t.FullName,
                    TextFolding.Fold(t.FullName), t.Unit.Path + t.Branch.ToString("N") + "/", SqliteScenarios.B(t.Unit.Id), SqliteScenarios.B(t.InstanceId), t.Level, t.Level);
            }

            await tx.CommitAsync();
        }

        for (var start = 0; start < completedTasks; start += 10_000)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
            var journal = SqliteScenarios.Command(connection, tx, """INSERT INTO "WfJournal" ("Id","InstanceId","ActivityInstanceId","ElementId","ElementKind","Event","AtUtc","Actor","Detail") VALUES (@p0,@p1,@p2,@p3,'userTask',2,@p4,@p5,NULL)""", 6);
            for (var n = start; n < Math.Min(completedTasks, start + 10_000); n++)
            {
                await SqliteScenarios.Run(journal, SqliteScenarios.B(Guid.CreateVersion7()), SqliteScenarios.B(Guid.CreateVersion7()), SqliteScenarios.B(Guid.CreateVersion7()),
                    (n % 3) switch { 0 => "selfAssessment", 1 => "boardReview", _ => "inspectionOpinion" }, now.AddMinutes(-n), "user" + (n % 500));
            }

            await tx.CommitAsync();
        }
    }

    private sealed record OpenTask(Guid TaskId, Guid InstanceId, Guid FileId, Guid Branch, Unit Unit, string Element, string Name, string Group,
        string FullName, int? Level, DateTime Due, DateTime Created);

    /// <summary>
    /// Open tasks <paramref name="from"/> to <paramref name="to"/>: per deciding unit, 40% self-assessments (offered to a
    /// branch secretary, no level yet), 30% board reviews and 30% inspection opinions (offered to the unit's committees).
    /// </summary>
    private static IEnumerable<OpenTask> OpenTasks(List<Unit> units, int from, int to, Random random, DateTime now)
    {
        for (var n = from; n < to; n++)
        {
            var unit = units[n % units.Count];
            var branch = Guid.CreateVersion7();
            var (element, name, group) = (n / units.Count % 10) switch
            {
                < 4 => ("selfAssessment", "Tự đánh giá, xếp loại", $"BranchSecretary:{branch}"),
                < 7 => ("boardReview", "Ban Tổ chức thẩm định", $"OrganizationBoard:{unit.Id}"),
                _ => ("inspectionOpinion", "Ủy ban Kiểm tra cho ý kiến", $"InspectionCommittee:{unit.Id}"),
            };
            var level = 1 + random.Next(3);
            yield return new OpenTask(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), branch, unit, element, name, group,
                $"Đảng viên {n} chi bộ {Places[n / units.Count % Places.Length]}", element == "selfAssessment" ? null : level, now.AddDays(random.Next(-5, 20)),
                now.AddMinutes(-n));
        }
    }

    /// <summary>The same rows as <see cref="SeedAsync"/>, written to PostgreSQL by binary COPY, 10,000 open tasks or 100,000 journal rows a transaction.</summary>
    private static async Task SeedPostgresAsync(AppFactory factory, List<Unit> units, Guid roundId, int openTasks, int completedTasks)
    {
        var connectionString = await factory.InScopeAsync((_, db) => Task.FromResult(db.Database.GetConnectionString()!));
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var random = new Random(42);
        var now = DateTime.UtcNow;
        for (var start = 0; start < openTasks; start += 10_000)
        {
            var (tasks, audience, files) = (new List<object?[]>(), new List<object?[]>(), new List<object?[]>());
            foreach (var t in OpenTasks(units, start, Math.Min(openTasks, start + 10_000), random, now))
            {
                tasks.Add([t.TaskId, t.InstanceId, t.Element, t.Name, "," + t.Group + ",", t.Due, 50, "rating:" + t.Element, t.Created,
                    "rating-subject:1", "rating-subject", t.FileId.ToString()]);
                audience.Add(["g:" + t.Group, t.TaskId, t.InstanceId]);
                files.Add([t.FileId, roundId, 2, t.Branch, Guid.CreateVersion7(), t.FullName, TextFolding.Fold(t.FullName), t.Unit.Path + t.Branch.ToString("N") + "/",
                    t.Unit.Id, 0, "2A", t.InstanceId, 1, "", 0, 1, t.Level, t.Level]);
            }

            await using var tx = await connection.BeginTransactionAsync();
            await PostgresCopy.WriteAsync(connection, "WfTasks", ["Id", "InstanceId", "ElementId", "Name", "CandidateGroups", "DueAtUtc", "Priority", "FormKey", "CreatedAtUtc",
                "DefinitionId", "DefinitionKey", "BusinessKey"], tasks, CancellationToken.None);
            await PostgresCopy.WriteAsync(connection, "WfTaskAudience", ["Principal", "TaskId", "InstanceId"], audience, CancellationToken.None);
            await PostgresCopy.WriteAsync(connection, "Files", ["Id", "RoundId", "SubjectType", "SubjectUnitId", "MemberId", "SubjectName", "SearchName", "UnitPath",
                "DecidingUnitId", "MemberKind", "FormCode", "InstanceId", "Status", "CapFacts", "Degradation", "Version", "SelfLevel", "SuggestedLevel"], files, CancellationToken.None);
            await tx.CommitAsync();
        }

        for (var start = 0; start < completedTasks; start += 100_000)
        {
            var journal = Enumerable.Range(start, Math.Min(completedTasks, start + 100_000) - start).Select(n => new object?[]
            {
                Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), (n % 3) switch { 0 => "selfAssessment", 1 => "boardReview", _ => "inspectionOpinion" },
                "userTask", 2, now.AddMinutes(-n), "user" + (n % 500),
            });
            await using var tx = await connection.BeginTransactionAsync();
            await PostgresCopy.WriteAsync(connection, "WfJournal", ["Id", "InstanceId", "ActivityInstanceId", "ElementId", "ElementKind", "Event", "AtUtc", "Actor"], journal,
                CancellationToken.None);
            await tx.CommitAsync();
        }

        await using var analyze = new Npgsql.NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync(); // fresh statistics, as autovacuum would give a live database
    }
}
