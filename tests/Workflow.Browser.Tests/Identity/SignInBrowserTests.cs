using Microsoft.Playwright;

namespace Workflow.Browser.Tests.Identity;

/// <summary>Each demo user signs in with the keyboard in Chromium, lands on their home page, and signs out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(BrowserHost host)
{
    public static TheoryData<string, string, string[]> DemoUsers => new()
    {
        { "admin", "Trịnh Quang Khải", ["Trang chủ", "Việc cần làm", "Đợt đánh giá", "Khen thưởng", "Báo cáo", "Sinh hoạt chi bộ", "Đơn vị", "Đảng viên", "Quản trị"] },
        { "btv.khoi", "Phạm Văn Hùng", ["Trang chủ", "Việc cần làm", "Đợt đánh giá", "Khen thưởng", "Báo cáo", "Sinh hoạt chi bộ", "Đơn vị", "Đảng viên"] },
        { "btc.khoi", "Nguyễn Thị Thu Hà", ["Trang chủ", "Việc cần làm", "Đợt đánh giá", "Khen thưởng", "Báo cáo", "Sinh hoạt chi bộ", "Đơn vị", "Đảng viên"] },
        { "ubkt.khoi", "Trần Đức Mạnh", ["Trang chủ", "Việc cần làm", "Đợt đánh giá", "Khen thưởng", "Báo cáo", "Sinh hoạt chi bộ", "Đơn vị", "Đảng viên"] },
        { "bithu.sct", "Lê Minh Tuấn", ["Trang chủ", "Việc cần làm", "Đợt đánh giá", "Khen thưởng", "Báo cáo", "Sinh hoạt chi bộ", "Chi bộ của tôi", "Đảng viên"] },
        { "dangvien", "Đỗ Thị Hồng Nhung", ["Trang chủ", "Việc cần làm", "Đợt đánh giá", "Hồ sơ của tôi"] },
        { "btv.binhgiang", "Vũ Văn Bình", ["Trang chủ", "Việc cần làm", "Đợt đánh giá", "Khen thưởng", "Báo cáo", "Sinh hoạt chi bộ", "Đơn vị", "Đảng viên"] },
        { "btc.binhgiang", "Hoàng Thị Lan", ["Trang chủ", "Việc cần làm", "Đợt đánh giá", "Khen thưởng", "Báo cáo", "Sinh hoạt chi bộ", "Đơn vị", "Đảng viên"] },
        { "ubkt.binhgiang", "Nguyễn Văn Khải", ["Trang chủ", "Việc cần làm", "Đợt đánh giá", "Khen thưởng", "Báo cáo", "Sinh hoạt chi bộ", "Đơn vị", "Đảng viên"] },
        { "bithu.binhgiang", "Phạm Thị Hạnh", ["Trang chủ", "Việc cần làm", "Đợt đánh giá", "Khen thưởng", "Báo cáo", "Sinh hoạt chi bộ", "Chi bộ của tôi", "Đảng viên"] },
        { "dangvien.binhgiang", "Trần Văn Long", ["Trang chủ", "Việc cần làm", "Đợt đánh giá", "Hồ sơ của tôi"] },
        { "hdtd.binhgiang", "Lê Thị Thu Hương", ["Trang chủ", "Việc cần làm", "Đợt đánh giá", "Khen thưởng", "Báo cáo"] },
        { "chutich.hdtd.khoi", "Đặng Quốc Toản", ["Trang chủ", "Việc cần làm", "Đợt đánh giá", "Khen thưởng", "Báo cáo"] },
    };

    [Theory]
    [MemberData(nameof(DemoUsers))]
    public async Task Demo_user_signs_in_sees_their_landing_page_and_signs_out(string userName, string fullName, string[] nav)
    {
        var page = await host.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync("Demo@2026");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("greeting")).ToHaveTextAsync($"Xin chào, {fullName}");
        var links = await page.GetByTestId("nav").Locator("> li > a").AllInnerTextsAsync();
        Assert.Equal(nav, links.Select(l => l.Trim()));
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserHost.ScreenshotDir, $"home-{userName}.png"),
            FullPage = true,
        });

        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("logout").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Đăng nhập" })).ToBeVisibleAsync();
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_pages_render_at_tablet_width()
    {
        var page = await host.NewPageAsync(width: 800, height: 1024);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Tên đăng nhập").FillAsync("admin");
        await page.GetByLabel("Mật khẩu").FillAsync("Demo@2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("greeting")).ToBeVisibleAsync();

        foreach (var (path, name) in new[] { ("/Units", "units-tree"), ("/Members?q=nguyen+van", "members-search"), ("/Admin/Users", "admin-users"), ("/Admin/Audit", "admin-audit") })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, $"tablet-{name}.png") });
        }

        await page.GotoAsync("/Api");
        await Assertions.Expect(page.Locator("#apiTable")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "tablet-api-docs.png") });
        await page.Context.CloseAsync();
    }
}
