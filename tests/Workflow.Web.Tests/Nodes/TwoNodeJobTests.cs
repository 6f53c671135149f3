using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Awards;
using Workflow.Web.Mail;
using Workflow.Web.Org;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;
using Workflow.Web.Tests.Awards;
using Workflow.Web.Tests.Processes;

namespace Workflow.Web.Tests.Nodes;

/// <summary>
/// Background work on two nodes at once: certificates finished by the other node when the issuing node dies, reminder
/// scans running on both nodes together, engine timers woken on both nodes. Each is counted in the database and, for
/// mail, at the SMTP server: nothing twice, nothing missing.
/// </summary>
[Collection(NodesCollection.Name)]
public sealed class TwoNodeJobTests(TwoNodes nodes)
{
    private NodeCluster Cluster => nodes.Cluster!;

    [Fact]
    public async Task Certificates_of_a_node_killed_while_issuing_are_finished_by_the_other_once_with_gap_free_serials()
    {
        // A published decision of the province committee for 2041 with 6,000 branches rated "Hoàn thành xuất sắc
        // nhiệm vụ" (so 6,000 Giấy khen, twelve batches), whose publication process has not started yet.
        const int year = 2041, excellent = 6000;
        Guid issuer, decisionId;
        await using (var db = Cluster.Context())
        {
            var province = await db.Units.IgnoreQueryFilters().SingleAsync(u => u.Code == "TU");
            const string name = "Đảng bộ thử nghiệm cấp giấy khen";
            var parent = new Unit
            {
                ParentId = province.Id, Kind = UnitKind.DirectCommittee, Name = name, SearchName = TextFolding.Fold(name),
                Depth = province.Depth + 1, SortOrder = 999, ValidFrom = new DateOnly(2021, 1, 1),
            };
            parent.Path = Unit.PathUnder(province, parent.Id);
            db.Units.Add(parent);
            await db.SaveChangesAsync();
            issuer = province.Id;
            decisionId = await CertificateTests.SeedDecisionAsync(db, issuer, parent.Id, year, excellent);
        }

        // A node restarts: its start-up recovery finds the decision without its process and starts it; the service task
        // "issue-certificates" runs on whichever node's Hangfire server takes it. That node is killed mid-way.
        await nodes.B.StopAsync();
        await nodes.B.StartAgainAsync();
        var d = ("@d", (object)decisionId);
        Task<long> Issued() => Cluster.ScalarAsync("""SELECT COUNT(*) FROM "Certificates" WHERE "DecisionId" = @d""", d);
        var externalTask = await Eventually.ValueAsync(
            () => Cluster.ScalarTextAsync("""SELECT CAST("Id" AS TEXT) FROM "WfExternalTasks" WHERE "BusinessKey" = @k""", ("@k", DecisionPublication.BusinessKeyPrefix + decisionId)),
            id => id is not null, TimeSpan.FromSeconds(60));
        Assert.NotNull(externalTask);
        var issuing = await Cluster.RunnerOfAsync("ServiceTaskJob", Guid.Parse(externalTask), Issued);
        issuing.Kill();
        var before = await Issued();
        Assert.True(before is > 0 and < excellent, $"the node died mid-way ({before} of {excellent} issued)");

        // The other node takes the job over once its invisibility and the task's lock lapse, and issues the rest.
        Assert.True(await Eventually.TrueAsync(async () =>
            await Cluster.ScalarAsync("""SELECT COUNT(*) FROM "Decisions" WHERE "Id" = @d AND "CertificatesIssuedAtUtc" IS NOT NULL""", d) == 1, TimeSpan.FromSeconds(120)),
            "the other node did not finish the certificates");
        await issuing.StartAgainAsync(); // its own recovery finds nothing left to do
        Assert.True(await Eventually.TrueAsync(async () => await Cluster.ScalarAsync(
            $"""SELECT COUNT(*) FROM "WfInstances" WHERE "BusinessKey" = @k AND "Status" <> {(int)InstanceStatus.Active}""", ("@k", DecisionPublication.BusinessKeyPrefix + decisionId)) == 1),
            "the publication process did not end");

        // Count = the decision's HTXSNV count; serials 1..6000 of the issuer's 2041 series, none missing, none twice.
        var series = new (string, object)[] { ("@i", issuer), ("@y", year) };
        Assert.Equal(excellent, await Cluster.ScalarAsync($"""SELECT COUNT(*) FROM "DecisionItems" WHERE "DecisionId" = @d AND "Level" = {(int)RatingLevel.Excellent}""", d));
        Assert.Equal(excellent, await Issued());
        Assert.Equal(excellent, await Cluster.ScalarAsync("""SELECT COUNT(DISTINCT "FileId") FROM "Certificates" WHERE "DecisionId" = @d""", d));
        Assert.Equal(excellent, await Cluster.ScalarAsync("""SELECT COUNT(*) FROM "Certificates" WHERE "IssuerUnitId" = @i AND "Year" = @y""", series));
        Assert.Equal(excellent, await Cluster.ScalarAsync("""SELECT COUNT(DISTINCT "Serial") FROM "Certificates" WHERE "IssuerUnitId" = @i AND "Year" = @y""", series));
        Assert.Equal(1, await Cluster.ScalarAsync("""SELECT MIN("Serial") FROM "Certificates" WHERE "IssuerUnitId" = @i AND "Year" = @y""", series));
        Assert.Equal(excellent, await Cluster.ScalarAsync("""SELECT MAX("Serial") FROM "Certificates" WHERE "IssuerUnitId" = @i AND "Year" = @y""", series));
        Assert.Equal(excellent, await Cluster.ScalarAsync("""SELECT "Last" FROM "CertificateCounters" WHERE "IssuerUnitId" = @i AND "Year" = @y""", series));
    }

    [Fact]
    public async Task Reminder_scans_on_both_nodes_at_once_give_each_reminder_and_each_mail_once()
    {
        // A member round of Bình Giang whose self-assessments are due tomorrow (Vietnam time): every task is reminded.
        using var admin = await NodeCluster.SignedInAsync(nodes.A, "admin");
        var roundId = await Cluster.OpenRoundAsync(admin, "HUBG", 2025, SubjectType.Member);
        var opened = await Eventually.ValueAsync(() => NodeCluster.RoundAsync(admin, roundId), r => r.Status is "Open" or "Failed", TimeSpan.FromSeconds(120));
        Assert.Equal("Open", opened.Status);
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(1).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc); // 17:00 in Vietnam
        await using (var db = Cluster.Context())
        {
            var instances = db.Files.IgnoreQueryFilters().Where(f => f.RoundId == roundId).Select(f => f.InstanceId);
            Assert.True(await db.WfTasks.Where(t => instances.Contains(t.InstanceId)).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAtUtc, tomorrow)) > 0);
        }

        var reminders = await Cluster.ScalarAsync("""SELECT COUNT(*) FROM "Reminders" """);
        var mails = await Cluster.ScalarAsync("""SELECT COUNT(*) FROM "OutboxMessages" """);

        // Four scans at once, two through each node.
        using var onB = NodeCluster.Session(nodes.B, admin.Cookies);
        onB.AntiforgeryToken = admin.AntiforgeryToken = await admin.TokenAsync();
        var answers = await Task.WhenAll(new[] { admin, onB, admin, onB }.Select(async s =>
        {
            var response = await s.PostJsonAsync("/api/admin/reminders/scan", new { });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            return JsonDocument.Parse(body).RootElement.Clone();
        }));

        // What the scans say they wrote is what the tables hold: each (task, rule, person) once.
        var written = answers.Sum(a => a.GetProperty("reminders").GetInt32());
        Assert.True(written > 0, "nothing was reminded");
        Assert.Equal(written, await Cluster.ScalarAsync("""SELECT COUNT(*) FROM "Reminders" """) - reminders);
        Assert.Equal(await Cluster.ScalarAsync("""SELECT COUNT(*) FROM "Reminders" """),
            await Cluster.ScalarAsync("""SELECT COUNT(*) FROM (SELECT DISTINCT "TaskId", "Rule", "UserName" FROM "Reminders") r"""));
        Assert.True(await Cluster.ScalarAsync("""SELECT COUNT(*) FROM "Reminders" r JOIN "Files" f ON f."InstanceId" = r."InstanceId" WHERE f."RoundId" = @r""",
            ("@r", roundId)) > 0, "the round's tasks were not reminded");
        var emailed = answers.Sum(a => a.GetProperty("emails").GetInt32());
        Assert.True(emailed > 0, "no reminder went by mail");
        Assert.Equal(emailed, await Cluster.ScalarAsync("""SELECT COUNT(*) FROM "OutboxMessages" """) - mails);

        await using (var db = Cluster.Context())
        {
            // One summary per person at most, never a summary and single reminders besides.
            var keys = await db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.Id).Take(emailed).Select(m => new { m.UserName, m.DedupeKey }).ToListAsync();
            foreach (var person in keys.GroupBy(k => k.UserName))
            {
                var summaries = person.Count(k => k.DedupeKey!.StartsWith("summary:", StringComparison.Ordinal));
                Assert.True(summaries == 0 || summaries == person.Count(), $"{person.Key}: {summaries} summaries among {person.Count()} mails");
                Assert.True(summaries <= 1, $"{person.Key}: {summaries} summaries");
            }
        }

        // The nodes' senders deliver the outbox: at the SMTP server every message sent arrives exactly once.
        var (sent, received) = await Eventually.ValueAsync(async () => (await SentAsync(), await ReceivedAsync()),
            r => r.Item1.Count >= emailed && r.Item1.SequenceEqual(r.Item2), TimeSpan.FromSeconds(90));
        Assert.True(sent.Count >= emailed, $"{sent.Count} of {emailed} reminders sent");
        Assert.Equal(sent, received);
    }

    /// <summary>Every message the outbox marks sent, as (address, subject), sorted.</summary>
    private async Task<List<string>> SentAsync()
    {
        await using var db = Cluster.Context();
        return (await db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Sent).Select(m => m.ToAddress + " | " + m.Subject).ToListAsync())
            .Order(StringComparer.Ordinal).ToList();
    }

    private async Task<List<string>> ReceivedAsync() =>
        (await Cluster.Mail!.EmailsAsync()).Select(m => m.To + " | " + m.Subject).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Engine_timers_set_through_both_nodes_fire_once_each()
    {
        // 300 instances started through A and B alike, each waiting 6 s, then 2 s more (a timer set by a timer's
        // firing), then at a user task: both nodes arm timers due at the same seconds and schedule their wake-ups, and
        // either node's server may run them.
        const int count = 300;
        var key = "timers" + Guid.NewGuid().ToString("N")[..8];
        var (name, bpmn) = TestProcesses.TwoTimers(key, 6, 2);
        using var onA = NodeCluster.BasicClient(nodes.A, "admin");
        using var onB = NodeCluster.BasicClient(nodes.B, "admin");
        using (var deployment = new MultipartFormDataContent { { new ByteArrayContent(bpmn), name, name } })
        {
            var deployed = await onA.PostAsync(new Uri("engine-rest/deployment/create", UriKind.Relative), deployment);
            Assert.True(deployed.IsSuccessStatusCode, await deployed.Content.ReadAsStringAsync());
        }

        // Started over about six seconds (50 a second): the wake-ups fall on many seconds.
        for (var second = 0; second < count / 50; second++)
        {
            var tick = Task.Delay(TimeSpan.FromSeconds(1));
            await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
            {
                using var body = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                var started = await (i % 2 == 0 ? onA : onB).PostAsync(new Uri($"engine-rest/process-definition/key/{key}/start", UriKind.Relative), body);
                Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
            }));
            await tick;
        }

        var k = ("@k", (object)key);
        Assert.True(await Eventually.TrueAsync(async () => await Cluster.ScalarAsync(
            """SELECT COUNT(*) FROM "WfTasks" t JOIN "WfInstances" i ON i."Id" = t."InstanceId" WHERE i."DefinitionKey" = @k AND t."ElementId" = 'after'""", k) >= count,
            TimeSpan.FromSeconds(120)), "the timers did not all fire");
        // Every wake-up job has run (a duplicate firing, had there been one, has happened).
        Assert.True(await Eventually.TrueAsync(async () => await Cluster.ScalarAsync(
            """SELECT COUNT(*) FROM hangfire.job WHERE statename IN ('Enqueued', 'Scheduled', 'Processing') AND invocationdata::text LIKE '%TimerJob%'""") == 0,
            TimeSpan.FromSeconds(60)), "timer jobs are still waiting");

        foreach (var element in new[] { "wait1", "wait2" })
        {
            var fired = await Cluster.ScalarAsync($"""
                SELECT COUNT(*) FROM "WfJournal" j JOIN "WfInstances" i ON i."Id" = j."InstanceId"
                WHERE i."DefinitionKey" = @k AND j."ElementId" = '{element}' AND j."Event" = {(int)JournalEvent.ActivityCompleted}
                """, k);
            Assert.Equal(count, fired);
        }

        Assert.Equal(count, await Cluster.ScalarAsync(
            """SELECT COUNT(DISTINCT t."InstanceId") FROM "WfTasks" t JOIN "WfInstances" i ON i."Id" = t."InstanceId" WHERE i."DefinitionKey" = @k AND t."ElementId" = 'after'""", k));
        Assert.Equal(count, await Cluster.ScalarAsync(
            """SELECT COUNT(*) FROM "WfTasks" t JOIN "WfInstances" i ON i."Id" = t."InstanceId" WHERE i."DefinitionKey" = @k""", k));
        Assert.Equal(0, await Cluster.ScalarAsync("""SELECT COUNT(*) FROM "WfTimers" t JOIN "WfInstances" i ON i."Id" = t."InstanceId" WHERE i."DefinitionKey" = @k""", k));
        Assert.Equal(0, await Cluster.ScalarAsync("""SELECT COUNT(*) FROM "WfIncidents" t JOIN "WfInstances" i ON i."Id" = t."InstanceId" WHERE i."DefinitionKey" = @k""", k));
    }
}
