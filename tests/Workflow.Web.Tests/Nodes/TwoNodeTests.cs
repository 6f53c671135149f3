using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Workflow.Web.Ratings;
using Workflow.Web.Tests.Ratings;

namespace Workflow.Web.Tests.Nodes;

/// <summary>Two nodes of the product on one PostgreSQL and one Redis, started together as real processes.</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public NodeCluster? Cluster { get; private set; }
    public NodeProcess A => Cluster!.Nodes[0];
    public NodeProcess B => Cluster!.Nodes[1];

    public async Task InitializeAsync()
    {
        Cluster = await NodeCluster.CreateAsync(DatabaseKind.Postgres, redis: true, mail: true);
        await Cluster.StartAsync("node-a", "node-b");
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class NodesCollection : ICollectionFixture<TwoNodes>
{
    public const string Name = "nodes";
}

/// <summary>
/// What a province sees with two nodes behind a proxy: one demo seeded once though both started together; one browser
/// session served by either node; live updates and evidence crossing nodes; a race between nodes with one winner; the
/// opening of a large round surviving the death (kill -9) or the graceful stop of the node doing it.
/// </summary>
[Collection(NodesCollection.Name)]
public sealed class TwoNodeTests(TwoNodes nodes)
{
    private NodeCluster Cluster => nodes.Cluster!;

    [Fact]
    public async Task Nodes_started_together_seed_once_and_report_ready_with_their_own_server_and_redis()
    {
        // Both raced for the start-up lock on an empty database: one migrated and seeded, the other waited.
        Assert.Equal(1, await Cluster.ScalarAsync("""SELECT COUNT(*) FROM "AspNetUsers" WHERE "UserName" = 'admin'"""));
        Assert.Equal(await Cluster.ScalarAsync("""SELECT COUNT(*) FROM (SELECT DISTINCT "ParentId", "Name" FROM "Units") u"""),
            await Cluster.ScalarAsync("""SELECT COUNT(*) FROM "Units" """));
        Assert.Equal(await Cluster.ScalarAsync("""SELECT COUNT(DISTINCT "MigrationId") FROM "__EFMigrationsHistory" """),
            await Cluster.ScalarAsync("""SELECT COUNT(*) FROM "__EFMigrationsHistory" """));

        using var http = new HttpClient();
        foreach (var node in new[] { nodes.A, nodes.B })
        {
            var ready = JsonDocument.Parse(await http.GetStringAsync(new Uri(node.Address, "health/ready"))).RootElement;
            Assert.Equal("Healthy", ready.GetProperty("status").GetString());
            var hangfire = ready.GetProperty("checks").GetProperty("hangfire").GetProperty("data");
            Assert.Equal(node.Name, hangfire.GetProperty("node").GetString());
            Assert.Equal(1, hangfire.GetProperty("thisNode").GetInt32());
            Assert.True(hangfire.GetProperty("servers").GetInt32() >= 2);
            Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());

            // Metrics for Prometheus, from loopback: requests, the product's job and queue instruments.
            var metrics = await http.GetStringAsync(new Uri(node.Address, "metrics"));
            Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
            Assert.Contains("workflow_jobs_queued", metrics, StringComparison.Ordinal);
            Assert.Contains("workflow_outbox_backlog", metrics, StringComparison.Ordinal);
        }

        // Through the proxy: the client's address and scheme come from X-Forwarded-*; /metrics answers only locally, and a
        // page asked for over https sets its cookies Secure.
        using (var proxied = new HttpRequestMessage(HttpMethod.Get, new Uri(nodes.A.Address, "metrics")))
        {
            proxied.Headers.Add("X-Forwarded-For", "203.0.113.9");
            Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(proxied)).StatusCode);
        }

        using (var https = new HttpRequestMessage(HttpMethod.Get, new Uri(nodes.A.Address, "Account/Login")))
        {
            https.Headers.Add("X-Forwarded-Proto", "https");
            var page = await http.SendAsync(https);
            Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        }

        // Structured logs: one JSON object per line.
        var line = File.ReadLines(Path.Combine(NodeProcess.LogFolder, "node-a.log")).First(l => l.StartsWith('{'));
        Assert.True(JsonDocument.Parse(line).RootElement.TryGetProperty("Category", out _), line);
    }

    [Fact]
    public async Task One_browser_session_works_on_both_nodes_and_hears_the_other_nodes_changes()
    {
        // Sign in through A; the same cookie and A's antiforgery token act on B (one key ring in the database).
        using var onA = await NodeCluster.SignedInAsync(nodes.A, "admin");
        await onA.GetStringAsync("/Inbox");
        using var onB = NodeCluster.Session(nodes.B, onA.Cookies);
        var inbox = await onB.GetAsync("/Inbox");
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        onB.AntiforgeryToken = await onA.TokenAsync(); // issued by A, checked by B

        // The admin listens on B; the round is opened through A: B's user hears it (SignalR over Redis).
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(nodes.B.Address, "hubs/inbox"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.Cookies = onA.Cookies;
            })
            .Build();
        using var heard = new SemaphoreSlim(0);
        hub.On("tasksChanged", () => heard.Release());
        await hub.StartAsync();
        var roundId = await Cluster.OpenRoundAsync(onA, "HUBG", 2026, SubjectType.GrassrootsOrganization);
        var (status, _, subjects) = await Eventually.ValueAsync<(string Status, int Opened, int Subjects)>(() => NodeCluster.RoundAsync(onB, roundId), r => r.Status is "Open" or "Failed");
        Assert.Equal("Open", status);
        Assert.True(await heard.WaitAsync(TimeSpan.FromSeconds(20)), "The user connected to node B heard nothing of the round opened through node A.");
        await Cluster.AssertOneFileAndInstancePerSubjectAsync(roundId, subjects);

        // Evidence uploaded through A is served by B (kept in the database on PostgreSQL).
        var files = await RatingScenario.FilesAsync(onB, roundId);
        var fileId = files[0].GetProperty("id").GetGuid();
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        var created = await RatingScenario.Ok(onA.PostFileAsync($"/api/files/{fileId}/evidence", "bien-ban.pdf", pdf));
        var download = await onB.GetByteArrayAsync($"/Files/{fileId}?handler=Evidence&evidenceId={created.GetProperty("id").GetGuid()}");
        Assert.Equal(pdf, download);

        // The same file submitted through both nodes at once: one 200, one 409, and one submission recorded.
        var second = files[1].GetProperty("id").GetGuid();
        var detail = await onA.GetJsonAsync($"/api/files/{second}");
        var content = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(RatingScenario.Content(detail.GetProperty("form"), RatingLevel.Good, detail.GetProperty("scoring").GetString() == "Points"), WebSession.JsonOptions))!;
        content["proposedLevel"] = RatingText.Code(RatingLevel.Good);
        var version = detail.GetProperty("file").GetProperty("version").GetInt32();
        var answers = await Task.WhenAll(
            onA.PostJsonAsync($"/api/files/{second}/submit", new { content, version }),
            onB.PostJsonAsync($"/api/files/{second}/submit", new { content, version }));
        var bodies = string.Join(" | ", await Task.WhenAll(answers.Select(async a => $"{(int)a.StatusCode} {await a.Content.ReadAsStringAsync()}")));
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.OK) == 1, bodies);
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.Conflict) == 1, bodies);
        Assert.Equal(1, await Cluster.ScalarAsync($"""SELECT COUNT(*) FROM "FileEvents" WHERE "FileId" = @f AND "Kind" = {(int)FileEventKind.Submitted}""", ("@f", (object)second)));

        // A task completed through A (a third file's self-assessment submitted there): the user on B hears it, no reload.
        while (heard.CurrentCount > 0)
        {
            await heard.WaitAsync();
        }

        var third = files[2].GetProperty("id").GetGuid();
        var thirdDetail = await onA.GetJsonAsync($"/api/files/{third}");
        var submitted = await onA.PostJsonAsync($"/api/files/{third}/submit", new { content, version = thirdDetail.GetProperty("file").GetProperty("version").GetInt32() });
        Assert.True(submitted.StatusCode == HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        Assert.True(await heard.WaitAsync(TimeSpan.FromSeconds(20)), "The user connected to node B heard nothing of the task completed through node A.");
    }

    [Fact]
    public async Task A_round_opening_survives_the_death_and_the_graceful_stop_of_the_node_doing_it()
    {
        using var admin = await NodeCluster.SignedInAsync(nodes.A, "admin");

        // kill -9 of the node running the opening, once it has written some batches: the other node takes it over
        // when the job's invisibility and the round's claim lapse; the dead node comes back and finds it done.
        var first = await Cluster.OpenRoundAsync(admin, "ĐUK", 2026, SubjectType.Member);
        var runner = await RunnerOfAsync(first);
        runner.Kill();
        var written = await Cluster.ScalarAsync("""SELECT COUNT(*) FROM "Files" WHERE "RoundId" = @r""", ("@r", (object)first));
        var survivor = runner == nodes.A ? nodes.B : nodes.A;
        int subjects;
        using (var watcher = await NodeCluster.SignedInAsync(survivor, "admin"))
        {
            var done = await Eventually.ValueAsync(() => NodeCluster.RoundAsync(watcher, first), r => r.Status is "Open" or "Failed", TimeSpan.FromSeconds(120));
            Assert.Equal("Open", done.Status);
            subjects = done.Subjects;
            Assert.Equal(subjects, done.Opened);
        }

        Assert.True(subjects >= 1000, $"a large round: {subjects} subjects");
        Assert.True(written > 0 && written < subjects, $"the node died mid-way ({written} of {subjects} written)");
        await Cluster.AssertOneFileAndInstancePerSubjectAsync(first, subjects);
        await runner.StartAgainAsync();
        await Cluster.AssertOneFileAndInstancePerSubjectAsync(first, subjects);

        // A graceful stop (SIGTERM) of the node opening another round: it hands the job back, the other finishes.
        using var standing = await NodeCluster.SignedInAsync(nodes.B, "btv.binhgiang");
        var second = await Cluster.OpenRoundAsync(standing, "HUBG", 2026, SubjectType.Member);
        var stopping = await RunnerOfAsync(second);
        await stopping.StopAsync();
        var other = stopping == nodes.A ? nodes.B : nodes.A;
        using (var watcher = await NodeCluster.SignedInAsync(other, "admin"))
        {
            var done = await Eventually.ValueAsync(() => NodeCluster.RoundAsync(watcher, second), r => r.Status is "Open" or "Failed", TimeSpan.FromSeconds(120));
            Assert.Equal("Open", done.Status);
            await Cluster.AssertOneFileAndInstancePerSubjectAsync(second, done.Subjects);
        }

        await stopping.StartAgainAsync();
    }

    private Task<NodeProcess> RunnerOfAsync(Guid roundId) =>
        Cluster.RunnerOfAsync("RoundOpeningJob", roundId, () => Cluster.ScalarAsync("""SELECT COUNT(*) FROM "Files" WHERE "RoundId" = @r""", ("@r", (object)roundId)));
}
