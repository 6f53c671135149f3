using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Web.Identity;
using Workflow.Web.Org;

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
    public async Task<IPage> SignedInPageAsync(string userName, List<string> errors, int width = 1600, int height = 1000, string? expected = null,
        string password = "Demo@2026", bool acceptDialogs = false)
    {
        var page = await NewPageAsync(width, height);
        if (acceptDialogs)
        {
            page.Dialog += (_, dialog) => dialog.AcceptAsync(); // the confirmations before submitting, finalizing, revoking
        }

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
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("greeting")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>The password of the users <see cref="SeedCommitteeAsync"/> creates.</summary>
    public const string TestPassword = "Test@2026";

    /// <summary>
    /// A directly-subordinate committee under the demo province with one grassroots branch, and users bound to one or
    /// the other (password <see cref="TestPassword"/>).
    /// </summary>
    public Task<(Guid Deciding, Guid Branch)> SeedCommitteeAsync(string decidingName, string branchName,
        params (string UserName, string Role, bool AtBranch, string FullName)[] users) =>
        Factory.InScopeAsync(async (sp, db) =>
        {
            var province = await db.Units.FirstAsync(u => u.Code == "TU");
            var deciding = new Unit { ParentId = province.Id, Kind = UnitKind.DirectCommittee, Name = decidingName, SearchName = TextFolding.Fold(decidingName), Depth = 1, ValidFrom = new DateOnly(2021, 1, 1) };
            deciding.Path = Unit.PathUnder(province, deciding.Id);
            var branch = new Unit { ParentId = deciding.Id, Kind = UnitKind.GrassrootsBranch, Name = branchName, SearchName = TextFolding.Fold(branchName), Depth = 2, ValidFrom = new DateOnly(2021, 1, 1) };
            branch.Path = Unit.PathUnder(deciding, branch.Id);
            db.Units.AddRange(deciding, branch);
            await db.SaveChangesAsync();
            var manager = sp.GetRequiredService<UserManager<AppUser>>();
            foreach (var (name, role, atBranch, full) in users)
            {
                var user = new AppUser { UserName = name, FullName = full, UnitId = atBranch ? branch.Id : deciding.Id };
                Assert.True((await manager.CreateAsync(user, TestPassword)).Succeeded);
                await manager.AddToRoleAsync(user, role);
            }

            return (deciding.Id, branch.Id);
        });

    /// <summary>The standing committee opens a 2024 round of its grassroots organizations (124-QĐ/TW) from the page; returns the round's page.</summary>
    public static async Task<string> OpenRoundAsync(IPage standing, Func<IPage, Task>? beforeSubmit = null)
    {
        await standing.GotoAsync("/Rounds/Open");
        await standing.GetByLabel("Năm đánh giá").FillAsync("2024");
        await standing.GetByLabel("Bộ quy tắc").SelectOptionAsync(new SelectOptionValue { Label = "Quy định 124-QĐ/TW (Hướng dẫn 25-HD/BTCTW) — phiên bản 1 (2023–2024)" });
        if (beforeSubmit is not null)
        {
            await beforeSubmit(standing);
        }

        await standing.GetByTestId("open-submit").ClickAsync();
        await Assertions.Expect(standing).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Rounds/Details/"));
        await Assertions.Expect(standing.GetByTestId("file-count")).ToHaveTextAsync("1", new() { Timeout = 15000 });
        return standing.Url;
    }

    /// <summary>
    /// Fills in the self-assessment form (Mẫu 01) on an open file page, by the fields' ids so it works in either language:
    /// every criterion "Tốt", the texts, the branch meeting's vote and the self-rated level.
    /// </summary>
    public static async Task FillSelfAssessmentAsync(IPage page, string achievements, string shortcomings, (int Total, int Present, int VotesFor) vote, string level)
    {
        var form = page.GetByTestId("self-form");
        foreach (var select in await form.Locator("select[name^='Criteria']").AllAsync())
        {
            await select.SelectOptionAsync("T");
        }

        await form.Locator("#Achievements").FillAsync(achievements);
        await form.Locator("#Shortcomings").FillAsync(shortcomings);
        await form.Locator("#MeetingDate").FillAsync("2024-12-05");
        await form.Locator("#MembersTotal").FillAsync(vote.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.Locator("#MembersPresent").FillAsync(vote.Present.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.Locator("#VotesFor").FillAsync(vote.VotesFor.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.Locator("#ProposedLevel").SelectOptionAsync(level);
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
