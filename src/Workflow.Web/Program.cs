using Workflow.Web.Awards;
using Workflow.Web.Designer;
using Workflow.Web.EngineRest;
using Workflow.Web.Inbox;
using Workflow.Web.Meetings;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;
using Workflow.Web.Reminders;
using Workflow.Web.Imports;
using Workflow.Web.Reports;
using Workflow.Web.Setup;

// Table of contents. The cross-cutting wiring lives in Setup/; each feature's in its folder (XFeature.cs registers its
// services, XEndpoints.cs maps its endpoints).
var builder = WebApplication.CreateBuilder(args);
builder.AddRootConfiguration();    // appsettings.json at the repository root
builder.AddData();                 // EF Core on SQLite (default) or PostgreSQL, audit, data scope
builder.AddIdentityAndAccess();    // Identity, cookie login, roles, unit-subtree authorization
builder.AddJobs();                 // Hangfire (in-memory or PostgreSQL) and start-up recovery of pending work
builder.AddProcessEngine();        // the BPMN engine with its ports: EF Core store, Hangfire timers and topics
builder.AddWebUi();                // Razor Pages, localization (vi-VN first), health checks
builder.AddNodes();                // several nodes: shared key ring, SignalR on Redis, forwarded headers, metrics
builder.AddEngineRest();           // /engine-rest: Camunda 7-compatible REST (HTTP Basic or cookie)
builder.AddRatings();              // rule sets, rounds, files, reviews, decisions; JSON API under /api
builder.AddInbox();                // the reviewer's inbox: query, views, actions, notifications, live updates
builder.AddAwards();               // award kinds, certificates, the achievement record, award rounds, emulation titles
builder.AddImports();              // units, members, accounts and prior results from spreadsheets
builder.AddReports();              // targets (chỉ tiêu) against the year's figures
builder.AddReminders();            // email outbox (MailKit), deadline reminders with escalation, daily digests
builder.AddMeetings();             // branch-meeting quality: a period opened on schedule, scored, confirmed, rolled up
builder.AddDesigner();             // the workflow designer (drafts, validation, versions) and the operations views

var app = builder.Build();
app.UseNodes();                    // forwarded headers from the reverse proxy (first of all), /metrics
await using (await app.StartupLockAsync())   // one node at a time, however many start together
{
    await app.PrepareDatabaseAsync();  // migrate, roles, demo data
    await app.DeployWorkflowsAsync();  // workflows/*.bpmn, a new version only when a file changed
}

app.MapEngineRest();
app.MapRatings();
app.MapInbox();
app.MapAwards();
app.MapAwardRounds();
app.MapImports();
app.MapReports();
app.MapReminders();
app.MapMeetings();
app.MapDesigner();
app.UseWebUi();
app.MapJobs();
await app.RunAsync();
