using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Audit;

namespace Workflow.Web.Tests.Identity;

public abstract class UserAdminTests(AppHost host)
{
    [Fact]
    public async Task Admin_creates_a_user_bound_to_a_unit_and_the_creation_is_audited_without_secrets()
    {
        var unit = await host.Factory.InScopeAsync((_, db) => db.Units.SingleAsync(u => u.Code == "HUBG"));
        using var admin = await host.SignInAsync("admin");
        var userName = "ubkt.bg" + Guid.NewGuid().ToString("N")[..6];

        var response = await admin.PostFormAsync("/Admin/Users/Create", new()
        {
            ["Input.UserName"] = userName, ["Input.FullName"] = "Trịnh Thị Thoa", ["Input.Role"] = Roles.InspectionCommittee,
            ["Input.UnitId"] = unit.Id.ToString(), ["Input.Password"] = "Kiem@tra2026",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await host.Factory.InScopeAsync(async (_, db) =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == userName);
            Assert.Equal(unit.Id, user.UnitId);
            var role = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).SingleAsync();
            Assert.Equal(Roles.InspectionCommittee, role);
            var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == "AppUser" && a.EntityId == user.Id.ToString() && a.Action == AuditAction.Create);
            Assert.Equal("admin", audit.ActorName);
            Assert.Contains("Trịnh Thị Thoa", audit.After!);
            Assert.DoesNotContain("PasswordHash", audit.After!);
        });

        // The new user works at once, inside their unit only.
        using var session = await host.SignInAsync(userName, "Kiem@tra2026");
        Assert.Contains("Huyện ủy Bình Giang", await session.GetStringAsync("/"));
    }

    [Fact]
    public async Task Creating_a_user_with_bad_input_lists_every_problem_and_creates_nothing()
    {
        using var admin = await host.SignInAsync("admin");
        var userName = "bad" + Guid.NewGuid().ToString("N")[..6];

        var response = await admin.PostFormAsync("/Admin/Users/Create", new()
        {
            ["Input.UserName"] = userName, ["Input.FullName"] = "", ["Input.Role"] = "Superuser",
            ["Input.UnitId"] = Guid.NewGuid().ToString(), ["Input.Password"] = "abc",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Vui lòng nhập họ và tên.", html);
        Assert.Contains("Vai trò không hợp lệ.", html);
        Assert.Contains("Đơn vị không tồn tại", html);
        Assert.False(await host.Factory.InScopeAsync((_, db) => db.Users.AnyAsync(u => u.UserName == userName)));
    }

    [Fact]
    public async Task A_locked_user_cannot_sign_in_until_unlocked()
    {
        using var admin = await host.SignInAsync("admin");
        var unit = await host.Factory.InScopeAsync((_, db) => db.Units.SingleAsync(u => u.Code == "SCT"));
        var userName = "khoa" + Guid.NewGuid().ToString("N")[..6];
        await admin.PostFormAsync("/Admin/Users/Create", new()
        {
            ["Input.UserName"] = userName, ["Input.FullName"] = "Lý Văn Khoa", ["Input.Role"] = Roles.Member,
            ["Input.UnitId"] = unit.Id.ToString(), ["Input.Password"] = "Khoa@2026x",
        });
        var id = await host.Factory.InScopeAsync((_, db) => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

        var locked = await admin.PostFormAsync($"/Admin/Users/Edit?id={id}", new() { ["id"] = id.ToString() }, action: $"/Admin/Users/Edit?id={id}&handler=Lock");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        using (var blocked = new WebSession(host.Factory))
        {
            Assert.Equal(HttpStatusCode.OK, (await blocked.LoginAsync(userName, "Khoa@2026x")).StatusCode);
        }

        await admin.PostFormAsync($"/Admin/Users/Edit?id={id}", new() { ["id"] = id.ToString() }, action: $"/Admin/Users/Edit?id={id}&handler=Unlock");
        using var allowed = new WebSession(host.Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await allowed.LoginAsync(userName, "Khoa@2026x")).StatusCode);
    }

    [Fact]
    public async Task The_users_page_lists_demo_users_with_their_roles()
    {
        using var admin = await host.SignInAsync("admin");
        var html = await admin.GetStringAsync("/Admin/Users?q=khoi");

        Assert.Contains("btv.khoi", html);
        Assert.Contains("Ban Thường vụ", html);
        Assert.DoesNotContain("btv.binhgiang", html);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteUserAdminTests(SqliteHost host) : UserAdminTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresUserAdminTests(PostgresHost host) : UserAdminTests(host);
