using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflow.Testing;
using Workflow.Web.Data;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;

namespace Workflow.Benchmarks;

/// <summary>
/// The product on PostgreSQL, through its own services on a real host (AppFactory): opening rounds of N members (S1)
/// against a binary COPY of the same rows into an empty copy of the schema, and one standing committee finalizing a
/// group (S4) against a raw update of the same rows. Needs a PostgreSQL server (WORKFLOW_TEST_POSTGRES).
/// </summary>
internal static class PostgresScenarios
{
    public static async Task RunAsync(Report report, IReadOnlyList<int> rounds, int group, int repeats)
    {
        Files.UseProductContentRoot();
        await using var factory = new AppFactory(await TestDatabase.CreateAsync(DatabaseKind.Postgres), seedDemo: false);
        _ = factory.Server;

        foreach (var members in rounds)
        {
            await OpenAsync(report, factory, members, repeats);
        }

        // A node that has served for a while has compiled the finalize: a small group is decided first, so the figure is
        // the decision's own work and not the just-in-time compiler's (the first finalize of a process costs about 1 s more).
        await RatingScenarios.DecideGroupAsync(report, factory, Math.Min(group, 20), "Đảng bộ khởi động");
        await factory.JobsSettledAsync();
        var (finalizeSeconds, groupRound) = await RatingScenarios.DecideGroupAsync(report, factory, group);
        await factory.JobsSettledAsync(); // the decision's own jobs (its process, the record) touch the same instances: let them finish first
        var raw = await RawFinalizeAsync(factory, groupRound);
        report.Add($"PostgreSQL: finalize one group of {group:N0} subjects (decision, items, files, every instance; one transaction)",
            $"{Files.F(finalizeSeconds, "N2")} s", $"raw update of the same rows (prepared commands) {Files.F(raw, "N2")} s",
            $"{Files.F(finalizeSeconds / raw, "N2")}× the time", "≤ 1 s", finalizeSeconds <= 1);
    }

    /// <summary>
    /// Opens <paramref name="repeats"/> rounds of <paramref name="members"/> members, each followed at once by the COPY of
    /// the rows it wrote: the machine's speed drifts by minutes, so each ratio is of a pair measured back to back and
    /// the report gives the pair with the median ratio (BENCH_REPEAT; 3 by default at full size, 1 in the smoke run and at 500,000).
    /// </summary>
    private static async Task OpenAsync(Report report, AppFactory factory, int members, int repeats)
    {
        var pairs = new List<(double Open, double Copy, long Rows, double AppCpu, double PostgresCpu, double CopyAppCpu, double CopyPostgresCpu)>();
        for (var n = 0; n < repeats; n++)
        {
            var treeClock = Stopwatch.StartNew();
            var (deciding, _) = await RatingScenarios.TreeAsync(factory, $"Khối đo {members} lần {n + 1}", branches: (members + 999) / 1000, membersEach: 1000, total: members);
            var roundId = await RatingScenarios.RoundAsync(factory, deciding, SubjectType.Member);
            Console.WriteLine($"Tree of {members:N0} members in {treeClock.Elapsed.TotalSeconds:N1} s");

            var cpu = CpuTime.Read([]);
            var (allocated, paused, collections) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), GC.CollectionCount(0));
            var clock = Stopwatch.StartNew();
            await factory.InScopeAsync((sp, _) => sp.GetRequiredService<RoundOpeningJob>().RunAsync(roundId, CancellationToken.None));
            var openSeconds = clock.Elapsed.TotalSeconds;
            var used = CpuTime.Read([]);
            Console.WriteLine($"Opening: {(GC.GetTotalAllocatedBytes() - allocated) / 1e6:N0} MB allocated, {GC.CollectionCount(0) - collections} collections, "
                + $"{(GC.GetTotalPauseDuration() - paused).TotalSeconds:N2} s paused for them");
            var opened = await factory.InScopeAsync((_, db) => db.Files.CountAsync(f => f.RoundId == roundId));
            if (opened != members)
            {
                report.Fail($"the PostgreSQL round opened {opened} files instead of {members}");
            }

            await factory.JobsSettledAsync(); // what the opening queued (notices) must not run during the COPY
            var (copySeconds, rows, copyAppCpu, copyPostgresCpu) = await CopyBaselineAsync(factory, roundId);
            pairs.Add((openSeconds, copySeconds, rows, (used.Self - cpu.Self) / 100, (used.Postgres - cpu.Postgres) / 100, copyAppCpu, copyPostgresCpu));
            Console.WriteLine($"Pair {n + 1}: open {openSeconds:N2} s vs COPY {copySeconds:N2} s = {openSeconds / copySeconds:N2}×; CPU seconds: opening "
                + $"{pairs[^1].AppCpu:N1} in the app + {pairs[^1].PostgresCpu:N1} in PostgreSQL; COPY {copyAppCpu:N1} in the client + {copyPostgresCpu:N1} in PostgreSQL");
        }

        var ordered = pairs.OrderBy(p => p.Open / p.Copy).ToList();
        var median = ordered[ordered.Count / 2];
        var ratio = median.Open / median.Copy;
        var all = string.Join(", ", pairs.Select(p => Files.F(p.Open / p.Copy, "N2") + "×"));
        report.Add($"PostgreSQL: open a round of {members:N0} members (file + instance + task + audience + journal rows, batches of {RoundOpeningJob.BatchSize:N0})",
            $"{Files.F(median.Open, "N2")} s", $"binary COPY of the same {median.Rows:N0} rows into an empty copy of the schema, same batches {Files.F(median.Copy, "N2")} s",
            $"{Files.F(ratio, "N2")}× the COPY, median of {pairs.Count} pair{(pairs.Count == 1 ? "" : "s")} ({all}; CPU s app + PostgreSQL: {Files.F(median.AppCpu, "N1")} + {Files.F(median.PostgresCpu, "N1")} vs {Files.F(median.CopyAppCpu, "N1")} + {Files.F(median.CopyPostgresCpu, "N1")})",
            "≤ 30 s and ≤ 1.5× COPY", median.Open <= 30 && ratio <= 1.5);
    }

    /// <summary>
    /// The rows the opening wrote (files, instances, tasks, audience, journal), read back batch by batch and written by
    /// binary COPY into a freshly migrated database (same tables and indexes; foreign-key triggers off), one
    /// transaction per batch as the job does. Only the writing is timed.
    /// </summary>
    private static async Task<(double Seconds, long Rows, double ClientCpu, double PostgresCpu)> CopyBaselineAsync(AppFactory factory, Guid roundId)
    {
        await using var target = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        await using (var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(target.PostgresConnectionString).Options))
        {
            await db.Database.MigrateAsync();
        }

        var source = await factory.InScopeAsync((_, db) => Task.FromResult(db.Database.GetConnectionString()!));
        await using var from = new NpgsqlConnection(source);
        await using var to = new NpgsqlConnection(target.PostgresConnectionString);
        await from.OpenAsync();
        await to.OpenAsync();
        await using (var replica = new NpgsqlCommand("SET session_replication_role = replica", to))
        {
            await replica.ExecuteNonQueryAsync(); // no rounds, members or units to point at: foreign keys off
        }

        var (seconds, clientCpu, postgresCpu) = (0.0, 0.0, 0.0);
        long rows = 0;
        var last = Guid.Empty;
        while (true)
        {
            var files = await ReadAsync(from, """SELECT * FROM "Files" WHERE "RoundId" = @r AND "Id" > @last ORDER BY "Id" LIMIT @n""",
                ("r", roundId), ("last", last), ("n", RoundOpeningJob.BatchSize));
            if (files.Rows.Count == 0)
            {
                break;
            }

            var idColumn = Array.IndexOf(files.Columns, "Id");
            var instanceColumn = Array.IndexOf(files.Columns, "InstanceId");
            last = (Guid)files.Rows[^1][idColumn]!;
            var ids = files.Rows.Select(r => (Guid)r[instanceColumn]!).ToArray();
            var batch = new List<(string Table, (string[] Columns, List<object?[]> Rows) Data)>
            {
                ("WfInstances", await ReadAsync(from, """SELECT * FROM "WfInstances" WHERE "Id" = ANY(@ids)""", ("ids", ids))),
                ("WfTasks", await ReadAsync(from, """SELECT * FROM "WfTasks" WHERE "InstanceId" = ANY(@ids)""", ("ids", ids))),
                ("WfTaskAudience", await ReadAsync(from, """SELECT * FROM "WfTaskAudience" WHERE "InstanceId" = ANY(@ids)""", ("ids", ids))),
                ("WfJournal", await ReadAsync(from, """SELECT * FROM "WfJournal" WHERE "InstanceId" = ANY(@ids)""", ("ids", ids))),
                ("Files", files),
            };

            var cpu = CpuTime.Read([]);
            var clock = Stopwatch.StartNew();
            await using (var tx = await to.BeginTransactionAsync())
            {
                foreach (var (table, data) in batch)
                {
                    rows += await PostgresCopy.WriteAsync(to, table, data.Columns, data.Rows, CancellationToken.None);
                }

                await tx.CommitAsync();
            }

            seconds += clock.Elapsed.TotalSeconds;
            var used = CpuTime.Read([]);
            (clientCpu, postgresCpu) = (clientCpu + ((used.Self - cpu.Self) / 100), postgresCpu + ((used.Postgres - cpu.Postgres) / 100));
        }

        NpgsqlConnection.ClearAllPools();
        return (seconds, rows, clientCpu, postgresCpu);
    }

    private static async Task<(string[] Columns, List<object?[]> Rows)> ReadAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[columns.Length];
            reader.GetValues(row!);
            rows.Add(row);
        }

        return (columns, rows);
    }

    /// <summary>The raw equivalent of finalizing: one item per file, each file and instance updated, subscriptions removed, one transaction (rolled back).</summary>
    private static async Task<double> RawFinalizeAsync(AppFactory factory, Guid roundId)
    {
        var connectionString = await factory.InScopeAsync((_, db) => Task.FromResult(db.Database.GetConnectionString()!));
        var rows = await factory.InScopeAsync(async (_, db) => await db.Files.AsNoTracking().Where(f => f.RoundId == roundId)
            .Join(db.WfInstances.AsNoTracking(), f => f.InstanceId, i => i.Id, (f, i) => new { f.Id, InstanceId = i.Id, i.State }).ToListAsync());
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        await using var tx = await connection.BeginTransactionAsync();
        var decisionId = Guid.CreateVersion7();
        await using var item = Prepared(connection, tx, """INSERT INTO "DecisionItems" ("Id","DecisionId","FileId","Order","Level","Reason","ReasonPublished") VALUES ($1,$2,$3,$4,2,NULL,false)""", 4);
        await using var file = Prepared(connection, tx, """UPDATE "Files" SET "DecidedLevel" = 2, "Status" = 5, "Version" = "Version" + 1 WHERE "Id" = $1""", 1);
        await using var instance = Prepared(connection, tx, """UPDATE "WfInstances" SET "State" = $1, "Version" = "Version" + 1 WHERE "Id" = $2""", 2);
        await using var unsubscribe = Prepared(connection, tx, """DELETE FROM "WfSubscriptions" WHERE "InstanceId" = $1""", 1);
        await using (var replica = new NpgsqlCommand("SET LOCAL session_replication_role = replica", connection, tx))
        {
            await replica.ExecuteNonQueryAsync(); // the decision row itself is not written: its items' key is not checked
        }

        var order = 0;
        foreach (var r in rows)
        {
            await RunAsync(item, Guid.CreateVersion7(), decisionId, r.Id, ++order);
            await RunAsync(file, r.Id);
            await RunAsync(instance, r.State, r.InstanceId);
            await RunAsync(unsubscribe, r.InstanceId);
        }

        await tx.RollbackAsync(); // measured, not kept
        return clock.Elapsed.TotalSeconds;
    }

    private static NpgsqlCommand Prepared(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, int parameters)
    {
        var command = new NpgsqlCommand(sql, connection, tx);
        for (var i = 0; i < parameters; i++)
        {
            command.Parameters.Add(new NpgsqlParameter());
        }

        return command;
    }

    private static async Task RunAsync(NpgsqlCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        if (!command.IsPrepared)
        {
            await command.PrepareAsync();
        }

        await command.ExecuteNonQueryAsync();
    }
}
