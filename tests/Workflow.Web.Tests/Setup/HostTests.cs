using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Workflow.Web.Demo;
using Workflow.Web.Identity;
using Workflow.Web.Org;

namespace Workflow.Web.Tests.Setup;

/// <summary>Start-up: demo data, health, Hangfire and recovery, culture.</summary>
public abstract class HostTests(AppHost host)
{
    [Fact]
    public async Task Demo_province_matches_the_seed_reports()
    {
        await host.Factory.InScopeAsync(async (_, db) =>
        {
            var khoi = await db.Units.SingleAsync(u => u.Code == "ĐUK");
            var binhGiang = await db.Units.SingleAsync(u => u.Code == "HUBG");
            // Other tests add units (dated 2021 or later); the demo tree is the one dated from its founding in 2020.
            var demo = db.Units.Where(u => u.ValidFrom < new DateOnly(2021, 1, 1));
            var khoiKinds = await demo.Where(u => u.ParentId == khoi.Id).GroupBy(u => u.Kind)
                .ToDictionaryAsync(g => g.Key, g => g.Count());
            Assert.Equal(39, khoiKinds[UnitKind.GrassrootsCommittee]);
            Assert.Equal(49, khoiKinds[UnitKind.GrassrootsBranch]);
            Assert.Equal(4288, await db.Members.CountAsync(m => m.Unit!.Path.StartsWith(khoi.Path)));
            Assert.Equal(38, await demo.CountAsync(u => u.ParentId == binhGiang.Id));
            Assert.Equal(3, await db.Committees.CountAsync(c => c.UnitId == khoi.Id));
            // Every branch has at least three members, as a chi bộ must.
            var leaves = await demo.Where(u => u.Kind == UnitKind.AffiliatedBranch || u.Kind == UnitKind.GrassrootsBranch)
                .Select(u => db.Members.Count(m => m.UnitId == u.Id)).ToListAsync();
            Assert.All(leaves, count => Assert.True(count >= 3));
        });
    }

    [Fact]
    public async Task Every_role_has_a_demo_login_in_each_demo_committee_and_each_signs_in()
    {
        var logins = await host.Factory.InScopeAsync(async (_, db) =>
        {
            var committees = await db.Units.Where(u => u.Code == "ĐUK" || u.Code == "HUBG").ToListAsync();
            var users = await db.Users.Where(u => DemoSeeder.Logins.Select(l => l.UserName).Contains(u.UserName!))
                .Select(u => new { u.UserName, u.Unit!.Path, u.MemberId, Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToList() })
                .ToListAsync();
            foreach (var committee in committees)
            {
                foreach (var role in new[] { Roles.StandingCommittee, Roles.OrganizationBoard, Roles.InspectionCommittee, Roles.BranchSecretary, Roles.Member })
                {
                    Assert.True(users.Any(u => u.Path.StartsWith(committee.Path, StringComparison.Ordinal) && u.Roles.Contains(role)), $"{committee.Name}: no demo login for {role}");
                }
            }

            // Secretaries and members are real members of their unit.
            Assert.All(users.Where(u => u.Roles.Contains(Roles.Member) || u.Roles.Contains(Roles.BranchSecretary)), u => Assert.NotNull(u.MemberId));
            return users.Select(u => u.UserName!).ToList();
        });

        Assert.Equal(DemoSeeder.Logins.Count, logins.Count);
        foreach (var name in logins)
        {
            using var session = await host.SignInAsync(name);
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode);
        }
    }

    [Fact]
    public async Task Seeding_again_adds_nothing()
    {
        var before = await host.Factory.InScopeAsync(async (_, db) => (await db.Units.CountAsync(), await db.Members.CountAsync(), await db.Users.CountAsync()));
        await host.Factory.InScopeAsync(async (sp, db) =>
        {
            var seeder = new DemoSeeder(db, sp.GetRequiredService<UserManager<AppUser>>(),
                sp.GetRequiredService<RoleManager<AppRole>>(), NullLogger<DemoSeeder>.Instance);
            await seeder.SeedAsync();
        });
        var after = await host.Factory.InScopeAsync(async (_, db) => (await db.Units.CountAsync(), await db.Members.CountAsync(), await db.Users.CountAsync()));

        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Health_reports_the_database_and_Hangfire()
    {
        using var anonymous = new WebSession(host.Factory);
        // The Hangfire server's first heartbeat can take a moment after start.
        JsonElement checks = default;
        await Eventually.TrueAsync(async () =>
        {
            var response = await anonymous.GetAsync("/health");
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            checks = json.GetProperty("checks");
            return response.StatusCode == HttpStatusCode.OK && json.GetProperty("status").GetString() == "Healthy";
        });

        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("hangfire").GetProperty("status").GetString());
        var storage = checks.GetProperty("hangfire").GetProperty("data").GetProperty("storage").GetString();
        Assert.Equal(host.Kind == DatabaseKind.Postgres ? "PostgreSqlStorage" : "InMemoryStorage", storage);
    }

    [Fact]
    public async Task Live_answers_at_once_and_ready_names_the_database_the_migrations_and_this_nodes_Hangfire_server()
    {
        using var anonymous = new WebSession(host.Factory);
        var live = await anonymous.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var liveJson = JsonDocument.Parse(await live.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", liveJson.GetProperty("status").GetString());
        Assert.Empty(liveJson.GetProperty("checks").EnumerateObject());

        JsonElement checks = default;
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            var response = await anonymous.GetAsync("/health/ready");
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            checks = json.GetProperty("checks");
            return response.StatusCode == HttpStatusCode.OK && json.GetProperty("status").GetString() == "Healthy";
        }), "/health/ready did not become healthy");
        Assert.Equal(["database", "hangfire", "migrations"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0, checks.GetProperty("migrations").GetProperty("data").GetProperty("pending").GetInt32());
        var hangfire = checks.GetProperty("hangfire").GetProperty("data");
        Assert.True(hangfire.GetProperty("thisNode").GetInt32() >= 1);
        Assert.False(string.IsNullOrEmpty(hangfire.GetProperty("node").GetString()));
    }

    [Fact]
    public async Task Start_up_runs_the_pending_work_recovery_job()
    {
        Assert.True(await Eventually.TrueAsync(() => ProbeWorkSource.Runs > 0), "the recovery job did not run through Hangfire");
    }

    [Fact]
    public async Task English_can_be_chosen_and_Vietnamese_is_the_default()
    {
        using var session = new WebSession(host.Factory);
        Assert.Contains("Tên đăng nhập", await session.GetStringAsync("/Account/Login"));

        var switched = await session.PostFormAsync("/Account/Login", new() { ["culture"] = "en-US", ["returnUrl"] = "/Account/Login" }, action: "/culture");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var english = await session.GetStringAsync("/Account/Login");
        Assert.Contains("User name", english);
        Assert.Contains("lang=\"en\"", english);
    }

    [Fact]
    public async Task Unknown_pages_answer_404_in_Vietnamese()
    {
        using var session = await host.SignInAsync("btc.khoi");
        var response = await session.GetAsync("/khong-co-trang-nay");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không tìm thấy", await response.Content.ReadAsStringAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteHostTests(SqliteHost host) : HostTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresHostTests(PostgresHost host) : HostTests(host)
{
    [Fact]
    public async Task The_products_sessions_plan_for_fast_random_reads()
    {
        // The server runs with its default (4); the product's own sessions say 1.1, so a reviewer's inbox looks its
        // few tasks up by key instead of scanning the task table.
        var cost = await host.Factory.InScopeAsync((_, db) => db.Database.SqlQueryRaw<string>("SELECT current_setting('random_page_cost') AS \"Value\"").SingleAsync());
        Assert.Equal("1.1", cost);
    }
}
