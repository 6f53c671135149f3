using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Runtime;
using Workflow.Web.Designer;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;
using Workflow.Web.Tests.Ratings;

namespace Workflow.Web.Tests.Designer;

/// <summary>The workflow designer's API: drafts, validation, publishing, versions, import/export, and the operations figures.</summary>
public abstract class DesignerTests(AppHost host)
{
    private static string Key() => $"design_{Guid.NewGuid():N}"[..20];

    /// <summary>start → (user tasks...) → end, with a layout; each task offered to the admins.</summary>
    private static string Diagram(string key, params string[] tasks)
    {
        var nodes = new StringBuilder();
        var flows = new StringBuilder();
        var shapes = new StringBuilder();
        var previous = "start";
        var x = 260;
        foreach (var task in tasks)
        {
            nodes.Append(System.Globalization.CultureInfo.InvariantCulture, $"""<bpmn:userTask id="{task}" name="Việc {task}" camunda:candidateGroups="Admin:all" />""");
            flows.Append(System.Globalization.CultureInfo.InvariantCulture, $"""<bpmn:sequenceFlow id="f_{previous}_{task}" sourceRef="{previous}" targetRef="{task}" />""");
            shapes.Append(System.Globalization.CultureInfo.InvariantCulture, $"""<bpmndi:BPMNShape id="{task}_di" bpmnElement="{task}"><dc:Bounds x="{x}" y="78" width="100" height="80" /></bpmndi:BPMNShape>""");
            previous = task;
            x += 160;
        }

        flows.Append(System.Globalization.CultureInfo.InvariantCulture, $"""<bpmn:sequenceFlow id="f_{previous}_end" sourceRef="{previous}" targetRef="end" />""");
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d_{key}" targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="{key}" name="Quy trình thử {key}" isExecutable="true">
                <bpmn:startEvent id="start" />{nodes}<bpmn:endEvent id="end" />{flows}
              </bpmn:process>
              <bpmndi:BPMNDiagram id="di_{key}"><bpmndi:BPMNPlane id="p_{key}" bpmnElement="{key}">
                <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="160" y="100" width="36" height="36" /></bpmndi:BPMNShape>{shapes}
                <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="{x}" y="100" width="36" height="36" /></bpmndi:BPMNShape>
              </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
    }

    private static async Task<JsonElement> ProcessAsync(WebSession admin, string key) =>
        (await admin.GetJsonAsync("/api/admin/processes")).EnumerateArray().Single(p => p.GetProperty("key").GetString() == key);

    [Fact]
    public async Task A_new_process_is_a_draft_until_published_and_each_publication_is_the_next_version()
    {
        using var admin = await host.SignInAsync("admin");
        var key = Key();
        await RatingScenario.Ok(admin.PostJsonAsync("/api/admin/processes", new { key, name = "Quy trình thử" }));
        await RatingScenario.Refused(admin.PostJsonAsync("/api/admin/processes", new { key, name = "Lần hai" }), HttpStatusCode.Conflict);
        var bad = await RatingScenario.Refused(admin.PostJsonAsync("/api/admin/processes", new { key = "có dấu", name = "x" }), HttpStatusCode.BadRequest);
        Assert.Equal("key", bad.GetProperty("errors")[0].GetProperty("field").GetString());

        // A draft: listed, opened, but not deployed (nothing can start it).
        var row = await ProcessAsync(admin, key);
        Assert.True(row.GetProperty("hasDraft").GetBoolean());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("latestVersion").ValueKind);
        var opened = await admin.GetJsonAsync($"/api/admin/processes/{key}");
        Assert.True(opened.GetProperty("isDraft").GetBoolean());
        Assert.Contains("<bpmn:startEvent id=\"start\"", opened.GetProperty("xml").GetString(), StringComparison.Ordinal);
        Assert.False(await host.Factory.InScopeAsync((_, db) => db.WfDefinitions.AnyAsync(d => d.Key == key)));

        // Publish → version 1, the draft gone.
        var first = await RatingScenario.Ok(admin.PostJsonAsync($"/api/admin/processes/{key}/publish", new { }));
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        row = await ProcessAsync(admin, key);
        Assert.False(row.GetProperty("hasDraft").GetBoolean());
        Assert.Equal(1, row.GetProperty("latestVersion").GetInt32());

        // Edit: a draft of version 2 while version 1 stays what runs.
        await RatingScenario.Ok(admin.PutJsonAsync($"/api/admin/processes/{key}/draft", new { xml = Diagram(key, "approve") }));
        Assert.Equal(1, (await ProcessAsync(admin, key)).GetProperty("latestVersion").GetInt32());
        Assert.Equal(1, await host.Factory.InScopeAsync((_, db) => db.WfDefinitions.CountAsync(d => d.Key == key)));

        // Discard, edit again, publish → version 2.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/processes/{key}/draft")).StatusCode);
        Assert.False((await admin.GetJsonAsync($"/api/admin/processes/{key}")).GetProperty("isDraft").GetBoolean());
        await RatingScenario.Ok(admin.PutJsonAsync($"/api/admin/processes/{key}/draft", new { xml = Diagram(key, "approve") }));
        Assert.Equal(2, (await RatingScenario.Ok(admin.PostJsonAsync($"/api/admin/processes/{key}/publish", new { }))).GetProperty("version").GetInt32());

        // Versions: both kept; each viewable and downloadable as the file deployed.
        var versions = (await admin.GetJsonAsync($"/api/admin/processes/{key}/versions")).EnumerateArray().ToList();
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.StartsWith("designer:admin", versions[0].GetProperty("source").GetString(), StringComparison.Ordinal);
        var v1 = (await admin.GetJsonAsync($"/api/admin/processes/{key}/versions/1")).GetProperty("xml").GetString()!;
        Assert.DoesNotContain("approve", v1, StringComparison.Ordinal);
        var download = await admin.GetAsync($"/api/admin/processes/{key}/versions/2/download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal($"{key}-v2.bpmn", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(Diagram(key, "approve"), await download.Content.ReadAsStringAsync());

        // Publishing what is already the latest version is refused; nothing to publish without a draft.
        await RatingScenario.Ok(admin.PutJsonAsync($"/api/admin/processes/{key}/draft", new { xml = Diagram(key, "approve") }));
        var same = await RatingScenario.Refused(admin.PostJsonAsync($"/api/admin/processes/{key}/publish", new { }), HttpStatusCode.Conflict);
        Assert.Contains("giống hệt phiên bản 2", same.GetProperty("message").GetString(), StringComparison.Ordinal);
        await admin.DeleteAsync($"/api/admin/processes/{key}/draft");
        await RatingScenario.Refused(admin.PostJsonAsync($"/api/admin/processes/{key}/publish", new { }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_draft_never_reaches_running_or_new_instances_and_an_instance_finishes_on_its_version()
    {
        using var admin = await host.SignInAsync("admin");
        var key = Key();
        await RatingScenario.Ok(admin.PostFileAsync("/api/admin/processes/import", $"{key}.bpmn", Encoding.UTF8.GetBytes(Diagram(key, "approve"))));
        await RatingScenario.Ok(admin.PostJsonAsync($"/api/admin/processes/{key}/publish", new { }));
        var running = await StartAsync(key);

        // A draft with a second task: new instances still start on version 1.
        await RatingScenario.Ok(admin.PutJsonAsync($"/api/admin/processes/{key}/draft", new { xml = Diagram(key, "approve", "sign") }));
        var second = await StartAsync(key);
        Assert.Equal(1, await VersionOfAsync(second));

        // Publish version 2: the running instance stays on version 1 and finishes there (no "sign" task).
        await RatingScenario.Ok(admin.PostJsonAsync($"/api/admin/processes/{key}/publish", new { }));
        await CompleteAsync(running, "approve");
        var finished = await host.Factory.InScopeAsync((_, db) => db.WfInstances.AsNoTracking().SingleAsync(i => i.Id == running));
        Assert.Equal(1, finished.DefinitionVersion);
        Assert.Equal((int)InstanceStatus.Completed, finished.Status);

        // A new instance runs version 2: after "approve" it waits at "sign".
        var third = await StartAsync(key);
        Assert.Equal(2, await VersionOfAsync(third));
        await CompleteAsync(third, "approve");
        Assert.Equal(["sign"], await host.Factory.InScopeAsync((_, db) => db.WfTasks.Where(t => t.InstanceId == third).Select(t => t.ElementId).ToListAsync()));
    }

    private Task<Guid> StartAsync(string key) =>
        host.Factory.InScopeAsync(async (sp, _) => (await sp.GetRequiredService<WorkflowEngine>().StartByKeyAsync(key)).Id);

    private Task<int> VersionOfAsync(Guid instance) =>
        host.Factory.InScopeAsync((_, db) => db.WfInstances.Where(i => i.Id == instance).Select(i => i.DefinitionVersion).SingleAsync());

    private Task CompleteAsync(Guid instance, string element) => host.Factory.InScopeAsync(async (sp, db) =>
    {
        var task = await db.WfTasks.SingleAsync(t => t.InstanceId == instance && t.ElementId == element);
        await sp.GetRequiredService<WorkflowEngine>().CompleteTaskAsync(task.Id, actor: "admin");
    });

    [Fact]
    public async Task Validation_names_the_element_of_each_problem_and_publishing_waits_until_the_errors_are_gone()
    {
        using var admin = await host.SignInAsync("admin");
        var key = Key();
        // A service task without a topic (an engine error) and a user task offered to a group no role matches (a warning).
        var broken = Diagram(key, "approve")
            .Replace("""<bpmn:endEvent id="end" />""", """<bpmn:serviceTask id="notify" name="Gửi thông báo" /><bpmn:endEvent id="end" />""", StringComparison.Ordinal)
            .Replace("""f_approve_end" sourceRef="approve" targetRef="end""", """f_approve_notify" sourceRef="approve" targetRef="notify" /><bpmn:sequenceFlow id="f_notify_end" sourceRef="notify" targetRef="end""", StringComparison.Ordinal)
            .Replace("Admin:all", "KhongCo:all", StringComparison.Ordinal);
        var problems = (await RatingScenario.Ok(admin.PostJsonAsync("/api/admin/processes/validate", new { xml = broken }))).GetProperty("problems").EnumerateArray().ToList();
        var error = Assert.Single(problems, p => p.GetProperty("severity").GetString() == ProcessDesigner.Error);
        Assert.Equal("notify", error.GetProperty("elementId").GetString());
        Assert.Contains("camunda:topic", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var warning = Assert.Single(problems, p => p.GetProperty("severity").GetString() == ProcessDesigner.Warning);
        Assert.Equal("approve", warning.GetProperty("elementId").GetString());
        Assert.Contains("KhongCo:all", warning.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Saved as a draft (drafts may be wrong), refused at publish with the element named, nothing deployed.
        var saved = await RatingScenario.Ok(admin.PostFileAsync("/api/admin/processes/import", "x.bpmn", Encoding.UTF8.GetBytes(broken)));
        Assert.Equal(key, saved.GetProperty("key").GetString());
        var refused = await RatingScenario.Refused(admin.PostJsonAsync($"/api/admin/processes/{key}/publish", new { }), HttpStatusCode.BadRequest);
        Assert.Equal("notify", refused.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.False(await host.Factory.InScopeAsync((_, db) => db.WfDefinitions.AnyAsync(d => d.Key == key)));

        // Fixed (the warning alone does not block): published.
        var fixedXml = broken.Replace("""<bpmn:serviceTask id="notify" name="Gửi thông báo" />""",
            """<bpmn:serviceTask id="notify" name="Gửi thông báo" camunda:type="external" camunda:topic="notify" />""", StringComparison.Ordinal);
        var after = await RatingScenario.Ok(admin.PutJsonAsync($"/api/admin/processes/{key}/draft", new { xml = fixedXml }));
        Assert.DoesNotContain(after.GetProperty("problems").EnumerateArray(), p => p.GetProperty("severity").GetString() == ProcessDesigner.Error);
        Assert.Equal(1, (await RatingScenario.Ok(admin.PostJsonAsync($"/api/admin/processes/{key}/publish", new { }))).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Hostile_or_foreign_files_are_refused_with_a_clear_error_and_the_draft_is_kept()
    {
        using var admin = await host.SignInAsync("admin");
        var key = Key();
        await RatingScenario.Ok(admin.PutJsonAsync($"/api/admin/processes/{key}/draft", new { xml = Diagram(key, "approve") }));
        var entities = """<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>"""
            + $"""<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="{key}" name="&b;" /></bpmn:definitions>""";
        string[] hostile =
        [
            entities,
            "<not-closed",
            """<definitions xmlns="urn:other"><process id="x" /></definitions>""",
            Diagram("other_key", "approve"),
            Diagram(key, "approve").Replace("</bpmn:process>", $"</bpmn:process><bpmn:process id=\"{key}_2\" />", StringComparison.Ordinal),
        ];
        foreach (var xml in hostile)
        {
            var refused = await RatingScenario.Refused(admin.PutJsonAsync($"/api/admin/processes/{key}/draft", new { xml }), HttpStatusCode.BadRequest);
            Assert.False(string.IsNullOrWhiteSpace(refused.GetProperty("message").GetString()));
            await RatingScenario.Refused(admin.PostFileAsync("/api/admin/processes/import", "bad.bpmn", Encoding.UTF8.GetBytes(xml)),
                xml.Contains("other_key", StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.BadRequest);
        }

        Assert.Equal(Diagram(key, "approve"), (await admin.GetJsonAsync($"/api/admin/processes/{key}")).GetProperty("xml").GetString());
        var empty = await RatingScenario.Refused(admin.PutJsonAsync($"/api/admin/processes/{key}/draft", new { xml = "" }), HttpStatusCode.BadRequest);
        Assert.Equal("xml", empty.GetProperty("errors")[0].GetProperty("field").GetString());

        // Only admins design.
        var scenario = await new RatingScenario(host).BuildTreeAsync(1);
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync("/api/admin/processes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PutJsonAsync($"/api/admin/processes/{key}/draft", new { xml = Diagram(key) })).StatusCode);
    }

    [Fact]
    public async Task Statistics_and_the_heatmap_match_a_seeded_journal()
    {
        using var admin = await host.SignInAsync("admin");
        var key = Key();
        await RatingScenario.Ok(admin.PutJsonAsync($"/api/admin/processes/{key}/draft", new { xml = Diagram(key, "approve", "sign") }));
        var definitionId = (await RatingScenario.Ok(admin.PostJsonAsync($"/api/admin/processes/{key}/publish", new { }))).GetProperty("id").GetString()!;

        // Ten instances: all pass "approve" (taking 1..10 minutes, as the journal is rewritten below), seven also
        // "sign" (2 minutes each); three wait at "sign".
        var instances = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            var id = await StartAsync(key);
            await CompleteAsync(id, "approve");
            if (i < 7)
            {
                await CompleteAsync(id, "sign");
            }

            instances.Add(id);
        }

        var t0 = new DateTime(2030, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        await host.Factory.InScopeAsync(async (_, db) =>
        {
            for (var i = 0; i < instances.Count; i++)
            {
                var id = instances[i];
                var start = t0.AddHours(i);
                await Rewrite(db, id, "approve", JournalEvent.ActivityStarted, start);
                await Rewrite(db, id, "approve", JournalEvent.ActivityCompleted, start.AddMinutes(i + 1));
                await Rewrite(db, id, "sign", JournalEvent.ActivityStarted, start.AddMinutes(i + 1));
                await Rewrite(db, id, "sign", JournalEvent.ActivityCompleted, start.AddMinutes(i + 3));
            }

            // One incident on "sign" of an instance still waiting there.
            db.WfIncidents.Add(new WfIncident
            {
                Id = Guid.CreateVersion7(), InstanceId = instances[9], ActivityInstanceId = Guid.CreateVersion7(), ElementId = "sign", Type = "failedJob",
                Message = "thử", CreatedAtUtc = t0, DefinitionId = definitionId,
            });
            await db.SaveChangesAsync();
        });

        static Task<int> Rewrite(Data.AppDbContext db, Guid instance, string element, JournalEvent e, DateTime at) =>
            db.WfJournal.Where(j => j.InstanceId == instance && j.ElementId == element && j.Event == (int)e).ExecuteUpdateAsync(s => s.SetProperty(j => j.AtUtc, at));

        var stats = (await admin.GetJsonAsync($"/api/admin/process-definitions/{Uri.EscapeDataString(definitionId)}/statistics")).EnumerateArray()
            .ToDictionary(s => s.GetProperty("elementId").GetString()!);
        var approve = stats["approve"];
        Assert.Equal(0, approve.GetProperty("active").GetInt32());
        Assert.Equal(10, approve.GetProperty("completed").GetInt32());
        Assert.Equal(5.5 * 60_000, approve.GetProperty("averageMs").GetDouble(), 0);
        Assert.Equal(9 * 60_000, approve.GetProperty("p90Ms").GetDouble(), 0);
        var sign = stats["sign"];
        Assert.Equal(3, sign.GetProperty("active").GetInt32());
        Assert.Equal(7, sign.GetProperty("completed").GetInt32());
        Assert.Equal(2 * 60_000, sign.GetProperty("averageMs").GetDouble(), 0);
        Assert.Equal(2 * 60_000, sign.GetProperty("p90Ms").GetDouble(), 0);
        Assert.Equal(1, sign.GetProperty("incidents").GetInt32());

        // The instance list: filtered by process, state and incident, paged.
        var list = await admin.GetJsonAsync($"/api/admin/instances?key={key}&state=active&pageSize=2");
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        Assert.Equal(2, list.GetProperty("items").GetArrayLength());
        var past = await admin.GetJsonAsync($"/api/admin/instances?key={key}&state=active&pageSize=2&page=99");
        Assert.Equal(2, past.GetProperty("page").GetInt32());
        Assert.Equal(1, past.GetProperty("items").GetArrayLength());
        Assert.Equal(1, (await admin.GetJsonAsync($"/api/admin/instances?key={key}&withIncident=true")).GetProperty("total").GetInt32());
        Assert.Equal(7, (await admin.GetJsonAsync($"/api/admin/instances?key={key}&state=completed")).GetProperty("total").GetInt32());
        await RatingScenario.Refused(admin.GetAsync($"/api/admin/instances?state=nonsense"), HttpStatusCode.BadRequest);

        // One instance: where it is, where it has been, and its journal.
        var view = await admin.GetJsonAsync($"/api/admin/instances/{instances[8]}");
        Assert.Equal(["sign"], view.GetProperty("current").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("approve", view.GetProperty("completed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("sign", view.GetProperty("tree")[0].GetProperty("elementId").GetString());

        // An audited variable edit and a cancel with a reason.
        var edit = await admin.PutJsonAsync($"/api/admin/instances/{instances[8]}/variables/note", new { value = new { type = "String", value = "sửa tay" } });
        Assert.Equal(HttpStatusCode.NoContent, edit.StatusCode);
        Assert.True(await host.Factory.InScopeAsync((_, db) => db.AuditEntries.AnyAsync(a => a.EntityType == "ProcessVariable" && a.EntityId == $"{instances[8]}:note")));
        Assert.Equal("sửa tay", (await admin.GetJsonAsync($"/api/admin/instances/{instances[8]}")).GetProperty("variables").GetProperty("note").GetProperty("value").GetString());
        await RatingScenario.Refused(admin.PostJsonAsync($"/api/admin/instances/{instances[8]}/cancel", new { reason = " " }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostJsonAsync($"/api/admin/instances/{instances[8]}/cancel", new { reason = "Nhập nhầm" })).StatusCode);
        Assert.Equal("cancelled", (await admin.GetJsonAsync($"/api/admin/instances/{instances[8]}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_instance_view_names_the_flows_a_gateway_took_not_every_flow_between_elements_that_ran()
    {
        using var admin = await host.SignInAsync("admin");
        var key = Key();
        // approve → gw; gw ─(taken: a condition that holds)→ check → sign; gw ─(default, not taken)→ sign.
        var xml = Diagram(key, "approve", "check", "sign")
            .Replace("<bpmn:userTask id=\"check\"", "<bpmn:exclusiveGateway id=\"gw\" default=\"direct\" /><bpmn:userTask id=\"check\"", StringComparison.Ordinal)
            .Replace("""<bpmn:sequenceFlow id="f_approve_check" sourceRef="approve" targetRef="check" />""",
                """<bpmn:sequenceFlow id="f_approve_gw" sourceRef="approve" targetRef="gw" /><bpmn:sequenceFlow id="toCheck" sourceRef="gw" targetRef="check"><bpmn:conditionExpression>${true}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="direct" sourceRef="gw" targetRef="sign" />""",
                StringComparison.Ordinal);
        await RatingScenario.Ok(admin.PutJsonAsync($"/api/admin/processes/{key}/draft", new { xml }));
        await RatingScenario.Ok(admin.PostJsonAsync($"/api/admin/processes/{key}/publish", new { }));
        var id = await StartAsync(key);
        await CompleteAsync(id, "approve");
        await CompleteAsync(id, "check");

        var view = await admin.GetJsonAsync($"/api/admin/instances/{id}");
        Assert.Equal(["sign"], view.GetProperty("current").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["gw"], view.GetProperty("decided").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["toCheck"], view.GetProperty("taken").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(view.GetProperty("journal").EnumerateArray(), j => j.GetProperty("elementId").GetString() == "gw" && j.GetProperty("detail").GetString() == "→ toCheck");
    }

    [Fact]
    public async Task The_designer_problems_read_in_the_language_the_admin_chose()
    {
        using var admin = await host.SignInAsync("admin");
        var xml = Diagram(Key(), "approve").Replace(" camunda:candidateGroups=\"Admin:all\"", "", StringComparison.Ordinal);

        static string MessageOf(JsonElement answer) =>
            answer.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("elementId").GetString() == "approve").GetProperty("message").GetString()!;

        var english = await RatingScenario.Ok(admin.PostJsonAsync("/api/admin/processes/validate?culture=en-US&ui-culture=en-US", new { xml }));
        Assert.Equal("Not assigned to anyone: choose a group (role × unit), users or an assignee.", MessageOf(english));
        var vietnamese = await RatingScenario.Ok(admin.PostJsonAsync("/api/admin/processes/validate", new { xml }));
        Assert.Equal("Chưa giao cho ai: chọn nhóm xử lý (vai trò × đơn vị), người dùng hoặc người được giao.", MessageOf(vietnamese));
    }

    [Fact]
    public async Task A_designed_form_is_versioned_checked_and_enforced_by_the_server_when_a_task_is_completed_with_it()
    {
        using var admin = await host.SignInAsync("admin");
        var scenario = await new RatingScenario(host).BuildTreeAsync(2);
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
        using var other = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[1]);
        var formKey = $"approval-{Guid.NewGuid():N}"[..20];
        object Schema(string noteLabel) => new
        {
            type = "default",
            components = new object[]
            {
                new { type = "text", text = "# Ý kiến" },
                new { type = "textfield", key = "note", label = noteLabel, validate = new { required = true, minLength = 3, pattern = "^[^<>]*$" } },
                new { type = "number", key = "score", label = "Điểm", validate = new { min = 0, max = 100 } },
                new { type = "select", key = "level", label = "Mức", values = new[] { new { label = "Tốt", value = "good" }, new { label = "Khá", value = "fair" } }, validate = new { required = true } },
                new { type = "group", label = "Khác", components = new object[] { new { type = "checkbox", key = "agree", label = "Đồng ý" } } },
            },
        };

        // Saved twice: versions 1 and 2. Broken schemas are refused with the component named.
        Assert.Equal(1, (await RatingScenario.Ok(admin.PostJsonAsync($"/api/admin/forms/{formKey}", new { name = "Phiếu ý kiến", schema = Schema("Ý kiến") }))).GetProperty("version").GetInt32());
        Assert.Equal(2, (await RatingScenario.Ok(admin.PostJsonAsync($"/api/admin/forms/{formKey}", new { name = "Phiếu ý kiến", schema = Schema("Ý kiến của chi bộ") }))).GetProperty("version").GetInt32());
        var bad = new (object Schema, string Field, string Text)[]
        {
            ("{not json", "schema", "JSON"),
            (new { components = new object[] { new { type = "filepicker", key = "file", label = "Tệp" } } }, "file", "filepicker"),
            (new { components = new object[] { new { type = "textfield", key = "a", label = "A" }, new { type = "textarea", key = "a", label = "B" } } }, "a", "nhiều trường"),
            (new { components = new object[] { new { type = "textfield", key = "a", label = "A", validate = new { pattern = "([" } } } }, "a", "pattern"),
            (new { components = new object[] { new { type = "textfield", key = "có dấu", label = "A" } } }, "có dấu", "tên biến"),
        };
        foreach (var (schema, field, text) in bad)
        {
            var refused = await RatingScenario.Refused(admin.PostJsonAsync($"/api/admin/forms/{formKey}", new { name = "Hỏng", schema }), HttpStatusCode.BadRequest);
            var error = refused.GetProperty("errors")[0];
            Assert.Equal(field, error.GetProperty("field").GetString());
            Assert.Contains(text, error.GetProperty("message").GetString() + refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(2, (await admin.GetJsonAsync($"/api/admin/forms/{formKey}")).GetProperty("version").GetInt32());
        var catalog = await admin.GetJsonAsync("/api/admin/designer/catalog");
        Assert.Contains(catalog.GetProperty("forms").EnumerateArray(), f => f.GetProperty("key").GetString() == $"form:{formKey}");
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostJsonAsync($"/api/admin/forms/{formKey}", new { name = "x", schema = Schema("x") })).StatusCode);

        // A process whose task uses the form, offered to the first branch's secretary.
        var key = Key();
        var xml = Diagram(key, "opinion").Replace("camunda:candidateGroups=\"Admin:all\"",
            $"camunda:candidateGroups=\"BranchSecretary:{scenario.Grassroots[0]}\" camunda:formKey=\"form:{formKey}\"", StringComparison.Ordinal);
        await RatingScenario.Ok(admin.PutJsonAsync($"/api/admin/processes/{key}/draft", new { xml }));
        Assert.DoesNotContain((await RatingScenario.Ok(admin.PostJsonAsync("/api/admin/processes/validate", new { xml }))).GetProperty("problems").EnumerateArray(), p => p.GetProperty("message").GetString()!.Contains("biểu mẫu", StringComparison.Ordinal));
        await RatingScenario.Ok(admin.PostJsonAsync($"/api/admin/processes/{key}/publish", new { }));
        var instance = await StartAsync(key);
        var task = await host.Factory.InScopeAsync((_, db) => db.WfTasks.Where(t => t.InstanceId == instance).Select(t => t.Id).SingleAsync());

        // The secretary gets the latest version of the form; a secretary of another branch does not see the task.
        var view = await secretary.GetJsonAsync($"/api/inbox/tasks/{task}/form");
        Assert.Equal(2, view.GetProperty("version").GetInt32());
        Assert.Equal("Ý kiến của chi bộ", view.GetProperty("schema").GetProperty("components")[1].GetProperty("label").GetString());
        await RatingScenario.Refused(other.GetAsync($"/api/inbox/tasks/{task}/form"), HttpStatusCode.NotFound);
        await RatingScenario.Refused(other.PostJsonAsync($"/api/inbox/tasks/{task}/form", new { values = new { note = "abc", level = "good" } }), HttpStatusCode.NotFound);

        // A hand-crafted POST that breaks the rules: every field named, the task still open.
        var refusedValues = await RatingScenario.Refused(secretary.PostJsonAsync($"/api/inbox/tasks/{task}/form",
            new { values = new { note = "<b>", score = 150, level = "excellent", agree = "yes" } }), HttpStatusCode.BadRequest);
        var fields = refusedValues.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("field").GetString()!, e => e.GetProperty("message").GetString()!);
        Assert.Equal(["agree", "level", "note", "score"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("định dạng", fields["note"], StringComparison.Ordinal);
        Assert.Contains("không được lớn hơn 100", fields["score"], StringComparison.Ordinal);
        var missing = await RatingScenario.Refused(secretary.PostJsonAsync($"/api/inbox/tasks/{task}/form", new { values = new { score = 5 } }), HttpStatusCode.BadRequest);
        Assert.Contains(missing.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "note" && e.GetProperty("message").GetString()!.Contains("bắt buộc", StringComparison.Ordinal));
        Assert.True(await host.Factory.InScopeAsync((_, db) => db.WfTasks.AnyAsync(t => t.Id == task)));

        // Valid values complete the task; only the form's fields become variables.
        await RatingScenario.Ok(secretary.PostJsonAsync($"/api/inbox/tasks/{task}/form",
            new { values = new { note = "Nhất trí đề xuất", score = 92, level = "good", agree = true, injected = "không được lưu" } }));
        var variables = (await admin.GetJsonAsync($"/api/admin/instances/{instance}")).GetProperty("variables");
        Assert.Equal("Nhất trí đề xuất", variables.GetProperty("note").GetProperty("value").GetString());
        Assert.Equal("Long", variables.GetProperty("score").GetProperty("type").GetString());
        Assert.Equal(92, variables.GetProperty("score").GetProperty("value").GetInt32());
        Assert.Equal("good", variables.GetProperty("level").GetProperty("value").GetString());
        Assert.True(variables.GetProperty("agree").GetProperty("value").GetBoolean());
        Assert.False(variables.TryGetProperty("injected", out _));
        Assert.Equal((int)InstanceStatus.Completed, await host.Factory.InScopeAsync((_, db) => db.WfInstances.Where(i => i.Id == instance).Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task An_incident_is_shown_on_its_element_and_retried_after_an_admin_sets_the_missing_variable()
    {
        using var admin = await host.SignInAsync("admin");
        var key = Key();
        // The task's assignee comes from a variable the instance does not have: the engine records an incident there.
        var xml = Diagram(key, "approve").Replace("camunda:candidateGroups=\"Admin:all\"", "camunda:assignee=\"${reviewer}\"", StringComparison.Ordinal);
        await RatingScenario.Ok(admin.PutJsonAsync($"/api/admin/processes/{key}/draft", new { xml }));
        var definitionId = (await RatingScenario.Ok(admin.PostJsonAsync($"/api/admin/processes/{key}/publish", new { }))).GetProperty("id").GetString()!;
        var instance = await StartAsync(key);

        var view = await admin.GetJsonAsync($"/api/admin/instances/{instance}");
        var incident = Assert.Single(view.GetProperty("incidents").EnumerateArray());
        Assert.Equal("approve", incident.GetProperty("elementId").GetString());
        Assert.Contains("reviewer", incident.GetProperty("message").GetString(), StringComparison.Ordinal);
        var stats = (await admin.GetJsonAsync($"/api/admin/process-definitions/{Uri.EscapeDataString(definitionId)}/statistics")).EnumerateArray().Single(s => s.GetProperty("elementId").GetString() == "approve");
        Assert.Equal(1, stats.GetProperty("incidents").GetInt32());
        Assert.Equal(1, (await ProcessAsync(admin, key)).GetProperty("incidents").GetInt32());
        Assert.Equal(1, (await admin.GetJsonAsync($"/api/admin/instances?key={key}&withIncident=true")).GetProperty("total").GetInt32());

        // A bad value is refused; the variable set (audited), the retry creates the task for that person.
        var badValue = await RatingScenario.Refused(admin.PutJsonAsync($"/api/admin/instances/{instance}/variables/reviewer", new { value = new { type = "Integer", value = "abc" } }), HttpStatusCode.BadRequest);
        Assert.Equal("value", badValue.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutJsonAsync($"/api/admin/instances/{instance}/variables/reviewer", new { value = new { type = "String", value = "admin" } })).StatusCode);
        var id = incident.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostJsonAsync($"/api/admin/incidents/{id}/retry", new { })).StatusCode);
        view = await admin.GetJsonAsync($"/api/admin/instances/{instance}");
        Assert.Empty(view.GetProperty("incidents").EnumerateArray());
        Assert.Equal("admin", await host.Factory.InScopeAsync((_, db) => db.WfTasks.Where(t => t.InstanceId == instance).Select(t => t.Assignee).SingleAsync()));
        await RatingScenario.Refused(admin.PostJsonAsync($"/api/admin/incidents/{id}/retry", new { }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_instance_list_finds_a_rating_instance_by_its_subject()
    {
        using var admin = await host.SignInAsync("admin");
        var scenario = await new RatingScenario(host).BuildTreeAsync(2);
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        var roundId = await scenario.OpenRoundAsync(standing, 2041, "366-QĐ/TW", scenario.DecidingUnitId, Web.Ratings.SubjectType.GrassrootsOrganization);
        var file = await host.Factory.InScopeAsync((_, db) => db.Files.IgnoreQueryFilters().Where(f => f.RoundId == roundId).OrderBy(f => f.SubjectName)
            .Select(f => new { f.InstanceId, f.SubjectName }).FirstAsync());
        var found = await admin.GetJsonAsync($"/api/admin/instances?key=rating-subject&businessKey={Uri.EscapeDataString(file.SubjectName)}");
        var item = found.GetProperty("items").EnumerateArray().First(i => i.GetProperty("id").GetGuid() == file.InstanceId);
        Assert.Equal(file.SubjectName, item.GetProperty("subject").GetString());
        Assert.All(found.GetProperty("items").EnumerateArray(), i => Assert.Contains(file.SubjectName, i.GetProperty("subject").GetString() ?? i.GetProperty("businessKey").GetString(), StringComparison.Ordinal));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteDesignerTests(SqliteHost host) : DesignerTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresDesignerTests(PostgresHost host) : DesignerTests(host);
