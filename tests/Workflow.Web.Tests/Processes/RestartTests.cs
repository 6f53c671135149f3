using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;
using Workflow.Web.Awards;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;
using Workflow.Web.Reminders;

namespace Workflow.Web.Tests.Processes;

/// <summary>
/// The embedded default keeps Hangfire in memory: a restart loses every job. Pending timers must come back from the
/// database and fire exactly once (docs/adr/0001).
/// </summary>
/// <remarks>
/// Its own collection: these hosts come and go, and Hangfire keeps static state (its log provider) that a disposed host
/// would leave behind for a shared host still running in the same collection.
/// </remarks>
[Collection("restart")]
public sealed class RestartTests
{
    [Fact]
    public async Task Timers_pending_at_shutdown_fire_once_after_a_restart()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        Guid instanceId;
        var key = "restart" + Guid.NewGuid().ToString("N")[..6];
        await using (var first = new AppFactory(database, seedDemo: false, ownsDatabase: false))
        {
            instanceId = await first.InScopeAsync(async (sp, _) =>
            {
                var engine = sp.GetRequiredService<WorkflowEngine>();
                await engine.DeployAsync("t", [TestProcesses.Escalation(key, seconds: 3)]);
                return (await engine.StartByKeyAsync(key)).Id;
            });
            Assert.True(await first.InScopeAsync((_, db) => db.WfTimers.AnyAsync(t => t.InstanceId == instanceId)));
        } // stopped before the timer is due: its in-memory Hangfire job is gone

        await using var second = new AppFactory(database, seedDemo: false, ownsDatabase: false);
        _ = second.Server;
        Assert.True(await Eventually.TrueAsync(() => second.InScopeAsync((_, db) => db.WfTasks.AnyAsync(t => t.InstanceId == instanceId && t.ElementId == "escalate"))),
            "the timer did not fire after the restart");
        Assert.True(await second.JobsSettledAsync(), "Hangfire did not settle"); // a duplicate wake-up, had there been one, has run
        var started = await second.InScopeAsync((_, db) => db.WfJournal.CountAsync(j => j.InstanceId == instanceId && j.ElementId == "late" && j.Event == (int)JournalEvent.ActivityCompleted));
        Assert.Equal(1, started);
    }

    [Fact]
    public async Task Certificates_of_a_decision_published_before_a_restart_are_issued_once_after_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        Guid decisionId;
        await using (var first = new AppFactory(database, seedDemo: true, ownsDatabase: false))
        {
            // The first host's own start-up recovery runs first (on a busy machine it could otherwise run after the
            // publication below and issue the certificates before the "restart").
            _ = first.Server;
            Assert.True(await first.JobsSettledAsync(), "Hangfire did not settle");

            // Published (with its publication process waiting at the "issue-certificates" service task), but the host
            // stops before the service task's job runs: it is started here without a scheduler, as if the job, which
            // lived in memory only, had been lost.
            decisionId = await first.InScopeAsync(async (sp, db) =>
            {
                var issuer = await db.Units.FirstAsync(u => u.Code == "TU");
                var id = await Awards.CertificateTests.SeedDecisionAsync(db, issuer.Id, issuer.Id, 2031, 4);
                var engine = new WorkflowEngine(sp.GetRequiredService<IWorkflowStore>(), NoScheduler.Instance, TimeProvider.System);
                var decision = await db.Decisions.SingleAsync(d => d.Id == id);
                await new Workflow.Web.Awards.DecisionPublication(db, engine).HandleAsync(new Workflow.Web.Ratings.DecisionPublished(id, decision.Number, "test"), CancellationToken.None);
                return id;
            });
            Assert.False(await first.InScopeAsync((_, db) => db.Certificates.AnyAsync(c => c.DecisionId == decisionId)));
        }

        await using var second = new AppFactory(database, seedDemo: false, ownsDatabase: false);
        _ = second.Server;
        Assert.True(await Eventually.TrueAsync(() => second.InScopeAsync((_, db) => db.Decisions.AnyAsync(d => d.Id == decisionId && d.CertificatesIssuedAtUtc != null))),
            "the certificates were not issued after the restart");
        Assert.True(await second.JobsSettledAsync(), "Hangfire did not settle"); // a second issue, had one been queued, has run
        var serials = await second.InScopeAsync((_, db) => db.Certificates.Where(c => c.DecisionId == decisionId).OrderBy(c => c.Serial).Select(c => c.Serial).ToListAsync());
        Assert.Equal([1, 2, 3, 4], serials);
    }

    [Fact]
    public async Task Certificates_of_an_award_decision_issued_before_a_restart_are_issued_once_after_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        Guid decisionId;
        int granted;
        await using (var first = new AppFactory(database, seedDemo: true, ownsDatabase: false))
        {
            _ = first.Server;
            Assert.True(await first.JobsSettledAsync(), "Hangfire did not settle");

            // The demo committee's award round for the last imported year: every "5 năm liền" candidate selected, the
            // decision issued with an engine that schedules nothing, so its "issue-award-certificates" task waits as if
            // the host had stopped before its in-memory job ran.
            (decisionId, granted) = await first.InScopeAsync(async (sp, db) =>
            {
                var admin = new Actor("admin", "Quản trị", null, new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                    [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Roles.Admin)], "test")));
                var committee = await db.Units.FirstAsync(u => u.Code == "ĐUK");
                var year = await db.YearRatings.Where(y => y.Imported).MaxAsync(y => y.Year);
                var round = await sp.GetRequiredService<OpenAwardRound>().RunAsync(new OpenAwardRoundRequest(committee.Id, year), admin, CancellationToken.None);
                round = await sp.GetRequiredService<ProposeAwards>().RunAsync(round.Id, new ProposeAwardsRequest(round.Version, [], Submit: true), admin, CancellationToken.None);
                var fiveYears = await db.AwardRules.Where(k => k.Code == ShippedAwardKinds.FiveYears && k.IsCurrent).Select(k => k.Id).SingleAsync();
                var chosen = await db.AwardCandidates.Where(c => c.RoundId == round.Id && c.AwardRuleId == fiveYears).Select(c => c.Id).ToListAsync();
                var engine = new WorkflowEngine(sp.GetRequiredService<IWorkflowStore>(), NoScheduler.Instance, TimeProvider.System);
                var select = new SelectAwards(db, engine, sp.GetRequiredService<AwardRoundSteps>(), new AwardProposals(db, engine, TimeProvider.System), TimeProvider.System);
                round = await select.RunAsync(round.Id, new SelectAwardsRequest(round.Version, "decide", null, "99-QĐ/ĐUK", new DateOnly(year + 1, 1, 20), "Nguyễn Văn A", "Bí thư", chosen),
                    admin, CancellationToken.None);
                return (round.DecisionId!.Value, chosen.Count);
            });
            Assert.True(granted > IssueCertificates.BatchSize / 10, $"only {granted} candidates");
            Assert.False(await first.InScopeAsync((_, db) => db.Certificates.AnyAsync(c => c.DecisionId == decisionId)));
        }

        await using var second = new AppFactory(database, seedDemo: false, ownsDatabase: false);
        _ = second.Server;
        Assert.True(await Eventually.TrueAsync(() => second.InScopeAsync((_, db) => db.AwardDecisions.AnyAsync(d => d.Id == decisionId && d.CertificatesIssuedAtUtc != null))),
            "the award certificates were not issued after the restart");
        Assert.True(await second.JobsSettledAsync(), "Hangfire did not settle");
        var serials = await second.InScopeAsync((_, db) => db.Certificates.Where(c => c.DecisionId == decisionId).OrderBy(c => c.Serial).Select(c => c.Serial).ToListAsync());
        Assert.Equal(Enumerable.Range(1, granted), serials);
    }

    [Fact]
    public async Task A_deadline_that_passed_while_the_host_was_down_is_reminded_once_after_the_restart()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var key = "reminded" + Guid.NewGuid().ToString("N")[..6];
        Guid taskId;
        await using (var first = new AppFactory(database, seedDemo: true, ownsDatabase: false))
        {
            // A task of bithu.sct due yesterday (Vietnam time), created while no scan was running.
            taskId = await first.InScopeAsync(async (sp, db) =>
            {
                await db.Users.Where(u => u.UserName == "bithu.sct").ExecuteUpdateAsync(u => u.SetProperty(x => x.Email, "bithu.sct@test.invalid"));
                var engine = sp.GetRequiredService<WorkflowEngine>();
                await engine.DeployAsync("t", [($"{key}.bpmn", System.Text.Encoding.UTF8.GetBytes($$"""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                      <bpmn:process id="{{key}}" isExecutable="true">
                        <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
                        <bpmn:userTask id="work" name="Báo cáo quý" camunda:assignee="bithu.sct" camunda:dueDate="${due}" />
                        <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" /><bpmn:endEvent id="e" />
                      </bpmn:process>
                    </bpmn:definitions>
                    """))]);
                var due = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
                var instance = await engine.StartByKeyAsync(key, new Dictionary<string, TypedValue> { ["due"] = TypedValue.String(due) });
                return instance.Tasks.Single().Id;
            });
            Assert.False(await first.InScopeAsync((_, db) => db.Reminders.AnyAsync(r => r.TaskId == taskId)));
        }

        // Started with the schedule on: the catch-up scan at start finds the overdue task.
        for (var restart = 0; restart < 2; restart++)
        {
            await using var next = new AppFactory(database, seedDemo: false, ownsDatabase: false).WithSetting("Reminders:Enabled", "true");
            _ = next.Server;
            Assert.True(await Eventually.TrueAsync(() => next.InScopeAsync((_, db) => db.Reminders.AnyAsync(r => r.TaskId == taskId))), "no reminder after the restart");
            Assert.True(await next.JobsSettledAsync(), "Hangfire did not settle"); // a duplicate scan, had one been queued, has run
            var reminders = await next.InScopeAsync((_, db) => db.Reminders.Where(r => r.TaskId == taskId).ToListAsync());
            var reminder = Assert.Single(reminders);
            Assert.Equal(("overdue-1", "bithu.sct"), (reminder.Rule, reminder.UserName));
            // No SMTP server is configured: the mail waits in the outbox (one message).
            Assert.Equal(1, await next.InScopeAsync((_, db) => db.OutboxMessages.CountAsync(m => m.UserName == "bithu.sct" && m.DedupeKey!.Contains(taskId.ToString("N")))));
        }
    }
}
