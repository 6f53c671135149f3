using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Org;

namespace Workflow.Web.Tests.Identity;

/// <summary>Each role sees its own navigation and pages, and only data inside its unit's subtree.</summary>
public abstract partial class AccessTests(AppHost host)
{
    public static TheoryData<string, string[]> Navigation => new()
    {
        { "admin", ["inbox", "rounds", "awards", "reports", "meetings", "units", "members", "admin", "admin-users", "admin-units", "admin-audit", "admin-rulesets", "admin-award-kinds", "admin-templates", "admin-imports", "admin-outbox", "admin-processes", "admin-instances", "admin-forms", "admin-jobs", "admin-health", "admin-api"] },
        { "btv.khoi", ["inbox", "rounds", "awards", "reports", "meetings", "units", "members"] },
        { "btc.khoi", ["inbox", "rounds", "awards", "reports", "meetings", "units", "members"] },
        { "ubkt.khoi", ["inbox", "rounds", "awards", "reports", "meetings", "units", "members"] },
        { "bithu.sct", ["inbox", "rounds", "awards", "reports", "meetings", "my-unit", "members"] },
        { "hdtd.khoi", ["inbox", "rounds", "awards", "reports"] },
        { "chutich.hdtd.khoi", ["inbox", "rounds", "awards", "reports"] },
        { "dangvien", ["inbox", "rounds", "my-profile"] },
    };

    [Theory]
    [MemberData(nameof(Navigation))]
    public async Task Each_role_sees_exactly_its_navigation(string userName, string[] expected)
    {
        using var session = await host.SignInAsync(userName);
        var html = await session.GetStringAsync("/");

        var links = NavPattern().Matches(html).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(expected.Order(), links.Order());
    }

    public static TheoryData<string, string, HttpStatusCode> Pages => new()
    {
        { "admin", "/Admin/Users", HttpStatusCode.OK },
        { "admin", "/Admin/Audit", HttpStatusCode.OK },
        { "admin", "/hangfire", HttpStatusCode.OK },
        { "btv.khoi", "/Admin/Users", HttpStatusCode.Forbidden },
        { "btc.khoi", "/Admin/Audit", HttpStatusCode.Forbidden },
        { "ubkt.khoi", "/hangfire", HttpStatusCode.Forbidden },
        { "btc.khoi", "/Units", HttpStatusCode.OK },
        { "btc.khoi", "/Members", HttpStatusCode.OK },
        { "bithu.sct", "/Members", HttpStatusCode.OK },
        { "bithu.sct", "/Admin/Users/Create", HttpStatusCode.Forbidden },
        { "dangvien", "/Members", HttpStatusCode.Forbidden },
        { "dangvien", "/Units", HttpStatusCode.Forbidden },
        { "dangvien", "/Admin/Users", HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Pages_answer_by_role(string userName, string path, HttpStatusCode expected)
    {
        using var session = await host.SignInAsync(userName);
        var response = await session.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden && !path.StartsWith("/hangfire", StringComparison.Ordinal))
        {
            Assert.Contains("Không có quyền truy cập", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_secretary_gets_404_for_another_unit_and_its_members_never_their_data()
    {
        var (other, otherMember, parent) = await host.Factory.InScopeAsync(async (_, db) => (
            await db.Units.SingleAsync(u => u.Code == "HUBG"),
            await db.Members.FirstAsync(m => m.Unit!.Path.StartsWith(db.Units.Single(u => u.Code == "HUBG").Path)),
            await db.Units.SingleAsync(u => u.Code == "ĐUK")));
        using var session = await host.SignInAsync("bithu.sct");

        foreach (var path in new[] { $"/Units/Details/{other.Id}", $"/Units/Details/{parent.Id}", $"/Members/Details/{otherMember.Id}" })
        {
            var response = await session.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(other.Name, body);
            Assert.DoesNotContain(otherMember.FullName, body);
        }

        var search = await session.GetStringAsync($"/Members?q={Uri.EscapeDataString(otherMember.FullName)}&unit={Uri.EscapeDataString("Bình Giang")}");
        Assert.Contains("Không có đảng viên nào phù hợp", search);
    }

    [Fact]
    public async Task A_secretary_sees_exactly_the_members_of_their_own_subtree()
    {
        var expected = await host.Factory.InScopeAsync(async (_, db) =>
        {
            var sct = await db.Units.SingleAsync(u => u.Code == "SCT");
            return await db.Members.CountAsync(m => m.Unit!.Path.StartsWith(sct.Path) && m.LeftOn == null);
        });
        using var session = await host.SignInAsync("bithu.sct");

        var html = await session.GetStringAsync("/Members");
        var total = Regex.Match(html, "data-testid=\"total\">Tổng số: ([0-9.,]+)<").Groups[1].Value;
        Assert.Equal(expected, int.Parse(total.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(expected, 9, 500);
    }

    [Fact]
    public async Task A_member_sees_their_own_record_and_nobody_else()
    {
        var (own, neighbour) = await host.Factory.InScopeAsync(async (_, db) =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "dangvien");
            var me = await db.Members.SingleAsync(m => m.Id == user.MemberId);
            var other = await db.Members.FirstAsync(m => m.UnitId == me.UnitId && m.Id != me.Id);
            return (me, other);
        });
        using var session = await host.SignInAsync("dangvien");

        Assert.Contains(own.FullName, await session.GetStringAsync($"/Members/Details/{own.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/Members/Details/{neighbour.Id}")).StatusCode);
    }

    [Fact]
    public async Task Reviewers_of_a_committee_see_its_whole_subtree_only()
    {
        var (sct, binhGiang) = await host.Factory.InScopeAsync(async (_, db) => (
            await db.Units.SingleAsync(u => u.Code == "SCT"), await db.Units.SingleAsync(u => u.Code == "HUBG")));
        using var khoi = await host.SignInAsync("btc.khoi");
        using var district = await host.SignInAsync("btc.binhgiang");

        Assert.Equal(HttpStatusCode.OK, (await khoi.GetAsync($"/Units/Details/{sct.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await khoi.GetAsync($"/Units/Details/{binhGiang.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await district.GetAsync($"/Units/Details/{binhGiang.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync($"/Units/Details/{sct.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_home_page_counts_only_the_callers_subtree()
    {
        using var khoi = await host.SignInAsync("btv.khoi");
        using var admin = await host.SignInAsync("admin");

        var khoiHtml = await khoi.GetStringAsync("/");
        Assert.Matches("data-testid=\"grassroots-count\">88<", khoiHtml);
        Assert.Matches("data-testid=\"member-count\">4[.,]288<", khoiHtml);
        // The admin sees the whole province: the demo's 126 grassroots organizations plus any other test added to this host.
        var all = await host.Factory.InScopeAsync((_, db) => db.Units.IgnoreQueryFilters()
            .CountAsync(u => u.ValidTo == null && (u.Kind == UnitKind.GrassrootsCommittee || u.Kind == UnitKind.GrassrootsBranch)));
        Assert.True(all >= 126);
        Assert.Matches($"data-testid=\"grassroots-count\">{all:N0}<".Replace(",", "[.,]", StringComparison.Ordinal), await admin.GetStringAsync("/"));
    }

    [GeneratedRegex("data-nav=\"([a-z-]+)\"")]
    private static partial Regex NavPattern();
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAccessTests(SqliteHost host) : AccessTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAccessTests(PostgresHost host) : AccessTests(host);
