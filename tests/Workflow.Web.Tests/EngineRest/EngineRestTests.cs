using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflow.Web.Identity;

namespace Workflow.Web.Tests.EngineRest;

/// <summary>/engine-rest over HTTP with Basic authentication, in Camunda's shapes and status codes.</summary>
public abstract class EngineRestTests(AppHost host)
{
    protected HttpClient Client(string user, string password = WebSession.DemoPassword) => host.BasicClient(user, password);

    protected static string Key(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private static string Bpmn(string key, string body) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.31.0">
          <bpmn:message id="minutes" name="minutesUploaded" />
          <bpmn:process id="{key}" name="Quy trình thử" isExecutable="true" camunda:historyTimeToLive="180">{body}</bpmn:process>
        </bpmn:definitions>
        """;

    private static string ReviewBody => """
        <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" />
        <bpmn:userTask id="review" name="Thẩm định" camunda:candidateGroups="OrganizationBoard" camunda:formKey="rating:board-review" />
        <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="work" />
        <bpmn:serviceTask id="work" camunda:type="external" camunda:topic="rest-test" />
        <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="e" /><bpmn:endEvent id="e" />
        """;

    /// <summary>The multipart body Camunda Modeler's deploy dialog sends.</summary>
    private static MultipartFormDataContent ModelerDeployment(string fileName, string xml)
    {
        var content = new MultipartFormDataContent("----CamundaModelerBoundary");
        content.Add(new StringContent("Triển khai thử"), "deployment-name");
        content.Add(new StringContent("true"), "deploy-changed-only");
        content.Add(new StringContent("Camunda Modeler"), "deployment-source");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(xml));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, fileName, fileName);
        return content;
    }

    protected async Task<string> DeployAsync(string key, string body)
    {
        using var admin = Client("admin");
        var response = await admin.PostAsync(new Uri("/engine-rest/deployment/create", UriKind.Relative), ModelerDeployment($"{key}.bpmn", Bpmn(key, body)));
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json);
        return json;
    }

    [Fact]
    public async Task Version_needs_a_valid_Basic_login()
    {
        using var anonymous = host.Factory.CreateClient();
        var refused = await anonymous.GetAsync(new Uri("/engine-rest/version", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("AuthenticationException", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());

        using var wrong = Client("admin", "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(new Uri("/engine-rest/version", UriKind.Relative))).StatusCode);

        using var admin = Client("admin");
        var version = await admin.GetFromJsonAsync<JsonElement>(new Uri("/engine-rest/version", UriKind.Relative));
        Assert.StartsWith("7.", version.GetProperty("version").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Modeler_deploys_and_an_unchanged_redeploy_creates_no_version()
    {
        var key = Key("modeler");
        var first = JsonDocument.Parse(await DeployAsync(key, ReviewBody)).RootElement;
        var definition = first.GetProperty("deployedProcessDefinitions").EnumerateObject().Single().Value;
        Assert.Equal(key, definition.GetProperty("key").GetString());
        Assert.Equal(1, definition.GetProperty("version").GetInt32());
        Assert.Equal("Camunda Modeler", first.GetProperty("source").GetString());

        var again = JsonDocument.Parse(await DeployAsync(key, ReviewBody)).RootElement;
        Assert.Empty(again.GetProperty("deployedProcessDefinitions").EnumerateObject());

        using var admin = Client("admin");
        var list = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/process-definition?key={key}&latestVersion=true", UriKind.Relative));
        Assert.Equal(1, list.GetArrayLength());
        var xml = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/process-definition/key/{key}/xml", UriKind.Relative));
        Assert.Contains("Thẩm định", xml.GetProperty("bpmn20Xml").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_file_is_a_400_listing_every_element_and_nothing_is_deployed()
    {
        var key = Key("bad");
        using var admin = Client("admin");
        var response = await admin.PostAsync(new Uri("/engine-rest/deployment/create", UriKind.Relative), ModelerDeployment("bad.bpmn", Bpmn(key, """
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g" /><bpmn:exclusiveGateway id="g" />
            <bpmn:scriptTask id="script" />
            """)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var ids = body.GetProperty("details").GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("elementId").GetString()).ToList();
        Assert.Contains("g", ids);
        Assert.Contains("script", ids);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri($"/engine-rest/process-definition/key/{key}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Only_admins_deploy()
    {
        using var reviewer = Client("btc.khoi");
        var response = await reviewer.PostAsync(new Uri("/engine-rest/deployment/create", UriKind.Relative), ModelerDeployment("x.bpmn", Bpmn(Key("x"), ReviewBody)));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Start_checks_variable_types_and_tasks_are_visible_only_to_their_candidates()
    {
        var key = Key("tasks");
        await DeployAsync(key, ReviewBody);
        using var admin = Client("admin");

        var wrongType = await admin.PostAsJsonAsync(new Uri($"/engine-rest/process-definition/key/{key}/start", UriKind.Relative),
            new { variables = new { year = new { value = "năm nay", type = "Integer" } } });
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("year", (await wrongType.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);

        var started = await admin.PostAsJsonAsync(new Uri($"/engine-rest/process-definition/key/{key}/start", UriKind.Relative),
            new { businessKey = "REST-1", variables = new { year = new { value = 2026, type = "Integer" }, unit = new { value = "Sở Công Thương", type = "String" } } });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using var board = Client("btc.khoi");
        var tasks = await board.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/task?processInstanceId={instanceId}", UriKind.Relative));
        var task = Assert.Single(tasks.EnumerateArray());
        Assert.Equal("rating:board-review", task.GetProperty("formKey").GetString());
        var taskId = task.GetProperty("id").GetString();

        using var member = Client("dangvien");
        Assert.Equal(0, (await member.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/task?processInstanceId={instanceId}", UriKind.Relative))).GetArrayLength());
        // A task the caller cannot see answers 404 for writes too, like one that does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await member.PostAsJsonAsync(new Uri($"/engine-rest/task/{taskId}/complete", UriKind.Relative), new { })).StatusCode);

        var variables = await board.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/task/{taskId}/variables", UriKind.Relative));
        Assert.Equal(2026, variables.GetProperty("year").GetProperty("value").GetInt32());
        Assert.Equal("Integer", variables.GetProperty("year").GetProperty("type").GetString());

        // Camunda's candidate filters: offered to the group and unassigned; another group or a user not named finds nothing.
        async Task<int> CountAsync(string filter) =>
            (await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/task?processInstanceId={instanceId}&{filter}", UriKind.Relative))).GetArrayLength();
        Assert.Equal(1, await CountAsync("candidateGroup=OrganizationBoard"));
        Assert.Equal(1, await CountAsync("candidateGroups=StandingCommittee,OrganizationBoard"));
        Assert.Equal(0, await CountAsync("candidateGroup=StandingCommittee"));
        Assert.Equal(0, await CountAsync("candidateUser=btc.khoi"));
        Assert.Equal(HttpStatusCode.NoContent, (await board.PostAsJsonAsync(new Uri($"/engine-rest/task/{taskId}/claim", UriKind.Relative), new { userId = "btc.khoi" })).StatusCode);
        Assert.Equal(0, await CountAsync("candidateGroup=OrganizationBoard"));
        Assert.Equal(1, await CountAsync("assignee=btc.khoi"));
        Assert.Equal(HttpStatusCode.NoContent, (await board.PostAsJsonAsync(new Uri($"/engine-rest/task/{taskId}/complete", UriKind.Relative),
            new { variables = new { level = new { value = "HTTNV", type = "String" } } })).StatusCode);
        var twice = await board.PostAsJsonAsync(new Uri($"/engine-rest/task/{taskId}/complete", UriKind.Relative), new { });
        Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
        Assert.Equal("InvalidRequestException", (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_worker_fetches_locks_and_completes_an_external_task_and_others_cannot()
    {
        var key = Key("worker");
        await DeployAsync(key, ReviewBody);
        await EnsureWorkerAsync("worker1");
        using var admin = Client("admin");
        var started = await admin.PostAsJsonAsync(new Uri($"/engine-rest/process-definition/key/{key}/start", UriKind.Relative),
            new { variables = new { amount = new { value = 3, type = "Integer" } } });
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var taskId = (await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/task?processInstanceId={instanceId}", UriKind.Relative)))[0].GetProperty("id").GetString();
        await admin.PostAsJsonAsync(new Uri($"/engine-rest/task/{taskId}/complete", UriKind.Relative), new { });

        using var worker = Client("worker1", "Worker@2026");
        var fetched = await worker.PostAsJsonAsync(new Uri("/engine-rest/external-task/fetchAndLock", UriKind.Relative), new
        {
            workerId = "w-1", maxTasks = 10, usePriority = true, asyncResponseTimeout = 2000,
            topics = new[] { new { topicName = "rest-test", lockDuration = 60000, variables = new[] { "amount" } } },
        });
        var locked = (await fetched.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single(t => t.GetProperty("processInstanceId").GetString() == instanceId);
        Assert.Equal(3, locked.GetProperty("variables").GetProperty("amount").GetProperty("value").GetInt32());
        var externalId = locked.GetProperty("id").GetString();

        var stolen = await worker.PostAsJsonAsync(new Uri($"/engine-rest/external-task/{externalId}/complete", UriKind.Relative), new { workerId = "w-2" });
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        var again = await worker.PostAsJsonAsync(new Uri("/engine-rest/external-task/fetchAndLock", UriKind.Relative), new
        {
            workerId = "w-2", maxTasks = 10, topics = new[] { new { topicName = "rest-test", lockDuration = 60000 } },
        });
        Assert.DoesNotContain((await again.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray(), t => t.GetProperty("id").GetString() == externalId);

        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync(new Uri($"/engine-rest/external-task/{externalId}/complete", UriKind.Relative),
            new { workerId = "w-1", variables = new { checkedBy = new { value = "w-1", type = "String" } } })).StatusCode);
        var instance = await admin.GetAsync(new Uri($"/engine-rest/process-instance/{instanceId}", UriKind.Relative));
        Assert.True((await instance.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ended").GetBoolean());

        using var reviewer = Client("btc.khoi");
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsJsonAsync(new Uri("/engine-rest/external-task/fetchAndLock", UriKind.Relative), new { workerId = "x", maxTasks = 1, topics = Array.Empty<object>() })).StatusCode);
    }

    [Fact]
    public async Task Malformed_requests_get_a_400_naming_the_field()
    {
        await EnsureWorkerAsync("worker1");
        using var worker = Client("worker1", "Worker@2026");
        var noWorker = await worker.PostAsJsonAsync(new Uri("/engine-rest/external-task/fetchAndLock", UriKind.Relative), new { maxTasks = 1, topics = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, noWorker.StatusCode);
        Assert.Contains("workerId", (await noWorker.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);

        using var admin = Client("admin");
        var notJson = await admin.PostAsync(new Uri("/engine-rest/message", UriKind.Relative), new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        var noMatch = await admin.PostAsJsonAsync(new Uri("/engine-rest/message", UriKind.Relative), new { messageName = "khong-ai-cho" });
        Assert.Equal(HttpStatusCode.BadRequest, noMatch.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync(new Uri("/engine-rest/task?sortBy=nonsense", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task History_activity_tree_statistics_and_incidents_describe_what_happened()
    {
        var key = Key("history");
        await DeployAsync(key, ReviewBody);
        await EnsureWorkerAsync("worker1");
        using var admin = Client("admin");
        var started = await admin.PostAsJsonAsync(new Uri($"/engine-rest/process-definition/key/{key}/start", UriKind.Relative), new { businessKey = "H-1" });
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var definitionId = (await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/process-definition/key/{key}", UriKind.Relative))).GetProperty("id").GetString();

        var tree = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/process-instance/{instanceId}/activity-instances", UriKind.Relative));
        Assert.Equal("review", tree.GetProperty("childActivityInstances")[0].GetProperty("activityId").GetString());
        var stats = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/process-definition/{definitionId}/statistics", UriKind.Relative));
        Assert.Contains(stats.EnumerateArray(), s => s.GetProperty("id").GetString() == "review" && s.GetProperty("instances").GetInt32() == 1);

        var taskId = (await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/task?processInstanceId={instanceId}", UriKind.Relative)))[0].GetProperty("id").GetString();
        await admin.PostAsJsonAsync(new Uri($"/engine-rest/task/{taskId}/complete", UriKind.Relative), new { });
        using var worker = Client("worker1", "Worker@2026");
        var fetched = await worker.PostAsJsonAsync(new Uri("/engine-rest/external-task/fetchAndLock", UriKind.Relative),
            new { workerId = "w-h", maxTasks = 50, topics = new[] { new { topicName = "rest-test", lockDuration = 60000 } } });
        var external = (await fetched.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single(t => t.GetProperty("processInstanceId").GetString() == instanceId);
        await worker.PostAsJsonAsync(new Uri($"/engine-rest/external-task/{external.GetProperty("id").GetString()}/failure", UriKind.Relative),
            new { workerId = "w-h", errorMessage = "không kết nối được", retries = 0, retryTimeout = 0 });

        var incidents = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/incident?processInstanceId={instanceId}", UriKind.Relative));
        var incident = Assert.Single(incidents.EnumerateArray());
        Assert.Equal(("failedExternalTask", "work", "không kết nối được"),
            (incident.GetProperty("incidentType").GetString(), incident.GetProperty("activityId").GetString(), incident.GetProperty("incidentMessage").GetString()));

        var activities = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/history/activity-instance?processInstanceId={instanceId}", UriKind.Relative));
        var review = activities.EnumerateArray().Single(a => a.GetProperty("activityId").GetString() == "review");
        Assert.NotEqual(JsonValueKind.Null, review.GetProperty("endTime").ValueKind);
        var tasks = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/history/task?processInstanceId={instanceId}", UriKind.Relative));
        Assert.Equal("completed", Assert.Single(tasks.EnumerateArray()).GetProperty("deleteReason").GetString());
        var history = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/history/process-instance?processInstanceId={instanceId}", UriKind.Relative));
        Assert.Equal(("ACTIVE", "H-1"), (history[0].GetProperty("state").GetString(), history[0].GetProperty("businessKey").GetString()));

        // One historic instance by id, as Camunda's clients read it; an unknown id is Camunda's JSON 404.
        var one = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/history/process-instance/{instanceId}", UriKind.Relative));
        Assert.Equal((instanceId, "H-1", key, "ACTIVE"), (one.GetProperty("id").GetString(), one.GetProperty("businessKey").GetString(),
            one.GetProperty("processDefinitionKey").GetString(), one.GetProperty("state").GetString()));
        var unknown = await admin.GetAsync(new Uri($"/engine-rest/history/process-instance/{Guid.NewGuid()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("InvalidRequestException", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());

        // Variables of the instance: the one the worker never set is absent, a set one is typed; a name filter narrows.
        var setVariable = await admin.PostAsJsonAsync(new Uri($"/engine-rest/process-instance/{instanceId}/variables", UriKind.Relative),
            new { modifications = new { note = new { value = "ghi chú", type = "String" }, count = new { value = 3, type = "Integer" } } });
        Assert.Equal(HttpStatusCode.NoContent, setVariable.StatusCode);
        var variables = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/history/variable-instance?processInstanceId={instanceId}", UriKind.Relative));
        var note = variables.EnumerateArray().Single(v => v.GetProperty("name").GetString() == "note");
        Assert.Equal(("String", "ghi chú", instanceId), (note.GetProperty("type").GetString(), note.GetProperty("value").GetString(), note.GetProperty("processInstanceId").GetString()));
        var named = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/history/variable-instance?processInstanceIdIn={instanceId}&variableNameLike=co%25", UriKind.Relative));
        Assert.Equal(("count", "Integer", 3), (Assert.Single(named.EnumerateArray()).GetProperty("name").GetString(), named[0].GetProperty("type").GetString(), named[0].GetProperty("value").GetInt32()));
        var noInstance = await admin.GetAsync(new Uri("/engine-rest/history/variable-instance", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, noInstance.StatusCode);
        Assert.Contains("processInstanceId", (await noInstance.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);

        // Historic incidents: open now; resolved (with an end time) once the retries are set again.
        var open = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/history/incident?processInstanceId={instanceId}", UriKind.Relative));
        var opened = Assert.Single(open.EnumerateArray());
        Assert.Equal((true, false, "work", "không kết nối được"), (opened.GetProperty("open").GetBoolean(), opened.GetProperty("resolved").GetBoolean(),
            opened.GetProperty("activityId").GetString(), opened.GetProperty("incidentMessage").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync(new Uri($"/engine-rest/external-task/{external.GetProperty("id").GetString()}/retries", UriKind.Relative),
            new { retries = 1 })).StatusCode);
        var after = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/history/incident?processInstanceId={instanceId}&resolved=true", UriKind.Relative));
        var resolved = Assert.Single(after.EnumerateArray());
        Assert.Equal((false, true), (resolved.GetProperty("open").GetBoolean(), resolved.GetProperty("resolved").GetBoolean()));
        Assert.NotEqual(JsonValueKind.Null, resolved.GetProperty("endTime").ValueKind);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/history/incident?processInstanceId={instanceId}&open=true", UriKind.Relative))).EnumerateArray());
    }

    [Fact]
    public async Task Unknown_paths_under_engine_rest_answer_camundas_json_404_never_a_page()
    {
        using var admin = Client("admin");
        foreach (var (method, path) in new[] { ("GET", "/engine-rest/no-such-thing"), ("POST", "/engine-rest/process-instance/abc/def/ghi"), ("GET", "/engine-rest/history/job-log") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = method == "GET" ? null : JsonContent.Create(new { }) };
            var response = await admin.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("InvalidRequestException", body.GetProperty("type").GetString());
            Assert.Contains(path, body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        // A signed-in browser (cookie, no Basic) gets the same JSON, not the product's HTML error page or a 401.
        using var browser = await WebSession.SignedInAsync(host.Factory, "btc.khoi");
        var cookie = await browser.GetAsync("/engine-rest/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, cookie.StatusCode);
        Assert.Equal("InvalidRequestException", (await cookie.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Deleting_a_deployment_is_refused_while_instances_run_unless_cascade()
    {
        var key = Key("delete");
        var deploymentId = JsonDocument.Parse(await DeployAsync(key, ReviewBody)).RootElement.GetProperty("id").GetString();
        using var admin = Client("admin");
        var deployments = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/deployment?id={deploymentId}", UriKind.Relative));
        Assert.Equal("Triển khai thử", Assert.Single(deployments.EnumerateArray()).GetProperty("name").GetString());
        var started = await admin.PostAsJsonAsync(new Uri($"/engine-rest/process-definition/key/{key}/start", UriKind.Relative), new { });
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var refused = await admin.DeleteAsync(new Uri($"/engine-rest/deployment/{deploymentId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("cascade", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(new Uri($"/engine-rest/deployment/{deploymentId}?cascade=true", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri($"/engine-rest/deployment/{deploymentId}", UriKind.Relative))).StatusCode);
        var history = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/history/process-instance?processInstanceId={instanceId}", UriKind.Relative));
        Assert.Equal("EXTERNALLY_TERMINATED", history[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Messages_correlate_by_business_key_and_instance_variables_can_be_changed()
    {
        var key = Key("msg");
        await DeployAsync(key, """
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
            <bpmn:receiveTask id="wait" messageRef="minutes" />
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after" /><bpmn:userTask id="after" />
            <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="e" /><bpmn:endEvent id="e" />
            """);
        using var admin = Client("admin");
        var started = await admin.PostAsJsonAsync(new Uri($"/engine-rest/process-definition/key/{key}/start", UriKind.Relative), new { businessKey = "CB-42" });
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var changed = await admin.PostAsJsonAsync(new Uri($"/engine-rest/process-instance/{instanceId}/variables", UriKind.Relative),
            new { modifications = new { note = new { value = "{\"a\":1}", type = "Json" } } });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        var variables = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/process-instance/{instanceId}/variables", UriKind.Relative));
        Assert.Equal("Json", variables.GetProperty("note").GetProperty("type").GetString());

        var correlated = await admin.PostAsJsonAsync(new Uri("/engine-rest/message", UriKind.Relative), new
        {
            messageName = "minutesUploaded", businessKey = "CB-42", resultEnabled = true,
            processVariables = new { votes = new { value = 12, type = "Integer" } },
        });
        Assert.Equal(HttpStatusCode.OK, correlated.StatusCode);
        Assert.Equal("Execution", (await correlated.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("resultType").GetString());
        var tasks = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/task?processInstanceId={instanceId}", UriKind.Relative));
        Assert.Equal("after", Assert.Single(tasks.EnumerateArray()).GetProperty("taskDefinitionKey").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_description_lists_the_endpoints_and_the_API_page_is_for_admins()
    {
        using var admin = await host.SignInAsync("admin");
        var json = await admin.GetStringAsync("/openapi/engine-rest.json");
        Assert.Contains("/engine-rest/external-task/fetchAndLock", json, StringComparison.Ordinal);
        Assert.Contains("/engine-rest/deployment/create", json, StringComparison.Ordinal);
        Assert.Contains("Tài liệu API", await admin.GetStringAsync("/Api"));

        using var reviewer = await host.SignInAsync("btc.khoi");
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/Api")).StatusCode);
    }

    [Fact]
    public async Task Two_simultaneous_completions_of_one_task_give_one_204_and_one_error_in_Camundas_shape()
    {
        var key = Key("race");
        await DeployAsync(key, ReviewBody);
        using var admin = Client("admin");
        var started = await admin.PostAsJsonAsync(new Uri($"/engine-rest/process-definition/key/{key}/start", UriKind.Relative), new { });
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var taskId = (await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/task?processInstanceId={instanceId}", UriKind.Relative)))[0].GetProperty("id").GetString();

        using var other = Client("admin");
        var responses = await Task.WhenAll(
            admin.PostAsJsonAsync(new Uri($"/engine-rest/task/{taskId}/complete", UriKind.Relative), new { }),
            other.PostAsJsonAsync(new Uri($"/engine-rest/task/{taskId}/complete", UriKind.Relative), new { }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.NoContent);
        var loser = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.NoContent);
        Assert.Contains(loser.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.BadRequest });
        var error = await loser.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(error.TryGetProperty("type", out _) && error.TryGetProperty("message", out _));
        var history = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/history/task?processInstanceId={instanceId}", UriKind.Relative));
        Assert.Equal("completed", Assert.Single(history.EnumerateArray()).GetProperty("deleteReason").GetString());
    }

    private async Task<List<string>> StartExternalTasksAsync(string key, int count)
    {
        await DeployAsync(key, $"""
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
            <bpmn:serviceTask id="work" camunda:type="external" camunda:topic="{key}" />
            <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" /><bpmn:endEvent id="e" />
            """);
        using var admin = Client("admin");
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var started = await admin.PostAsJsonAsync(new Uri($"/engine-rest/process-definition/key/{key}/start", UriKind.Relative), new { businessKey = $"{key}-{i}" });
            ids.Add((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        return ids;
    }

    private static async Task<List<JsonElement>> FetchAsync(HttpClient worker, string workerId, string topic, int maxTasks, long lockDuration = 60000)
    {
        var response = await worker.PostAsJsonAsync(new Uri("/engine-rest/external-task/fetchAndLock", UriKind.Relative),
            new { workerId, maxTasks, topics = new[] { new { topicName = topic, lockDuration } } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
    }

    [Fact]
    public async Task An_expired_lock_makes_the_task_fetchable_again_and_the_old_worker_is_refused()
    {
        var key = Key("expiry");
        await StartExternalTasksAsync(key, 1);
        await EnsureWorkerAsync("worker1");
        using var worker = Client("worker1", "Worker@2026");

        // A ten-second lock (the shifted clock also runs in real time: a lock of a few hundred milliseconds ran out on a
        // busy machine between these two calls), then the clock is moved past it.
        var first = Assert.Single(await FetchAsync(worker, "slow", key, 5, lockDuration: 10_000));
        Assert.Empty(await FetchAsync(worker, "fast", key, 5)); // still locked
        host.Clock.Advance(TimeSpan.FromSeconds(11)); // the lock runs out

        var second = Assert.Single(await FetchAsync(worker, "fast", key, 5));
        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal("fast", second.GetProperty("workerId").GetString());
        var id = second.GetProperty("id").GetString();

        var late = await worker.PostAsJsonAsync(new Uri($"/engine-rest/external-task/{id}/complete", UriKind.Relative), new { workerId = "slow" });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("slow", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync(new Uri($"/engine-rest/external-task/{id}/complete", UriKind.Relative), new { workerId = "fast" })).StatusCode);
    }

    [Fact]
    public async Task Concurrent_workers_lock_in_batches_and_never_get_the_same_task()
    {
        var key = Key("batch");
        var instances = await StartExternalTasksAsync(key, 24);
        await EnsureWorkerAsync("worker1");
        using var worker = Client("worker1", "Worker@2026");

        var batches = await Task.WhenAll(Enumerable.Range(0, 4).Select(w => FetchAsync(worker, $"w{w}", key, 10)));
        var all = batches.SelectMany(b => b).ToList();
        Assert.Equal(all.Count, all.Select(t => t.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(batches, b => Assert.True(b.Count <= 10));
        Assert.All(batches.SelectMany((b, w) => b.Select(t => (t, w))), x => Assert.Equal($"w{x.w}", x.t.GetProperty("workerId").GetString()));

        // Whatever the race left unlocked is fetched now; in the end every task was handed out exactly once.
        var rest = await FetchAsync(worker, "late", key, 50);
        var ids = all.Concat(rest).Select(t => t.GetProperty("processInstanceId").GetString()).ToList();
        Assert.Equal(instances.Order(), ids.Order());
    }

    [Fact]
    public async Task Task_variables_local_variables_and_form_variables_follow_Camunda()
    {
        var key = Key("taskvars");
        await DeployAsync(key, ReviewBody);
        using var admin = Client("admin");
        var started = await admin.PostAsJsonAsync(new Uri($"/engine-rest/process-definition/key/{key}/start", UriKind.Relative),
            new { variables = new { unitName = new { value = "Chi bộ Văn phòng", type = "String" } } });
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var taskId = (await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/task?processInstanceId={instanceId}", UriKind.Relative)))[0].GetProperty("id").GetString();
        var task = $"/engine-rest/task/{taskId}";

        using var board = Client("btc.khoi");
        Assert.Equal(HttpStatusCode.NoContent, (await board.PutAsJsonAsync(new Uri($"{task}/localVariables/draftLevel", UriKind.Relative),
            new { value = "HTTNV", type = "String" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await board.PostAsJsonAsync(new Uri($"{task}/variables", UriKind.Relative),
            new { modifications = new { score = new { value = 87, type = "Integer" } } })).StatusCode);

        var locals = await board.GetFromJsonAsync<JsonElement>(new Uri($"{task}/localVariables", UriKind.Relative));
        Assert.Equal(["draftLevel"], locals.EnumerateObject().Select(p => p.Name));
        var visible = await board.GetFromJsonAsync<JsonElement>(new Uri($"{task}/variables", UriKind.Relative));
        Assert.Equal(["draftLevel", "score", "unitName"], visible.EnumerateObject().Select(p => p.Name).Order());
        var one = await board.GetFromJsonAsync<JsonElement>(new Uri($"{task}/variables/score", UriKind.Relative));
        Assert.Equal(("Integer", 87), (one.GetProperty("type").GetString(), one.GetProperty("value").GetInt32()));
        var form = await board.GetFromJsonAsync<JsonElement>(new Uri($"{task}/form-variables?variableNames=unitName,score", UriKind.Relative));
        Assert.Equal(["score", "unitName"], form.EnumerateObject().Select(p => p.Name).Order());

        // Task-local variables are not the process's.
        var process = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/engine-rest/process-instance/{instanceId}/variables", UriKind.Relative));
        Assert.False(process.TryGetProperty("draftLevel", out _));
        Assert.Equal(87, process.GetProperty("score").GetProperty("value").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await board.DeleteAsync(new Uri($"{task}/localVariables/draftLevel", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await board.GetAsync(new Uri($"{task}/localVariables/draftLevel", UriKind.Relative))).StatusCode);
        var wrongType = await board.PutAsJsonAsync(new Uri($"{task}/variables/score", UriKind.Relative), new { value = "tám mươi", type = "Integer" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("score", (await wrongType.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);

        // Someone with no right to the task: reading and writing are both a 404, as for a task that does not exist.
        using var member = Client("dangvien");
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(new Uri($"{task}/variables", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.PutAsJsonAsync(new Uri($"{task}/variables/score", UriKind.Relative),
            new { value = 1, type = "Integer" })).StatusCode);
    }

    [Fact]
    public async Task Oversized_bodies_are_refused_with_413_but_deployments_have_room()
    {
        using var admin = Client("admin");
        var padding = new string('x', (int)Workflow.Web.EngineRest.EngineRestFeature.MaxJsonBodyBytes);
        var huge = await admin.PostAsync(new Uri("/engine-rest/message", UriKind.Relative),
            new StringContent("{\"messageName\":\"m\",\"processVariables\":{\"p\":{\"value\":\"" + padding + "\",\"type\":\"String\"}}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        var error = await huge.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("InvalidRequestException", error.GetProperty("type").GetString());
        Assert.Contains("quá lớn", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        // A BPMN file of 1.5 MB (a long documentation text) is within the deployment limit.
        var key = Key("large");
        var documentation = $"<bpmn:documentation>{new string('d', 1_500_000)}</bpmn:documentation>";
        var response = await admin.PostAsync(new Uri("/engine-rest/deployment/create", UriKind.Relative),
            ModelerDeployment($"{key}.bpmn", Bpmn(key, documentation + ReviewBody)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_fetch_offers_neither_a_task_out_of_retries_nor_one_waiting_for_its_retry_time_nor_a_locked_one()
    {
        var key = Key("offer");
        await DeployAsync(key, $"""
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
            <bpmn:serviceTask id="work" camunda:type="external" camunda:topic="{key}" />
            <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" /><bpmn:endEvent id="e" />
            """);
        await EnsureWorkerAsync("worker1");
        using var admin = Client("admin");
        for (var n = 0; n < 4; n++)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync(new Uri($"/engine-rest/process-definition/key/{key}/start", UriKind.Relative), new { })).StatusCode);
        }

        using var worker = Client("worker1", "Worker@2026");
        async Task<List<string>> FetchAsync(string workerId, int maxTasks = 10) =>
            [.. (await (await worker.PostAsJsonAsync(new Uri("/engine-rest/external-task/fetchAndLock", UriKind.Relative),
                new { workerId, maxTasks, topics = new[] { new { topicName = key, lockDuration = 60000 } } })).Content.ReadFromJsonAsync<JsonElement>())
                .EnumerateArray().Select(t => t.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];

        var all = await FetchAsync("w-1");
        Assert.Equal(4, all.Count);
        async Task PostAsync(string id, string action, object body) =>
            Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync(new Uri($"/engine-rest/external-task/{id}/{action}", UriKind.Relative), body)).StatusCode);
        await PostAsync(all[0], "failure", new { workerId = "w-1", errorMessage = "hết lượt", retries = 0, retryTimeout = 0 });
        await PostAsync(all[1], "failure", new { workerId = "w-1", errorMessage = "thử lại sau", retries = 2, retryTimeout = 600_000 });
        await PostAsync(all[2], "unlock", new { });
        // all[3] stays locked by w-1 for a minute.

        // One task asked for: the query itself must pass over the first two (ordered by id), not leave them to the lock.
        Assert.Equal([all[2]], await FetchAsync("w-2", maxTasks: 1));
        Assert.Empty(await FetchAsync("w-3"));
    }

    protected Task EnsureWorkerAsync(string userName) =>
        host.Factory.InScopeAsync(async (sp, db) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync(userName) is not null)
            {
                return;
            }

            var unit = await db.Units.FirstAsync(u => u.Code == "TU");
            var user = new AppUser { UserName = userName, FullName = "Bộ xử lý thử", UnitId = unit.Id };
            Assert.True((await users.CreateAsync(user, "Worker@2026")).Succeeded);
            await users.AddToRoleAsync(user, Roles.Worker);
        });
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteEngineRestTests(SqliteHost host) : EngineRestTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresEngineRestTests(PostgresHost host) : EngineRestTests(host)
{
    [Fact]
    public async Task A_fetch_takes_the_tasks_of_instances_nobody_holds_instead_of_waiting_for_the_others()
    {
        var key = Key("skip");
        await DeployAsync(key, $"""
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
            <bpmn:serviceTask id="work" camunda:type="external" camunda:topic="{key}" />
            <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" /><bpmn:endEvent id="e" />
            """);
        await EnsureWorkerAsync("worker1");
        using var admin = Client("admin");
        var instances = new List<string>();
        for (var n = 0; n < 4; n++)
        {
            var started = await admin.PostAsJsonAsync(new Uri($"/engine-rest/process-definition/key/{key}/start", UriKind.Relative), new { });
            instances.Add((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        // Another transaction (a user's command, another worker's fetch) holds the first two instances.
        var connectionString = await host.Factory.InScopeAsync((_, db) => Task.FromResult(db.Database.GetConnectionString()!));
        await using var holder = new NpgsqlConnection(connectionString);
        await holder.OpenAsync();
        await using var held = await holder.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("""SELECT 1 FROM "WfInstances" WHERE "Id" = ANY($1) FOR UPDATE""", holder, held))
        {
            hold.Parameters.Add(new NpgsqlParameter { Value = instances.Take(2).Select(Guid.Parse).ToArray() });
            await hold.ExecuteNonQueryAsync();
        }

        using var worker = Client("worker1", "Worker@2026");
        async Task<List<string>> FetchAsync(string workerId)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15)); // waiting on the held rows would end here
            var fetched = await worker.PostAsJsonAsync(new Uri("/engine-rest/external-task/fetchAndLock", UriKind.Relative),
                new { workerId, maxTasks = 4, topics = new[] { new { topicName = key, lockDuration = 60000 } } }, patience.Token);
            Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
            return [.. (await fetched.Content.ReadFromJsonAsync<JsonElement>(patience.Token)).EnumerateArray().Select(t => t.GetProperty("processInstanceId").GetString()!).Order(StringComparer.Ordinal)];
        }

        Assert.Equal([.. instances.Skip(2).Order(StringComparer.Ordinal)], await FetchAsync("w-1"));

        await held.RollbackAsync();
        Assert.Equal([.. instances.Take(2).Order(StringComparer.Ordinal)], await FetchAsync("w-2"));
        Assert.Empty(await FetchAsync("w-3"));
    }
}
