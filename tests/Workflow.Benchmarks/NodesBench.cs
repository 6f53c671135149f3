using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Runtime;
using Workflow.Testing;
using Workflow.Web.Identity;

namespace Workflow.Benchmarks;

/// <summary>
/// Throughput with one node and with two on one PostgreSQL: real node processes (the product's build output), 20
/// concurrent HTTP clients fetching and completing external tasks through /engine-rest for a fixed time, the clients
/// spread over the nodes. The machine's CPU time is split by who used it (nodes, PostgreSQL, the clients) to say
/// where the limit is.
/// </summary>
internal static class NodesScenarios
{
    private const string Worker = "bench.worker";
    private const string Password = "Worker@2026";

    public static async Task RunAsync(Report report, int tasks, int clients, TimeSpan duration)
    {
        Files.UseProductContentRoot();
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        await SeedAsync(database, tasks);

        var settings = new Dictionary<string, string?>(database.Settings.ToDictionary(s => s.Key, s => s.Value))
        {
            ["Demo:Seed"] = "false", ["Reminders:Enabled"] = "false", ["Meetings:Enabled"] = "false", ["Mail:Host"] = "",
            ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:Microsoft"] = "Warning", ["Logging:LogLevel:Workflow"] = "Warning",
        };
        await using var a = await NodeProcess.StartAsync("bench-a", settings);
        await MeasureAsync([a], clients, TimeSpan.FromSeconds(Math.Min(10, duration.TotalSeconds))); // warm-up: JIT, pools, caches (not counted)
        var one = await MeasureAsync([a], clients, duration);
        await using var b = await NodeProcess.StartAsync("bench-b", settings);
        var two = await MeasureAsync([a, b], clients, duration);

        foreach (var (nodes, result) in new[] { (1, one), (2, two) })
        {
            Console.WriteLine($"{nodes} node(s): {result.Completed:N0} completions in {result.Seconds:N1} s; CPU busy {result.Busy:P0} of the machine: " +
                $"nodes {result.NodesShare:P0}, PostgreSQL {result.PostgresShare:P0}, clients {result.ClientsShare:P0}");
        }

        report.Add($"PostgreSQL, HTTP: external tasks fetched and completed by {clients} concurrent clients for {duration.TotalSeconds:N0} s, two nodes vs one " +
            $"(CPU busy {one.Busy:P0} → {two.Busy:P0}; with two nodes: nodes {two.NodesShare:P0}, PostgreSQL {two.PostgresShare:P0}, clients {two.ClientsShare:P0})",
            $"2 nodes: {Files.F(two.Completed / two.Seconds)} completions/s", $"1 node: {Files.F(one.Completed / one.Seconds)} completions/s",
            $"{Files.F(two.Completed / two.Seconds / (one.Completed / one.Seconds), "N2")}× one node", "report; say where the limit is",
            one.Completed > 0 && two.Completed > 0);
    }

    /// <summary>A worker user and <paramref name="tasks"/> instances waiting at an external task, written by a host with no job server.</summary>
    private static async Task SeedAsync(TestDatabase database, int tasks)
    {
        await using var factory = new AppFactory(database, seedDemo: false, ownsDatabase: false).WithSetting("Jobs:RunServer", "false");
        await factory.InScopeAsync(async (sp, db) =>
        {
            var unit = new Workflow.Web.Org.Unit { Name = "Đơn vị đo", Kind = Workflow.Web.Org.UnitKind.Province, Path = "/" };
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var worker = new AppUser { UserName = Worker, FullName = "Đo hiệu năng", UnitId = unit.Id };
            await users.CreateAsync(worker, Password);
            await users.AddToRoleAsync(worker, Roles.Worker);
            var engine = sp.GetRequiredService<WorkflowEngine>();
            var definition = (await engine.DeployAsync("bench-nodes", [("nodes.bpmn", System.Text.Encoding.UTF8.GetBytes("""
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                  <bpmn:process id="nodes" isExecutable="true">
                    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
                    <bpmn:serviceTask id="work" camunda:type="external" camunda:topic="bench-nodes" />
                    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" /><bpmn:endEvent id="e" />
                  </bpmn:process>
                </bpmn:definitions>
                """))])).Deployed[0];
            foreach (var chunk in Enumerable.Range(0, tasks).Chunk(5_000))
            {
                await engine.StartManyAsync(definition, chunk.Select(i => ((string?)$"N{i}", (IReadOnlyDictionary<string, TypedValue>?)Vars.Of(("n", i)))).ToList());
            }

            // Fresh statistics for the tables just filled, as autovacuum would give a database in service.
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "ANALYZE");
        });
    }

    private sealed record Result(int Completed, double Seconds, double Busy, double NodesShare, double PostgresShare, double ClientsShare);

    private static async Task<Result> MeasureAsync(NodeProcess[] nodes, int clients, TimeSpan duration)
    {
        var before = CpuTime.Read(nodes.Select(n => n.ProcessId));
        var (completed, empty) = (0, 0);
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(duration);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            using var worker = new ExternalTaskWorker(nodes[c % nodes.Length].Address, Worker, Password, $"client-{c}", "bench-nodes", maxTasks: 5, lockMilliseconds: 600_000);
            while (!stop.IsCancellationRequested)
            {
                var (fetched, done) = await worker.RunOnceAsync();
                // Nothing fetched: the server gives up after a few refused batches when workers collide. Count it and
                // ask again (there are more tasks than the run can complete).
                Interlocked.Add(ref empty, fetched == 0 ? 1 : 0);
                Interlocked.Add(ref completed, done);
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var after = CpuTime.Read(nodes.Select(n => n.ProcessId));
        var total = after.Total - before.Total;
        var busy = total - (after.Idle - before.Idle);
        double Share(double used) => busy <= 0 ? 0 : used / busy;
        Console.WriteLine($"{nodes.Length} node(s): {empty:N0} fetches came back empty (collisions between workers)");
        return new Result(completed, seconds, total <= 0 ? 0 : busy / total, Share(after.Nodes - before.Nodes), Share(after.Postgres - before.Postgres),
            Share(after.Self - before.Self));
    }
}
