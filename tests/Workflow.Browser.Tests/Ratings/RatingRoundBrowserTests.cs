using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Workflow.Browser.Tests.Ratings;

/// <summary>
/// One round in Chromium, each person in their own browser: the standing committee opens it, the secretary submits,
/// the organization board proposes, the inspection committee gives its opinion, the standing committee finalizes
/// and opens the Decision document. Screenshots of each step are kept and looked at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RatingRoundBrowserTests(BrowserHost host)
{
    [GeneratedRegex("/Decisions/")]
    private static partial Regex DecisionPage();

    private readonly List<string> _errors = [];

    private Task<IPage> SignInAsync(string userName) =>
        host.SignedInPageAsync(userName, _errors, 1366, 768, password: BrowserHost.TestPassword, acceptDialogs: true);

    private static Task<byte[]> ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, $"round-{name}.png"), FullPage = true });

    [Fact]
    public async Task A_round_goes_from_opening_to_the_Decision_document()
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        var (decidingName, branchName) = ($"Đảng bộ Khối Doanh nghiệp {tag}", $"Chi bộ Công ty Cấp nước {tag}");
        await host.SeedCommitteeAsync(decidingName, branchName,
            ($"btv.{tag}", Roles.StandingCommittee, false, "Vũ Thị Mai"), ($"btc.{tag}", Roles.OrganizationBoard, false, "Đặng Quốc Huy"),
            ($"ubkt.{tag}", Roles.InspectionCommittee, false, "Ngô Thanh Tùng"), ($"bithu.{tag}", Roles.BranchSecretary, true, "Bùi Thị Hạnh"));

        // The standing committee opens the round; the page follows the background job until the files exist.
        var standing = await SignInAsync($"btv.{tag}");
        var roundUrl = await BrowserHost.OpenRoundAsync(standing, page => ShotAsync(page, "1-open"));

        // The secretary fills in form Mẫu 01 and submits it.
        var secretary = await SignInAsync($"bithu.{tag}");
        await secretary.GotoAsync(roundUrl);
        await secretary.GetByRole(AriaRole.Link, new() { Name = branchName }).ClickAsync();
        await BrowserHost.FillSelfAssessmentAsync(secretary, "Hoàn thành 100% chỉ tiêu sản xuất kinh doanh; kết nạp 3 đảng viên mới.",
            "Sinh hoạt chuyên đề chưa đều.", (24, 22, 22), "HTTNV");
        // The labels read as the secretary sees them.
        await Assertions.Expect(secretary.GetByTestId("self-form").GetByLabel("Tự xếp loại")).ToHaveValueAsync("HTTNV");
        await ShotAsync(secretary, "2-self-assessment");
        await secretary.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(secretary.GetByTestId("status")).ToHaveAttributeAsync("data-status", "Submitted");
        var fileUrl = secretary.Url;

        // The organization board proposes the suggested level; the inspection committee has no objection.
        var board = await SignInAsync($"btc.{tag}");
        await board.GetByTestId("nav").GetByRole(AriaRole.Link, new() { Name = "Việc cần làm", Exact = true }).ClickAsync();
        await board.GetByLabel("Tìm đối tượng").FillAsync($"Chi bo Cong ty Cap nuoc {tag}");
        await board.Keyboard.PressAsync("Enter");
        await Assertions.Expect(board.GetByTestId("inbox")).ToContainTextAsync("Ban Tổ chức thẩm định");
        await board.GetByTestId("inbox").GetByText(branchName).ClickAsync();
        await Assertions.Expect(board.GetByTestId("detail-subject")).ToHaveTextAsync(branchName);
        await ShotAsync(board, "3a-inbox");
        await board.GetByTestId("open-file").ClickAsync();
        await Assertions.Expect(board).ToHaveURLAsync(fileUrl);
        await Assertions.Expect(board.GetByTestId("suggested")).ToHaveTextAsync("HTTNV");
        await board.GetByTestId("propose").ClickAsync();
        await Assertions.Expect(board.GetByTestId("timeline")).ToContainTextAsync("Đề xuất mức");
        var inspection = await SignInAsync($"ubkt.{tag}");
        await inspection.GotoAsync(fileUrl);
        await inspection.GetByLabel("Ý kiến về kỷ luật, vi phạm").FillAsync("Trong năm không có tổ chức, đảng viên vi phạm phải xử lý kỷ luật.");
        await inspection.GetByTestId("inspect").ClickAsync();
        await Assertions.Expect(inspection.GetByTestId("status")).ToHaveAttributeAsync("data-status", "Proposed");
        await ShotAsync(inspection, "3-file");

        // The standing committee's home page shows the round's progress as a bar: the one file reviewed, none decided.
        await standing.GotoAsync("/");
        await Assertions.Expect(standing.GetByTestId("progress-row")).ToContainTextAsync("0/1 đã quyết định");
        await ShotAsync(standing, "3c-home");

        // The same home page on a 768 px tablet, in English: nothing scrolls sideways, the bars and the legend are translated.
        var tablet = await host.SignedInPageAsync($"btv.{tag}", _errors, 768, 1024, password: BrowserHost.TestPassword);
        await tablet.GotoAsync("/?culture=en-US&ui-culture=en-US");
        await Assertions.Expect(tablet.GetByTestId("progress-row")).ToContainTextAsync("0/1 decided");
        await Assertions.Expect(tablet.GetByTestId("progress")).ToContainTextAsync("Reviewed");
        Assert.False(await tablet.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the home page scrolls sideways at 768 px");
        await ShotAsync(tablet, "3d-home-768-en");
        await tablet.Context.CloseAsync();

        // The standing committee decides the group on its board and opens the Decision.
        await standing.GotoAsync(roundUrl);
        await standing.GetByRole(AriaRole.Link, new() { Name = "Bảng quyết định" }).ClickAsync();
        await Assertions.Expect(standing.GetByTestId("quota-meter")).ToContainTextAsync("đã chọn 0 / tối đa 1");
        await standing.GetByLabel("Số quyết định").FillAsync($"15-QĐ/ĐUK-{tag}");
        await standing.GetByLabel("Chức vụ người ký").FillAsync("Bí thư");
        await ShotAsync(standing, "4-board");

        // A level other than the proposal without a reason: one Vietnamese message on the row, before any confirmation.
        var confirmations = 0;
        standing.Dialog += (_, _) => confirmations++;
        var level = standing.GetByLabel($"Mức quyết định cho {branchName}");
        await level.SelectOptionAsync("HTNV");
        await standing.GetByTestId("finalize").ClickAsync();
        await Assertions.Expect(standing.GetByTestId("row-error")).ToHaveTextAsync("Cần nêu lý do khi chọn mức khác mức Ban Tổ chức đề xuất.");
        await ShotAsync(standing, "4b-board-reason-missing");
        Assert.Equal(0, confirmations);
        await level.SelectOptionAsync("HTTNV");
        await standing.GetByTestId("finalize").ClickAsync();
        await Assertions.Expect(standing).ToHaveURLAsync(DecisionPage());
        var document = standing.GetByTestId("document");
        await Assertions.Expect(document).ToContainTextAsync("QUYẾT ĐỊNH");
        await Assertions.Expect(document).ToContainTextAsync(branchName);
        await Assertions.Expect(document).ToContainTextAsync("Hoàn thành tốt nhiệm vụ");
        // The certificates are issued in the background and the page reloads itself when they are: wait for that
        // (a screenshot taken during the reload never finishes).
        await Assertions.Expect(standing.GetByTestId("certificates-progress")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Assertions.Expect(standing.GetByTestId("document")).ToContainTextAsync("QUYẾT ĐỊNH");
        await ShotAsync(standing, "5-decision");
        foreach (var page in new[] { standing, secretary, board, inspection })
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(_errors);
    }
}
