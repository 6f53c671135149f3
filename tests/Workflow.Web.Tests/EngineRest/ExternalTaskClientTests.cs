using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Runtime;
using Workflow.Web.Identity;
using Workflow.Web.Processes;

namespace Workflow.Web.Tests.EngineRest;

/// <summary>
/// Camunda's own Node external-task client (npm camunda-external-task-client-js) works against our /engine-rest on
/// 127.0.0.1: it completes a task, reports a BPMN error and a failure, and the instances move as Camunda's would.
/// </summary>
[Collection("node-client")]
public sealed class ExternalTaskClientTests
{
    private static string Folder => Path.Combine(FindRoot(), "tests", "Workflow.Web.Tests", "EngineRest", "node");

    [Fact]
    public async Task Camundas_node_client_completes_throws_a_BPMN_error_and_reports_a_failure()
    {
        await EnsureNodeModulesAsync();
        await using var factory = new AppFactory(await TestDatabase.CreateAsync(DatabaseKind.Sqlite), seedDemo: false);
        var baseUri = factory.StartKestrel();
        var key = "node" + Guid.NewGuid().ToString("N")[..6];
        var ids = await factory.InScopeAsync(async (sp, db) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var unit = new Workflow.Web.Org.Unit { Name = "Tỉnh ủy thử", Kind = Workflow.Web.Org.UnitKind.Province, Path = "/" };
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            var worker = new AppUser { UserName = "node.worker", FullName = "Bộ xử lý Node", UnitId = unit.Id };
            Assert.True((await users.CreateAsync(worker, "Worker@2026")).Succeeded);
            await users.AddToRoleAsync(worker, Roles.Worker);
            var engine = sp.GetRequiredService<WorkflowEngine>();
            await engine.DeployAsync("t", [($"{key}.bpmn", Encoding.UTF8.GetBytes($"""
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                  <bpmn:error id="rejected" errorCode="REJECTED" />
                  <bpmn:process id="{key}" isExecutable="true">
                    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="check" />
                    <bpmn:serviceTask id="check" camunda:type="external" camunda:topic="{key}" />
                    <bpmn:boundaryEvent id="onReject" attachedToRef="check"><bpmn:errorEventDefinition errorRef="rejected" /></bpmn:boundaryEvent>
                    <bpmn:sequenceFlow id="f2" sourceRef="onReject" targetRef="fix" /><bpmn:userTask id="fix" />
                    <bpmn:sequenceFlow id="f3" sourceRef="check" targetRef="accepted" /><bpmn:userTask id="accepted" />
                    <bpmn:sequenceFlow id="f4" sourceRef="accepted" targetRef="e" /><bpmn:sequenceFlow id="f5" sourceRef="fix" targetRef="e" /><bpmn:endEvent id="e" />
                  </bpmn:process>
                </bpmn:definitions>
                """))]);
            var result = new Dictionary<string, Guid>();
            foreach (var mode in new[] { "ok", "reject", "fail" })
            {
                result[mode] = (await engine.StartByKeyAsync(key, Vars.Of(("mode", mode)))).Id;
            }

            return result;
        });

        var (exit, output) = await RunNodeAsync(new Dictionary<string, string>
        {
            ["BASE_URL"] = new Uri(baseUri, "engine-rest").ToString().TrimEnd('/'),
            ["USERNAME"] = "node.worker",
            ["PASSWORD"] = "Worker@2026",
            ["TOPIC"] = key,
            ["EXPECTED"] = "3",
        });

        Assert.True(exit == 0, output);
        await factory.InScopeAsync(async (sp, db) =>
        {
            var store = sp.GetRequiredService<WorkflowEngine>().Store;
            var ok = (await store.LoadInstanceAsync(ids["ok"]))!;
            Assert.Equal(["accepted"], ok.Tasks.Select(t => t.ElementId));
            Assert.Equal(true, ok.Variables["checked"].ToObject());
            Assert.Equal(["fix"], (await store.LoadInstanceAsync(ids["reject"]))!.Tasks.Select(t => t.ElementId));
            var failed = await db.WfIncidents.SingleAsync(i => i.InstanceId == ids["fail"]);
            Assert.Equal("failedExternalTask", failed.Type);
            Assert.Contains("bộ xử lý Node", failed.Message, StringComparison.Ordinal);
        });
    }

    private static async Task EnsureNodeModulesAsync()
    {
        if (Directory.Exists(Path.Combine(Folder, "node_modules", "camunda-external-task-client-js")))
        {
            return;
        }

        var (exit, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], new() { ["IBM_TELEMETRY_DISABLED"] = "true" });
        Assert.True(exit == 0, "npm ci failed in " + Folder + ": " + output);
    }

    private static Task<(int, string)> RunNodeAsync(Dictionary<string, string> env) => RunAsync("node", ["client.mjs"], env);

    private static async Task<(int Exit, string Output)> RunAsync(string file, string[] args, Dictionary<string, string> env)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in env)
        {
            start.Environment[k] = v;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workflow.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Workflow.sln not found above the test binaries.");
    }
}
