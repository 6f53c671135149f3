using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Web.Identity;

namespace Workflow.Web.Tests.Identity;

public abstract class SignInTests(AppHost host)
{
    [Fact]
    public async Task Demo_user_signs_in_and_lands_on_the_home_page()
    {
        using var session = new WebSession(host.Factory);
        var response = await session.LoginAsync("btc.khoi", WebSession.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var home = await session.GetStringAsync("/");
        Assert.Contains("Nguyễn Thị Thu Hà", home);
        Assert.Contains("Đảng bộ Khối các cơ quan tỉnh", home);
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_Vietnamese_message()
    {
        using var session = new WebSession(host.Factory);
        var response = await session.LoginAsync("btc.khoi", "Sai@mat-khau1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_the_login_page()
    {
        using var session = new WebSession(host.Factory);
        var response = await session.GetAsync("/Members");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var userName = "lock" + Guid.NewGuid().ToString("N")[..8];
        await CreateUserAsync(userName, Roles.Member);
        using var session = new WebSession(host.Factory);

        for (var i = 0; i < 5; i++)
        {
            await session.LoginAsync(userName, "Wrong@pass1");
        }

        var response = await session.LoginAsync(userName, "Right@pass1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("tạm bị khóa", await response.Content.ReadAsStringAsync());
        var locked = await host.Factory.InScopeAsync((_, db) => db.Users.SingleAsync(u => u.UserName == userName));
        Assert.True(locked.LockoutEnd > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        using var session = new WebSession(host.Factory);
        var response = await session.PostFormWithoutTokenAsync("/Account/Login",
            new() { ["Input.UserName"] = "admin", ["Input.Password"] = WebSession.DemoPassword });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Password_change_enforces_the_policy_and_then_takes_effect()
    {
        var userName = "pw" + Guid.NewGuid().ToString("N")[..8];
        await CreateUserAsync(userName, Roles.Member);
        using var session = await host.SignInAsync(userName, "Right@pass1");

        var weak = await session.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = "Right@pass1", ["Input.NewPassword"] = "short", ["Input.ConfirmPassword"] = "short",
        });
        var weakHtml = await weak.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("Mật khẩu phải có ít nhất 8 ký tự.", weakHtml);

        var ok = await session.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = "Right@pass1", ["Input.NewPassword"] = "Moi@matkhau9", ["Input.ConfirmPassword"] = "Moi@matkhau9",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        using var again = new WebSession(host.Factory);
        Assert.Equal(HttpStatusCode.OK, (await again.LoginAsync(userName, "Right@pass1")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await again.LoginAsync(userName, "Moi@matkhau9")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        using var session = await host.SignInAsync("ubkt.khoi");
        var response = await session.PostFormAsync("/", [], action: "/Account/Logout");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/")).StatusCode);
    }

    private Task CreateUserAsync(string userName, string role) =>
        host.Factory.InScopeAsync(async (sp, db) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var unit = await db.Units.FirstAsync(u => u.Code == "SCT");
            var user = new AppUser { UserName = userName, FullName = "Người Thử Nghiệm", UnitId = unit.Id };
            var result = await users.CreateAsync(user, "Right@pass1");
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
        });
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSignInTests(SqliteHost host) : SignInTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSignInTests(PostgresHost host) : SignInTests(host);
