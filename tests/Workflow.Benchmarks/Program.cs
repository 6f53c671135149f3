using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Benchmarks;
using Workflow.Engine.InMemory;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Processes;

// Benchmarks measured side by side in one run (the machines are noisy: ratios matter more than absolute times).
//   dotnet run -c Release --project tests/Workflow.Benchmarks            full sizes (about two minutes)
//   dotnet run -c Release --project tests/Workflow.Benchmarks -- --smoke  seconds-long sanity run (used by the tests)
//   ... -- --only engine|bulk|complete|rating|inbox|reminders|certificates|awards|reports|rest              one scenario
//   ... -- --only postgres|postgres-big|postgres-decide|inbox-postgres|nodes   on PostgreSQL (WORKFLOW_TEST_POSTGRES; not in the default run)
// The PostgreSQL scenarios run when asked for, and in the smoke run when a server is configured (the test command's).
var smoke = args.Contains("--smoke");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
var report = new Report(smoke);

// The hosted app logs warnings only: a console line per request or per query would be timed along with the work.
foreach (var category in new[] { "Default", "Microsoft" })
{
    if (Environment.GetEnvironmentVariable($"Logging__LogLevel__{category}") is null)
    {
        Environment.SetEnvironmentVariable($"Logging__LogLevel__{category}", "Warning");
    }
}

if (only is null or "engine")
{
    await EngineScenarios.InMemoryAsync(report, instances: smoke ? 300 : 20_000, nodeInstances: smoke ? 100 : 2_000);
}

if (only is null or "bulk" or "complete")
{
    await SqliteScenarios.RunAsync(report, count: smoke ? 2_000 : 75_000, runComplete: only is null or "complete");
}

if (only is null or "rating")
{
    await RatingScenarios.RunAsync(report, members: smoke ? 500 : int.Parse(Environment.GetEnvironmentVariable("BENCH_MEMBERS") ?? "75000", CultureInfo.InvariantCulture), group: smoke ? 30 : 2_000);
}

if (only is null or "inbox")
{
    await InboxScenarios.RunAsync(report, openTasks: smoke ? 5_000 : 100_000, completedTasks: smoke ? 10_000 : 1_000_000, requests: smoke ? 50 : 500);
}

if (only is null or "reminders")
{
    await ReminderScenarios.RunAsync(report, openTasks: smoke ? 5_000 : 100_000, due: smoke ? 500 : 10_000, repeats: smoke ? 5 : 50);
}

if (only is null or "certificates")
{
    CertificateScenarios.Run(report, count: smoke ? 20 : 500);
}

if (only is null or "awards")
{
    await AwardScenarios.RunAsync(report, members: smoke ? 2_000 : 75_000, repeats: smoke ? 3 : 7);
}

if (only is null or "reports")
{
    await ReportScenarios.RunAsync(report, members: smoke ? 2_000 : 75_000, repeats: smoke ? 3 : 7);
}

if (only is null or "rest")
{
    await RestScenarios.ExternalTasksAsync(report, tasks: smoke ? 200 : 10_000, workers: int.Parse(Environment.GetEnvironmentVariable("BENCH_WORKERS") ?? "4", CultureInfo.InvariantCulture));
}

var postgres = Environment.GetEnvironmentVariable(Workflow.Testing.TestDatabase.PostgresVariable) is not null;
if (only is "postgres" or "postgres-big" or "postgres-decide" or "inbox-postgres" or "nodes" && !postgres)
{
    report.Fail($"The PostgreSQL scenarios need a server: set {Workflow.Testing.TestDatabase.PostgresVariable} (see the README, \"Benchmarks\").");
}
else if (postgres && (smoke || only is "postgres" or "postgres-big" or "postgres-decide" or "inbox-postgres" or "nodes"))
{
    if (only is null or "postgres" or "postgres-big" or "postgres-decide")
    {
        await PostgresScenarios.RunAsync(report, smoke ? [1_000] : only switch { "postgres-big" => [500_000], "postgres-decide" => [], _ => [75_000] }, group: smoke ? 30 : 2_000,
            repeats: smoke ? 1 : int.Parse(Environment.GetEnvironmentVariable("BENCH_REPEAT") ?? (only == "postgres-big" ? "1" : "3"), CultureInfo.InvariantCulture));
    }

    if (only is null or "inbox-postgres")
    {
        await InboxScenarios.RunAsync(report, openTasks: smoke ? 5_000 : 100_000, completedTasks: smoke ? 10_000 : 1_000_000, requests: smoke ? 50 : 500,
            Workflow.Testing.DatabaseKind.Postgres);
    }

    if (only is null or "nodes")
    {
        await NodesScenarios.RunAsync(report, tasks: smoke ? 2_000 : 60_000, clients: int.Parse(Environment.GetEnvironmentVariable("BENCH_CLIENTS") ?? "20", CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(smoke ? 2 : int.Parse(Environment.GetEnvironmentVariable("BENCH_SECONDS") ?? "60", CultureInfo.InvariantCulture)));
    }
}

report.Print();
return report.Failed ? 1 : 0;

namespace Workflow.Benchmarks
{
    /// <summary>Collects result lines and prints them as a Markdown table for RESULTS.md.</summary>
    internal sealed class Report(bool smoke)
    {
        private readonly List<string> _rows = [];

        public bool Failed { get; private set; }

        public void Add(string scenario, string ours, string baseline, string ratio, string goal, bool met)
        {
            _rows.Add($"| {scenario} | {ours} | {baseline} | {ratio} | {goal} | {(met ? "met" : smoke ? "(smoke)" : "NOT met")} |");
            Console.WriteLine($"{scenario}: {ours} vs {baseline} ({ratio}); goal {goal}: {(met ? "met" : "not met")}");
        }

        public void Fail(string message)
        {
            Failed = true;
            Console.Error.WriteLine(message);
        }

        public void Print()
        {
            Console.WriteLine();
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {(smoke ? "smoke sizes" : "full sizes")}");
            Console.WriteLine("| scenario | ours | baseline (same run) | ratio | goal | |");
            Console.WriteLine("|---|---|---|---|---|---|");
            _rows.ForEach(Console.WriteLine);
        }
    }

    internal static class Files
    {
        /// <summary>The product's own folder as the test host's content root (its appsettings and workflows).</summary>
        public static void UseProductContentRoot() => Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_WORKFLOW_WEB",
            Path.Combine(Path.GetDirectoryName(NodeFolder())!, "..", "..", "src", "Workflow.Web"));

        /// <summary>The middle of the measured times.</summary>
        public static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

        public static byte[] Scenario(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Scenarios", name));

        public static string NodeFolder()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workflow.Benchmarks.csproj")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? ".", "node");
        }

        public static string F(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
    }

    internal static class EngineScenarios
    {
        /// <summary>start → userTask → userTask → exclusive gateway → end, in memory, against bpmn-engine in Node.</summary>
        public static async Task InMemoryAsync(Report report, int instances, int nodeInstances)
        {
            var store = new InMemoryWorkflowStore();
            var engine = new WorkflowEngine(store, NoScheduler.Instance, TimeProvider.System);
            await engine.DeployAsync("bench", [("two-tasks.bpmn", Files.Scenario("two-tasks.bpmn"))]);
            var variables = Vars.Of(("approved", true));

            async Task RunOne()
            {
                var instance = await engine.StartByKeyAsync("twoTasks", variables);
                await engine.CompleteTaskAsync(instance.Tasks[0].Id);
                var next = (await store.LoadInstanceAsync(instance.Id))!.Tasks[0];
                await engine.CompleteTaskAsync(next.Id);
            }

            for (var i = 0; i < Math.Min(500, instances); i++)
            {
                await RunOne();
            }

            var clock = Stopwatch.StartNew();
            for (var i = 0; i < instances; i++)
            {
                await RunOne();
            }

            var ours = instances / clock.Elapsed.TotalSeconds;
            var finished = store.Instances().Count(i => i.Status == InstanceStatus.Completed);
            if (finished != instances + Math.Min(500, instances))
            {
                report.Fail($"only {finished} instances completed");
            }

            var node = await RunNodeAsync(nodeInstances);
            if (node is null)
            {
                report.Add("In memory: 2 user tasks + XOR, instances/s", $"{Files.F(ours)}/s", "bpmn-engine unavailable (run npm ci in tests/Workflow.Benchmarks/node)", "—", "≥ 20×", false);
                return;
            }

            var ratio = ours / node.Value;
            report.Add("In memory: 2 user tasks + XOR, instances/s", $"{Files.F(ours)}/s", $"bpmn-engine {Files.F(node.Value)}/s", $"{Files.F(ratio, "N1")}×", "≥ 20×", ratio >= 20);
        }

        private static async Task<double?> RunNodeAsync(int instances)
        {
            var folder = Files.NodeFolder();
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "bpmn-engine")))
            {
                return null;
            }

            var start = new ProcessStartInfo("node", ["bench.mjs", Path.Combine(AppContext.BaseDirectory, "Scenarios", "two-tasks.bpmn"), instances.ToString(CultureInfo.InvariantCulture)])
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine(await process.StandardError.ReadToEndAsync());
                return null;
            }

            return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.GetProperty("perSecond").GetDouble();
        }
    }

    internal static class SqliteScenarios
    {
        public static async Task RunAsync(Report report, int count, bool runComplete)
        {
            var folder = Path.Combine(Path.GetTempPath(), "workflow-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);
            try
            {
                var engineDb = await CreateAsync(Path.Combine(folder, "engine.db"));
                var rawDb = await CreateAsync(Path.Combine(folder, "raw.db"));

                // ---- bulk start: engine (batches of 1,000, one transaction each) vs raw insert of the same rows ----
                var definition = await DeployAsync(engineDb);
                var items = Enumerable.Range(0, count)
                    .Select(i => ((string?)$"SUBJ-{i:000000}", (IReadOnlyDictionary<string, TypedValue>?)Vars.Of(("unit", $"U{i % 500}"), ("year", 2026))))
                    .ToList();
                var clock = Stopwatch.StartNew();
                for (var offset = 0; offset < count; offset += 1000)
                {
                    await using var db = Open(engineDb);
                    var engine = new WorkflowEngine(new EfWorkflowStore(db), NoScheduler.Instance, TimeProvider.System, models: Models);
                    await engine.StartManyAsync(definition, items.Skip(offset).Take(1000).ToList(), batchSize: 1000);
                }

                var engineSeconds = clock.Elapsed.TotalSeconds;
                var rows = await RawRowsAsync(engineDb);
                clock.Restart();
                await RawInsertAsync(rawDb, rows);
                var rawSeconds = clock.Elapsed.TotalSeconds;
                var ratio = engineSeconds / rawSeconds;
                report.Add($"SQLite: bulk-start {count:N0} one-task instances (instance+task+journal rows)",
                    $"{Files.F(engineSeconds, "N2")} s", $"raw ADO.NET insert {Files.F(rawSeconds, "N2")} s", $"{Files.F(ratio, "N2")}× the time",
                    "≤ 5 s and ≤ 2.5×", engineSeconds <= 5 && ratio <= 2.5);

                if (!runComplete)
                {
                    return;
                }

                // ---- complete every task, one command (and one transaction) each, vs raw update + insert ----
                var taskIds = await TaskIdsAsync(engineDb);
                clock.Restart();
                foreach (var taskId in taskIds)
                {
                    await using var db = Open(engineDb);
                    var engine = new WorkflowEngine(new EfWorkflowStore(db), NoScheduler.Instance, TimeProvider.System, models: Models);
                    await engine.CompleteTaskAsync(taskId, Vars.Of(("level", "HTTNV")), "bench");
                }

                var completeSeconds = clock.Elapsed.TotalSeconds;
                clock.Restart();
                await RawCompleteAsync(rawDb, rows);
                var rawCompleteSeconds = clock.Elapsed.TotalSeconds;
                var completeRatio = completeSeconds / rawCompleteSeconds;
                report.Add($"SQLite: complete {taskIds.Count:N0} tasks, one command (one transaction) each",
                    $"{Files.F(taskIds.Count / completeSeconds)}/s", $"raw select+update+delete+insert {Files.F(taskIds.Count / rawCompleteSeconds)}/s",
                    $"{Files.F(completeRatio, "N2")}× the time", "report", true);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }

        private static readonly ProcessModelCache Models = new();

        internal static async Task<string> CreateAsync(string file)
        {
            await using var db = Open(file);
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.MigrateAsync();
            return file;
        }

        private static SqliteAppDbContext Open(string file) =>
            new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file};Pooling=True").AddInterceptors(SqlitePragmas.Instance).Options);

        private static async Task<DeployedDefinition> DeployAsync(string file)
        {
            await using var db = Open(file);
            var engine = new WorkflowEngine(new EfWorkflowStore(db), NoScheduler.Instance, TimeProvider.System, models: Models);
            return (await engine.DeployAsync("bench", [("one-task.bpmn", Files.Scenario("one-task.bpmn"))])).Deployed[0];
        }

        private static async Task<List<Guid>> TaskIdsAsync(string file)
        {
            await using var db = Open(file);
            return await db.WfTasks.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
        }

        /// <summary>The rows the engine wrote, read back so the raw baseline inserts exactly the same data.</summary>
        private static async Task<RawRows> RawRowsAsync(string file)
        {
            await using var db = Open(file);
            return new RawRows(
                await db.WfInstances.AsNoTracking().ToListAsync(),
                await db.WfTasks.AsNoTracking().ToListAsync(),
                await db.WfJournal.AsNoTracking().ToListAsync());
        }

        internal sealed record RawRows(List<WfInstance> Instances, List<WfTask> Tasks, List<WfJournal> Journal);

        private static async Task RawInsertAsync(string file, RawRows rows)
        {
            await using var connection = new SqliteConnection($"Data Source={file};Pooling=True");
            await connection.OpenAsync();
            SqlitePragmas.Apply(connection);
            var journalByInstance = rows.Journal.GroupBy(j => j.InstanceId).ToDictionary(g => g.Key, g => g.ToList());
            var taskByInstance = rows.Tasks.ToDictionary(t => t.InstanceId);
            for (var offset = 0; offset < rows.Instances.Count; offset += 1000)
            {
                await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
                var insertInstance = Command(connection, tx, """INSERT INTO "WfInstances" ("Id","DefinitionId","DefinitionKey","DefinitionVersion","BusinessKey","ParentInstanceId","Status","StartedAtUtc","EndedAtUtc","StartedBy","Version","State") VALUES (@p0,@p1,@p2,@p3,@p4,NULL,@p5,@p6,NULL,NULL,1,@p7)""", 8);
                var insertTask = Command(connection, tx, """INSERT INTO "WfTasks" ("Id","InstanceId","ElementId","Name","Assignee","Owner","CandidateUsers","CandidateGroups","DueAtUtc","FollowUpAtUtc","Priority","FormKey","CreatedAtUtc","DelegationState","DefinitionId","DefinitionKey","BusinessKey") VALUES (@p0,@p1,@p2,@p3,NULL,NULL,NULL,@p4,NULL,NULL,@p5,NULL,@p6,NULL,@p7,@p8,@p9)""", 10);
                var insertJournal = Command(connection, tx, """INSERT INTO "WfJournal" ("Id","InstanceId","ActivityInstanceId","ElementId","ElementKind","Event","AtUtc","Actor","Detail") VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,NULL,@p7)""", 8);
                foreach (var i in rows.Instances.Skip(offset).Take(1000))
                {
                    var id = B(Guid.CreateVersion7());
                    await Run(insertInstance, id, i.DefinitionId, i.DefinitionKey, i.DefinitionVersion, i.BusinessKey, i.Status, i.StartedAtUtc, i.State);
                    var t = taskByInstance[i.Id];
                    await Run(insertTask, B(Guid.CreateVersion7()), id, t.ElementId, t.Name, t.CandidateGroups, t.Priority, t.CreatedAtUtc, t.DefinitionId, t.DefinitionKey, t.BusinessKey);
                    foreach (var j in journalByInstance[i.Id])
                    {
                        await Run(insertJournal, B(Guid.CreateVersion7()), id, (j.ActivityInstanceId is { } ai ? B(ai) : null), j.ElementId, j.ElementKind, j.Event, j.AtUtc, j.Detail);
                    }
                }

                await tx.CommitAsync();
            }
        }

        /// <summary>The raw equivalent of completing a task: update the instance, delete the task, add journal rows.</summary>
        private static async Task RawCompleteAsync(string file, RawRows rows)
        {
            await using var connection = new SqliteConnection($"Data Source={file};Pooling=True");
            await connection.OpenAsync();
            SqlitePragmas.Apply(connection);
            var ids = new List<byte[]>();
            await using (var read = connection.CreateCommand())
            {
                read.CommandText = """SELECT "InstanceId" FROM "WfTasks" ORDER BY "Id" """;
                await using var reader = await read.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    ids.Add((byte[])reader.GetValue(0));
                }
            }

            // Prepared once and reused, as a careful hand-written data layer would.
            var state = rows.Instances[0].State;
            var select = Command(connection, null, """SELECT "State", "Version" FROM "WfInstances" WHERE "Id" = @p0""", 1);
            var update = Command(connection, null, """UPDATE "WfInstances" SET "State" = @p0, "Version" = "Version" + 1, "Status" = 1, "EndedAtUtc" = @p1 WHERE "Id" = @p2 AND "Version" = 1""", 3);
            var delete = Command(connection, null, """DELETE FROM "WfTasks" WHERE "InstanceId" = @p0""", 1);
            var journal = Command(connection, null, """INSERT INTO "WfJournal" ("Id","InstanceId","ActivityInstanceId","ElementId","ElementKind","Event","AtUtc","Actor","Detail") VALUES (@p0,@p1,NULL,@p2,NULL,@p3,@p4,'bench',NULL)""", 5);
            foreach (var instanceId in ids)
            {
                await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
                select.Transaction = update.Transaction = delete.Transaction = journal.Transaction = tx;
                select.Parameters[0].Value = instanceId;
                await using (var reader = await select.ExecuteReaderAsync())
                {
                    await reader.ReadAsync();
                }

                await Run(update, state, DateTime.UtcNow, instanceId);
                await Run(delete, instanceId);
                for (var k = 0; k < 4; k++)
                {
                    await Run(journal, B(Guid.CreateVersion7()), instanceId, "selfAssess", k, DateTime.UtcNow);
                }

                await tx.CommitAsync();
            }
        }

        internal static byte[] B(Guid id) => GuidBigEndianBytes.ToBytes(id);

        internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, int parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            for (var n = 0; n < parameters; n++)
            {
                command.Parameters.Add(new SqliteParameter("@p" + n, DBNull.Value));
            }

            return command;
        }

        internal static async Task Run(SqliteCommand command, params object?[] values)
        {
            for (var n = 0; n < values.Length; n++)
            {
                command.Parameters[n].Value = values[n] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync();
        }
    }

    internal static class RestScenarios
    {
        /// <summary>
        /// fetchAndLock + complete over HTTP (Kestrel on 127.0.0.1, Basic auth) by N concurrent workers until every
        /// external task is done: the throughput a Camunda worker pool would see.
        /// </summary>
        public static async Task ExternalTasksAsync(Report report, int tasks, int workers)
        {
            // A console harness has no test-assembly metadata telling WebApplicationFactory where the host lives.
            Files.UseProductContentRoot();
            await using var factory = new Workflow.Testing.AppFactory(await Workflow.Testing.TestDatabase.CreateAsync(Workflow.Testing.DatabaseKind.Sqlite), seedDemo: false);
            var baseUri = factory.StartKestrel();
            await factory.InScopeAsync(async (sp, db) =>
            {
                var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Workflow.Web.Identity.AppUser>>();
                var unit = new Workflow.Web.Org.Unit { Name = "Đơn vị đo", Kind = Workflow.Web.Org.UnitKind.Province, Path = "/" };
                db.Units.Add(unit);
                await db.SaveChangesAsync();
                var worker = new Workflow.Web.Identity.AppUser { UserName = "bench.worker", FullName = "Đo hiệu năng", UnitId = unit.Id };
                await users.CreateAsync(worker, "Worker@2026");
                await users.AddToRoleAsync(worker, Roles.Worker);
                var engine = sp.GetRequiredService<WorkflowEngine>();
                var definition = (await engine.DeployAsync("bench", [("svc.bpmn", System.Text.Encoding.UTF8.GetBytes("""
                    <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                      <bpmn:process id="svc" isExecutable="true">
                        <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
                        <bpmn:serviceTask id="work" camunda:type="external" camunda:topic="bench" />
                        <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" /><bpmn:endEvent id="e" />
                      </bpmn:process>
                    </bpmn:definitions>
                    """))])).Deployed[0];
                var items = Enumerable.Range(0, tasks).Select(i => ((string?)$"B{i}", (IReadOnlyDictionary<string, TypedValue>?)Vars.Of(("n", i)))).ToList();
                await engine.StartManyAsync(definition, items);
            });

            var completed = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
            {
                using var worker = new ExternalTaskWorker(baseUri, "bench.worker", "Worker@2026", $"worker-{w}", "bench", maxTasks: 25, lockMilliseconds: 60_000);
                while (true)
                {
                    var (fetched, done) = await worker.RunOnceAsync();
                    if (fetched == 0)
                    {
                        break;
                    }

                    Interlocked.Add(ref completed, done);
                }
            }));
            var seconds = clock.Elapsed.TotalSeconds;
            if (completed != tasks)
            {
                report.Fail($"only {completed} of {tasks} external tasks were completed");
            }

            report.Add($"HTTP: fetchAndLock + complete {tasks:N0} external tasks, {workers} concurrent workers (SQLite)",
                $"{Files.F(completed / seconds)} tasks/s", "—", "—", "record", completed == tasks);
        }
    }
}
