using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Web.Awards;
using Workflow.Web.Identity;
using Workflow.Web.Org;
using Workflow.Web.Ratings;

namespace Workflow.Browser.Tests.Awards;

/// <summary>
/// An award round in the browser: the standing committee opens it, the board proposes and sends it, the standing
/// committee selects "HTXSNV tiêu biểu" within its limit with the live meter (over the limit it turns red), proposes a
/// Bằng khen to the province and issues the award decision; the certificate PDF is rendered and kept as an image; the
/// province's board forwards the proposal, its standing committee decides it, and the committee sees it decided.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AwardRoundBrowserTests(BrowserHost host)
{
    private const int Year = 2024;

    [Fact]
    public async Task A_standing_committee_selects_within_the_limit_issues_the_award_decision_and_a_proposal_comes_back_decided()
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        var (committee, _) = await host.SeedCommitteeAsync($"Đảng ủy Khối Doanh nghiệp {tag}", $"Chi bộ Công ty Điện lực {tag}",
            ($"btv.kt.{tag}", Roles.StandingCommittee, false, "Phạm Quang Vinh"), ($"btc.kt.{tag}", Roles.OrganizationBoard, false, "Trần Thị Mai"));
        await SeedRecordAsync(committee, tag);
        var errors = new List<string>();
        var standing = await host.SignedInPageAsync($"btv.kt.{tag}", errors, 1366, 900, password: BrowserHost.TestPassword, acceptDialogs: true);

        // The standing committee opens the year's round from the awards page.
        await standing.GotoAsync("/Awards");
        await standing.GetByTestId("open-award-round").GetByLabel("Năm").FillAsync(Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await standing.GetByTestId("open-award").ClickAsync();
        await Assertions.Expect(standing).ToHaveURLAsync(new Regex("/Awards/[0-9a-f-]{36}"));
        var roundUrl = standing.Url;
        await Assertions.Expect(standing.GetByTestId("award-status")).ToHaveTextAsync("Ban Tổ chức đang đề xuất");

        // The board sends the computed list as it is.
        var board = await host.SignedInPageAsync($"btc.kt.{tag}", errors, 1366, 900, password: BrowserHost.TestPassword, acceptDialogs: true);
        await board.GotoAsync(roundUrl);
        await board.GetByTestId("submit-proposal").ClickAsync();
        await Assertions.Expect(board.GetByTestId("award-status")).ToHaveTextAsync("Ban Thường vụ đang xét chọn");

        // "HTXSNV tiêu biểu": 20% of 5 allows 1; the meter follows the ticks and turns red at 2.
        await standing.GotoAsync(roundUrl);
        await standing.GetByTestId("award-groups").GetByRole(AriaRole.Link, new() { Name = "Giấy khen hoàn thành xuất sắc nhiệm vụ tiêu biểu" }).ClickAsync();
        var meter = standing.GetByTestId("award-meter");
        await Assertions.Expect(meter).ToContainTextAsync("0");
        var boxes = standing.GetByTestId("candidates").Locator("input[data-select]");
        await Assertions.Expect(boxes).ToHaveCountAsync(5);
        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(1).CheckAsync();
        await Assertions.Expect(meter).ToHaveClassAsync(new Regex("alert-danger"));
        await Assertions.Expect(standing.Locator("[data-meter-over]")).ToBeVisibleAsync();
        await standing.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "award-meter-over.png"), FullPage = true });
        await boxes.Nth(1).UncheckAsync();
        await Assertions.Expect(meter).ToHaveClassAsync(new Regex("alert-success"));
        await standing.GetByTestId("save-selection").ClickAsync();
        await Assertions.Expect(standing.GetByTestId("award-groups")).ToContainTextAsync("Giấy khen hoàn thành xuất sắc nhiệm vụ tiêu biểu");

        // The Bằng khen group: both streak holders proposed to the province.
        await standing.GetByTestId("award-groups").GetByRole(AriaRole.Link, new() { Name = "Bằng khen của Ban Thường vụ Tỉnh ủy" }).ClickAsync();
        var merit = standing.GetByTestId("candidates").Locator("input[data-select]");
        await Assertions.Expect(merit).ToHaveCountAsync(2);
        await merit.Nth(0).CheckAsync();
        await standing.GetByLabel("Số quyết định").FillAsync($"12-QĐ/ĐUK-{tag}");
        await standing.GetByLabel("Chức vụ người ký").FillAsync("Bí thư Đảng ủy Khối");
        await standing.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "award-selection.png"), FullPage = true });
        await standing.GetByTestId("decide-awards").ClickAsync();
        await Assertions.Expect(standing.GetByTestId("award-decided")).ToBeVisibleAsync();
        await Assertions.Expect(standing.GetByTestId("award-decided")).ToContainTextAsync("Đề nghị Tỉnh ủy Hải Dương xét, tặng Bằng khen cho 1 tập thể.");

        // The award decision: the document and, once issued, its certificate.
        await standing.GetByTestId("award-decided").GetByRole(AriaRole.Link, new() { Name = "Xem quyết định" }).ClickAsync();
        await Assertions.Expect(standing.GetByTestId("document")).ToContainTextAsync("về việc khen thưởng năm 2024");
        await Assertions.Expect(standing.GetByTestId("document")).ToContainTextAsync("Đề nghị Tỉnh ủy Hải Dương xét, tặng Bằng khen cho 1 tập thể.");
        await Assertions.Expect(standing.GetByTestId("certificates-progress")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Assertions.Expect(standing.GetByTestId("certificate-link")).ToHaveCountAsync(1);
        await standing.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "award-decision.png"), FullPage = true });
        var pdfUrl = await standing.GetByTestId("certificate-link").GetAttributeAsync("href");
        var pdf = await standing.Context.APIRequest.GetAsync(new Uri(host.BaseAddress, pdfUrl!).ToString());
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        var path = Path.Combine(Path.GetTempPath(), $"award-{tag}.pdf");
        await File.WriteAllBytesAsync(path, await pdf.BodyAsync());
        Tools.Run("pdftoppm", $"-r 60 -png -singlefile {path} {Path.Combine(BrowserHost.ScreenshotDir, "award-certificate")}");
        var text = Tools.PdfText(path);
        Assert.Contains("GIẤY KHEN", text, StringComparison.Ordinal);
        Assert.Contains("tiêu biểu năm 2024", text, StringComparison.Ordinal);
        File.Delete(path);

        // The province: its board forwards the proposal with the dossier, its standing committee decides; the committee sees it decided.
        await AddProvinceUsersAsync(tag);
        var provinceBoard = await host.SignedInPageAsync($"btc.tu.{tag}", errors, 1366, 900, password: BrowserHost.TestPassword, acceptDialogs: true);
        // The proposal is a task in the province board's inbox, named after the proposing committee, opening its page.
        await provinceBoard.GotoAsync("/Inbox?task=proposalReview");
        await provinceBoard.GetByText($"Đề nghị khen thưởng năm 2024 của Đảng ủy Khối Doanh nghiệp {tag}").First.ClickAsync();
        await provinceBoard.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "award-proposal-inbox.png"), FullPage = true });
        await provinceBoard.GetByTestId("open-work-page").ClickAsync();
        await Assertions.Expect(provinceBoard).ToHaveURLAsync(new Regex("/Awards/Proposals/"));
        await Assertions.Expect(provinceBoard.GetByTestId("dossier")).ToHaveCountAsync(1);
        await Assertions.Expect(provinceBoard.GetByTestId("dossier")).ToContainTextAsync("HTXSNV");
        await provinceBoard.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "award-proposal-dossier.png"), FullPage = true });
        await provinceBoard.GetByTestId("forward-proposal").ClickAsync();
        await Assertions.Expect(provinceBoard.GetByTestId("proposal-status")).ToHaveTextAsync("Ban Thường vụ cấp trên đang xét");
        var proposalUrl = provinceBoard.Url;

        var provinceStanding = await host.SignedInPageAsync($"btv.tu.{tag}", errors, 1366, 900, password: BrowserHost.TestPassword, acceptDialogs: true);
        await provinceStanding.GotoAsync(proposalUrl);
        await provinceStanding.GetByLabel("Số quyết định").FillAsync($"300-QĐ/TU-{tag}");
        await provinceStanding.GetByLabel("Chức vụ người ký").FillAsync("Bí thư Tỉnh ủy");
        await provinceStanding.GetByTestId("decide-proposal").ClickAsync();
        await Assertions.Expect(provinceStanding.GetByTestId("proposal-decided")).ToBeVisibleAsync();

        await standing.GotoAsync(roundUrl);
        await Assertions.Expect(standing.GetByTestId("award-decided")).ToContainTextAsync("Đã quyết định");
        await standing.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "award-round-decided.png"), FullPage = true });

        // On a tablet, in English: the round, the decision and the dossier fit the window, nothing cut.
        var tablet = await host.SignedInPageAsync($"btv.kt.{tag}", errors, 768, 1024, password: BrowserHost.TestPassword);
        var problems = new List<string>();
        foreach (var (url, name) in new[] { (roundUrl, "award-round"), (roundUrl + "?kind=BK-TU&group=collectives", "award-round-merit"), (proposalUrl, "award-proposal") })
        {
            await tablet.GotoAsync(url + (url.Contains('?') ? "&" : "?") + "culture=en-US&ui-culture=en-US");
            problems.AddRange(await Walks.PageLayout.ProblemsAsync(tablet, name));
            await tablet.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, $"{name}-en-768.png"), FullPage = true });
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(errors);
    }

    /// <summary>Four more branches, and the record: five HTXSNV this year, two of them HTXSNV in each of the four years before.</summary>
    private Task SeedRecordAsync(Guid committee, string tag) => host.Factory.InScopeAsync(async (_, db) =>
    {
        var parent = await db.Units.FirstAsync(u => u.Id == committee);
        for (var i = 2; i <= 5; i++)
        {
            var name = $"Chi bộ Công ty số {i} {tag}";
            var unit = new Unit { ParentId = parent.Id, Kind = UnitKind.GrassrootsBranch, Name = name, SearchName = TextFolding.Fold(name), Depth = 2, ValidFrom = new DateOnly(2021, 1, 1) };
            unit.Path = Unit.PathUnder(parent, unit.Id);
            db.Units.Add(unit);
        }

        await db.SaveChangesAsync();
        var branches = await db.Units.Where(u => u.ParentId == committee).OrderBy(u => u.Name).ToListAsync();
        foreach (var (unit, i) in branches.Select((u, i) => (u, i)))
        {
            for (var year = Year - 4; year <= Year; year++)
            {
                db.YearRatings.Add(new YearRating
                {
                    SubjectType = SubjectType.GrassrootsOrganization, SubjectId = unit.Id, SubjectName = unit.Name, UnitId = unit.Id, UnitPath = unit.Path, Year = year,
                    Level = year == Year || i < 2 ? RatingLevel.Excellent : RatingLevel.Good, Imported = true, DecisionNumber = "sổ sách", RecordedAtUtc = DateTime.UtcNow,
                });
            }
        }

        await db.SaveChangesAsync();
    });

    private Task AddProvinceUsersAsync(string tag) => host.Factory.InScopeAsync(async (sp, db) =>
    {
        var province = await db.Units.FirstAsync(u => u.Code == "TU");
        var manager = sp.GetRequiredService<UserManager<AppUser>>();
        foreach (var (name, role, full) in new[] { ($"btc.tu.{tag}", Roles.OrganizationBoard, "Vũ Thị Ngọc"), ($"btv.tu.{tag}", Roles.StandingCommittee, "Lê Văn Thành") })
        {
            var user = new AppUser { UserName = name, FullName = full, UnitId = province.Id };
            Assert.True((await manager.CreateAsync(user, BrowserHost.TestPassword)).Succeeded);
            await manager.AddToRoleAsync(user, role);
        }
    });
}
