using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Workflow.Web.Ratings;

namespace Workflow.Browser.Tests.Walks;

/// <summary>
/// Each role walks its own path through one rating round, in Chromium, at a laptop's 1366×768 and at a 768 px tablet,
/// in Vietnamese and in English: the standing committee opens the round, the branch secretary fills in and submits the
/// self-assessment, the organization board proposes a level from its inbox, the inspection committee gives its opinion,
/// the standing committee decides on its board and opens the Decision, the secretary reads the notice, and the admin
/// goes through the designer, the instance viewer, the audit, the users and the units. On every page: nothing scrolls
/// sideways, nothing is cut (<see cref="PageLayout"/>), and no console error; every page is kept as a screenshot named
/// walk-{language}-{width}-{step}.png and looked at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RoleWalkBrowserTests(BrowserHost host)
{
    [GeneratedRegex("/Decisions/")]
    private static partial Regex DecisionPage();

    [GeneratedRegex("/Rounds/Details/")]
    private static partial Regex RoundPage();

    private readonly List<string> _errors = [];
    private readonly List<string> _layout = [];

    [Theory]
    [InlineData("vi", 1366, 768)]
    [InlineData("vi", 768, 1024)]
    [InlineData("en", 1366, 768)]
    [InlineData("en", 768, 1024)]
    public async Task Every_role_walks_its_path(string language, int width, int height)
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        var (decidingName, branchName) = ($"Đảng bộ Khối Cơ quan {tag}", $"Chi bộ Phòng Kế hoạch {tag}");
        await host.SeedCommitteeAsync(decidingName, branchName,
            ($"btv.{tag}", Roles.StandingCommittee, false, "Vũ Thị Mai"), ($"btc.{tag}", Roles.OrganizationBoard, false, "Đặng Quốc Huy"),
            ($"ubkt.{tag}", Roles.InspectionCommittee, false, "Ngô Thanh Tùng"), ($"bithu.{tag}", Roles.BranchSecretary, true, "Bùi Thị Hạnh"));
        var prefix = $"walk-{language}-{width}";

        async Task<IPage> SignInAsync(string userName, string password = BrowserHost.TestPassword)
        {
            var page = await host.SignedInPageAsync(userName, _errors, width, height, expected: "favicon", password: password, acceptDialogs: true);
            if (language == "en")
            {
                await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c%3Den-US%7Cuic%3Den-US", Url = host.BaseAddress.ToString() }]);
                await page.ReloadAsync();
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new Regex("^en"));
            }

            return page;
        }

        async Task SeeAsync(IPage page, string step)
        {
            _layout.AddRange(await PageLayout.ProblemsAsync(page, $"{prefix} {step}"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, $"{prefix}-{step}.png"), FullPage = true });
        }

        // The menu of a narrow screen folds behind its button: it opens, and everything in it fits.
        async Task MenuAsync(IPage page, string step)
        {
            var toggler = page.Locator(".navbar-toggler");
            if (await toggler.IsVisibleAsync())
            {
                await toggler.ClickAsync();
                await Assertions.Expect(page.Locator("#mainNav")).ToHaveClassAsync(new Regex(@"\bshow\b")); // opened, not still sliding
                await Assertions.Expect(page.GetByTestId("nav")).ToBeVisibleAsync();
                await SeeAsync(page, step);
                await toggler.ClickAsync();
                await Assertions.Expect(page.GetByTestId("nav")).ToBeHiddenAsync();
            }
        }

        // ---- the standing committee opens the round ------------------------------------------------------------
        var standing = await SignInAsync($"btv.{tag}");
        await SeeAsync(standing, "1-btv-home");
        await MenuAsync(standing, "1b-btv-menu");
        await standing.GotoAsync("/Rounds/Open");
        await standing.Locator("#Year").FillAsync("2024");
        await Assertions.Expect(standing.Locator("#RuleSetId option:checked")).ToContainTextAsync("124-QĐ/TW");
        await SeeAsync(standing, "2-btv-open");
        await standing.GetByTestId("open-submit").ClickAsync();
        await Assertions.Expect(standing).ToHaveURLAsync(RoundPage());
        await Assertions.Expect(standing.GetByTestId("file-count")).ToHaveTextAsync("1", new() { Timeout = 15000 });
        var roundUrl = standing.Url;
        await SeeAsync(standing, "3-btv-round");

        // ---- the branch secretary fills in the self-assessment and submits it ----------------------------------
        var secretary = await SignInAsync($"bithu.{tag}");
        await SeeAsync(secretary, "4-bithu-home");
        await secretary.GotoAsync(roundUrl);
        await secretary.GetByRole(AriaRole.Link, new() { Name = branchName }).ClickAsync();
        await BrowserHost.FillSelfAssessmentAsync(secretary, "Hoàn thành kế hoạch công tác năm; kết nạp 2 đảng viên mới.",
            "Sinh hoạt chuyên đề có lúc chưa đều.", (18, 17, 17), "HTTNV");
        await SeeAsync(secretary, "5-bithu-form");
        await secretary.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(secretary.GetByTestId("status")).ToHaveAttributeAsync("data-status", "Submitted");
        var fileUrl = secretary.Url;
        await SeeAsync(secretary, "6-bithu-submitted");

        // ---- the organization board proposes from its inbox ----------------------------------------------------
        var board = await SignInAsync($"btc.{tag}");
        await SeeAsync(board, "7-btc-home");
        await board.GotoAsync("/Inbox");
        await board.Locator("#q").FillAsync(branchName);
        await board.Keyboard.PressAsync("Enter");
        await board.Locator("[data-task]", new() { HasText = branchName }).ClickAsync();
        await Assertions.Expect(board.GetByTestId("detail-subject")).ToHaveTextAsync(branchName);
        await Assertions.Expect(board.GetByTestId("detail-subject")).ToBeInViewportAsync();
        await SeeAsync(board, "8-btc-inbox");
        await board.GetByTestId("open-file").ClickAsync();
        await Assertions.Expect(board).ToHaveURLAsync(fileUrl);
        await Assertions.Expect(board.GetByTestId("suggested")).ToHaveTextAsync("HTTNV");
        await board.GetByTestId("propose").ClickAsync();
        await Assertions.Expect(board.GetByTestId("propose")).ToHaveCountAsync(0); // done: the file waits for the inspection's opinion
        await SeeAsync(board, "9-btc-proposed");

        // ---- the inspection committee gives its opinion ---------------------------------------------------------
        var inspection = await SignInAsync($"ubkt.{tag}");
        await SeeAsync(inspection, "10-ubkt-home");
        await inspection.GotoAsync(fileUrl);
        await inspection.Locator("#Opinion").FillAsync("Trong năm không có đảng viên vi phạm phải xử lý kỷ luật.");
        await SeeAsync(inspection, "11-ubkt-file");
        await inspection.GetByTestId("inspect").ClickAsync();
        await Assertions.Expect(inspection.GetByTestId("status")).ToHaveAttributeAsync("data-status", "Proposed");

        // ---- the standing committee decides on its board and opens the Decision --------------------------------
        await standing.GotoAsync("/");
        await Assertions.Expect(standing.GetByTestId("progress-row")).ToBeVisibleAsync();
        await SeeAsync(standing, "12-btv-home-progress");
        await standing.GotoAsync(roundUrl);
        await standing.Locator("a[href*='/Rounds/Board']").First.ClickAsync();
        await standing.Locator("#Number").FillAsync($"21-QĐ/ĐUK-{tag}");
        await standing.Locator("#SignerTitle").FillAsync("Bí thư");
        await Assertions.Expect(standing.Locator($"select[name^='level-']")).ToHaveValueAsync("HTTNV");
        await SeeAsync(standing, "13-btv-board");
        await standing.GetByTestId("finalize").ClickAsync();
        await Assertions.Expect(standing).ToHaveURLAsync(DecisionPage());
        await Assertions.Expect(standing.GetByTestId("certificates-progress")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Assertions.Expect(standing.GetByTestId("document")).ToContainTextAsync(branchName);
        await SeeAsync(standing, "14-btv-decision");

        // ---- the secretary reads the notice of the Decision -----------------------------------------------------
        await secretary.GotoAsync("/Notifications");
        await Assertions.Expect(secretary.GetByTestId("notifications")).ToContainTextAsync($"21-QĐ/ĐUK-{tag}");
        await SeeAsync(secretary, "15-bithu-notifications");
        await secretary.GotoAsync(fileUrl);
        await Assertions.Expect(secretary.GetByTestId("status")).ToHaveAttributeAsync("data-status", "Decided");
        await SeeAsync(secretary, "16-bithu-decided");

        // ---- the admin: processes, the designer, the instance viewer, audit, users, units -----------------------
        var admin = await SignInAsync("admin", "Demo@2026");
        await SeeAsync(admin, "17-admin-home");
        await MenuAsync(admin, "17b-admin-menu");
        await admin.GotoAsync("/Admin/Processes");
        await SeeAsync(admin, "18-admin-processes");
        await admin.GotoAsync("/Admin/Processes/Edit?key=rating-subject");
        await Assertions.Expect(admin.Locator("[data-designer]")).ToHaveAttributeAsync("data-ready", "true");
        await SeeAsync(admin, "19-admin-designer");
        var instanceId = await host.Factory.InScopeAsync((_, db) =>
            db.Files.IgnoreQueryFilters().Where(f => f.SubjectName == branchName).Select(f => f.InstanceId).SingleAsync());
        await admin.GotoAsync($"/Admin/Instances/View?id={instanceId}");
        await Assertions.Expect(admin.Locator("[data-instance-view]")).ToHaveAttributeAsync("data-ready", "true");
        await SeeAsync(admin, "20-admin-instance");
        foreach (var (path, step) in new[]
        {
            ("/Admin/Instances", "21-admin-instances"), ("/Admin/Audit", "22-admin-audit"), ("/Admin/Users", "23-admin-users"),
            ("/Admin/Users/Create", "24-admin-user-create"), ("/Units", "25-admin-units"), ("/Admin/Forms", "26-admin-forms"),
            ("/Admin/Templates", "27-admin-templates"), ("/Admin/RuleSets", "28-admin-rulesets"), ("/Meetings", "29-admin-meetings"),
            ("/Rounds", "30-admin-rounds"), ("/Members", "31-admin-members"), ("/Admin/Outbox", "32-admin-outbox"),
            ("/Admin/Processes/Versions?key=rating-subject", "33-admin-versions"), ("/Admin/Templates/Certificate", "34-admin-certificate-template"),
            ("/Notifications", "35-admin-notifications"), ("/Account/ChangePassword", "36-admin-password"), ("/Awards", "37-admin-awards"),
            ("/Admin/AwardKinds", "38-admin-award-kinds"), ("/Reports/Targets", "39-admin-targets"), ("/Reports/Year", "40-admin-report"),
            ("/Imports", "41-admin-imports"), ("/Admin/Templates?key=year-report", "42-admin-report-template"),
        })
        {
            await admin.GotoAsync(path);
            await SeeAsync(admin, step);
        }

        foreach (var page in new[] { standing, secretary, board, inspection, admin })
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(_errors);
        Assert.True(_layout.Count == 0, string.Join(Environment.NewLine, _layout));
    }
}
