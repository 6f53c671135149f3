using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Audit;

namespace Workflow.Web.Tests.Org;

/// <summary>Admin changes to the tree through the pages: add, move (with the subtree), close; each audited.</summary>
public abstract class OrgTreeTests(AppHost host)
{
    [Fact]
    public async Task Admin_adds_moves_and_closes_a_unit_and_every_step_is_audited()
    {
        // Moved to the province itself, so the demo districts keep their seed-report counts.
        var (khoi, binhGiang) = await host.Factory.InScopeAsync(async (_, db) => (
            await db.Units.SingleAsync(u => u.Code == "ĐUK"), await db.Units.SingleAsync(u => u.Code == "TU")));
        using var admin = await host.SignInAsync("admin");
        var name = "Đảng bộ Thử nghiệm " + Guid.NewGuid().ToString("N")[..6];

        var added = await admin.PostFormAsync($"/Admin/Units/Edit?id={khoi.Id}",
            new() { ["childName"] = name, ["childKind"] = "GrassrootsCommittee", ["childFrom"] = "2026-01-01" },
            action: $"/Admin/Units/Edit?id={khoi.Id}&handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var unit = await host.Factory.InScopeAsync((_, db) => db.Units.SingleAsync(u => u.Name == name));
        Assert.StartsWith(khoi.Path, unit.Path, StringComparison.Ordinal);

        var branchName = "Chi bộ Thử nghiệm " + Guid.NewGuid().ToString("N")[..6];
        await admin.PostFormAsync($"/Admin/Units/Edit?id={unit.Id}",
            new() { ["childName"] = branchName, ["childKind"] = "AffiliatedBranch", ["childFrom"] = "2026-01-01" },
            action: $"/Admin/Units/Edit?id={unit.Id}&handler=Add");

        var moved = await admin.PostFormAsync($"/Admin/Units/Edit?id={unit.Id}",
            new() { ["newParentId"] = binhGiang.Id.ToString(), ["moveOn"] = "2026-07-01" },
            action: $"/Admin/Units/Edit?id={unit.Id}&handler=Move");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        await host.Factory.InScopeAsync(async (_, db) =>
        {
            var movedUnit = await db.Units.SingleAsync(u => u.Id == unit.Id);
            var branch = await db.Units.SingleAsync(u => u.Name == branchName);
            Assert.Equal(binhGiang.Id, movedUnit.ParentId);
            Assert.StartsWith(binhGiang.Path, movedUnit.Path, StringComparison.Ordinal);
            Assert.StartsWith(movedUnit.Path, branch.Path, StringComparison.Ordinal);
            Assert.Equal(movedUnit.Depth + 1, branch.Depth);
            var move = await db.UnitMoves.SingleAsync(m => m.UnitId == unit.Id);
            Assert.Equal((khoi.Id, binhGiang.Id, new DateOnly(2026, 7, 1)), (move.FromParentId!.Value, move.ToParentId!.Value, move.EffectiveOn));
        });

        // Closing a unit that still has an open branch is refused with a reason; nothing changes.
        var refused = await admin.PostFormAsync($"/Admin/Units/Edit?id={unit.Id}",
            new() { ["closeOn"] = "2026-12-31" }, action: $"/Admin/Units/Edit?id={unit.Id}&handler=Close");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("còn 1 đơn vị trực thuộc đang hoạt động", await refused.Content.ReadAsStringAsync());

        var branchId = await host.Factory.InScopeAsync((_, db) => db.Units.Where(u => u.Name == branchName).Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Admin/Units/Edit?id={branchId}",
            new() { ["closeOn"] = "2026-12-31" }, action: $"/Admin/Units/Edit?id={branchId}&handler=Close")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Admin/Units/Edit?id={unit.Id}",
            new() { ["closeOn"] = "2026-12-31" }, action: $"/Admin/Units/Edit?id={unit.Id}&handler=Close")).StatusCode);

        await host.Factory.InScopeAsync(async (_, db) =>
        {
            Assert.Equal(new DateOnly(2026, 12, 31), (await db.Units.SingleAsync(u => u.Id == unit.Id)).ValidTo);
            var audit = await db.AuditEntries.Where(a => a.EntityId == unit.Id.ToString()).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal([AuditAction.Create, AuditAction.Update, AuditAction.Update], audit.Select(a => a.Action));
            Assert.All(audit, a => Assert.Equal("admin", a.ActorName));
            Assert.Contains(binhGiang.Id.ToString(), audit[1].After!, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(khoi.Id.ToString(), audit[1].Before!, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("2026-12-31", audit[2].After!, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Moving_a_unit_under_its_own_descendant_is_refused()
    {
        var (sct, branch) = await host.Factory.InScopeAsync(async (_, db) =>
        {
            var parent = await db.Units.SingleAsync(u => u.Code == "SCT");
            return (parent, await db.Units.FirstAsync(u => u.ParentId == parent.Id));
        });
        using var admin = await host.SignInAsync("admin");

        var response = await admin.PostFormAsync($"/Admin/Units/Edit?id={sct.Id}",
            new() { ["newParentId"] = branch.Id.ToString(), ["moveOn"] = "2026-07-01" }, action: $"/Admin/Units/Edit?id={sct.Id}&handler=Move");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"error\"", html);
        Assert.Equal(sct.ParentId, (await host.Factory.InScopeAsync((_, db) => db.Units.SingleAsync(u => u.Id == sct.Id))).ParentId);
    }

    [Theory]
    [InlineData("nguyen van", "Nguyễn Văn")]
    [InlineData("Nguyễn Văn", "Nguyễn Văn")]
    [InlineData("DO THI", "Đỗ Thị")]
    public async Task Member_search_ignores_diacritics_and_case(string query, string expectedInResults)
    {
        using var admin = await host.SignInAsync("admin");
        var html = await admin.GetStringAsync($"/Members?q={Uri.EscapeDataString(query)}");

        Assert.Contains(expectedInResults, html);
        Assert.DoesNotContain("Không có đảng viên nào phù hợp", html);
    }

    [Fact]
    public async Task Member_search_pages_through_long_lists()
    {
        using var admin = await host.SignInAsync("admin");
        var first = await admin.GetStringAsync("/Members?q=nguyen");
        var second = await admin.GetStringAsync("/Members?q=nguyen&p=2");

        Assert.Contains("1 / ", first);
        Assert.Contains("2 / ", second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Unit_tree_search_finds_Binh_Giang_without_diacritics()
    {
        using var admin = await host.SignInAsync("admin");
        var html = await admin.GetStringAsync("/Units?q=binh+giang");

        Assert.Contains("Huyện ủy Bình Giang", html);
        Assert.DoesNotContain("Đảng bộ Sở Tài chính", html);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteOrgTreeTests(SqliteHost host) : OrgTreeTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresOrgTreeTests(PostgresHost host) : OrgTreeTests(host);
