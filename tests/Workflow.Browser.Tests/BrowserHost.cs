using Microsoft.Playwright;
using Workflow.Testing;

namespace Workflow.Browser.Tests;

/// <summary>
/// The app on Kestrel (127.0.0.1, a free port) with the demo data, and Debian's Chromium driven by Playwright.
/// Playwright's own browser download is not reachable here, so the system Chromium is launched by path.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public AppFactory Factory { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where screenshots go (artifacts/screenshots at the repository root): people look at them.</summary>
    public static string ScreenshotDir => Artifacts.ScreenshotDir;

    public async Task InitializeAsync()
    {
        Factory = new AppFactory(await TestDatabase.CreateAsync(DatabaseKind.Sqlite));
        BaseAddress = Factory.StartKestrel();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
            ],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1366, int height = 768)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A new page signed in as <paramref name="userName"/>; console errors (but those containing
    /// <paramref name="expected"/>, say a refusal the test provokes) and page errors are collected in <paramref name="errors"/>.
    /// </summary>
    public async Task<IPage> SignedInPageAsync(string userName, List<string> errors, int width = 1600, int height = 1000, string? expected = null)
    {
        var page = await NewPageAsync(width, height);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && (expected is null || !message.Text.Contains(expected, StringComparison.Ordinal)))
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync("Demo@2026");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("greeting")).ToBeVisibleAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHost>
{
    public const string Name = "browser";
}
