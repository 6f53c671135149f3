using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Workflow.Browser.Tests.Identity;

/// <summary>
/// The unit picker: 411 units, 39 of them named alike, found by typing (accents optional) and told apart by the path
/// shown under each name; chosen with the keyboard alone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UnitPickerBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task An_admin_finds_a_branch_by_typing_and_its_path_tells_it_apart()
    {
        var errors = new List<string>();
        var admin = await host.SignedInPageAsync("admin", errors, 1366, 768);
        await admin.GotoAsync("/Admin/Users/Create");
        // No empty error box before anything was sent.
        await Assertions.Expect(admin.GetByTestId("errors")).ToBeHiddenAsync();

        var tag = Guid.NewGuid().ToString("N")[..5];
        await admin.GetByLabel("Tên đăng nhập").FillAsync($"vp.{tag}");
        await admin.GetByLabel("Họ và tên").FillAsync("Ngô Thị Vân");
        var unit = admin.GetByRole(AriaRole.Combobox, new() { Name = "Đơn vị" });
        await unit.FillAsync("van phong cong thuong");
        var options = admin.Locator(".unit-picker-list").GetByRole(AriaRole.Option);
        await Assertions.Expect(options.First).ToContainTextAsync("Chi bộ Văn phòng");
        await Assertions.Expect(options.First).ToContainTextAsync("Đảng bộ Sở Công Thương");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "unit-picker.png") });
        await unit.PressAsync("Enter");
        await Assertions.Expect(unit).ToHaveValueAsync("Chi bộ Văn phòng");
        await admin.GetByLabel("Mật khẩu ban đầu").FillAsync("Vp@2026-abc");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Tạo người dùng" }).ClickAsync();
        await Assertions.Expect(admin).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Admin/Users/Create"));

        var code = await host.Factory.InScopeAsync((_, db) => db.Users.Where(u => u.UserName == $"vp.{tag}").Select(u => u.Unit!.Code).SingleAsync());
        Assert.Equal("SCT-VP", code);
        Assert.Empty(errors);
    }
}
