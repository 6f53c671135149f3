using Microsoft.Playwright;

namespace Workflow.Browser.Tests.Ratings;

/// <summary>
/// Nothing a clerk types is lost (issue 16), in Chromium: a refused evidence file shows the form exactly as typed, an
/// upload saves what was typed as a draft first, and removing a file does too; the timeline keeps the removal.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SelfAssessmentBrowserTests(BrowserHost host)
{
    private static Task<byte[]> ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, $"self-assessment-{name}.png"), FullPage = true });

    [Fact]
    public async Task A_refused_upload_keeps_the_form_as_typed_and_uploads_and_removals_save_the_draft_first()
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        var branchName = $"Chi bộ Bệnh viện Đa khoa {tag}";
        await host.SeedCommitteeAsync($"Đảng ủy Khối Sự nghiệp {tag}", branchName,
            ($"btv.{tag}", Roles.StandingCommittee, false, "Lê Văn Toàn"), ($"bithu.{tag}", Roles.BranchSecretary, true, "Phạm Thị Thu"));

        // The refused upload answers 400 on purpose; the browser logs that status.
        var errors = new List<string>();
        var standing = await host.SignedInPageAsync($"btv.{tag}", errors, 1366, 1000, expected: "400", password: BrowserHost.TestPassword, acceptDialogs: true);
        var roundUrl = await BrowserHost.OpenRoundAsync(standing);

        // The secretary types part of the form, then picks a file that is not what it claims to be.
        var secretary = await host.SignedInPageAsync($"bithu.{tag}", errors, 1366, 1000, expected: "400", password: BrowserHost.TestPassword, acceptDialogs: true);
        await secretary.GotoAsync(roundUrl);
        await secretary.GetByRole(AriaRole.Link, new() { Name = branchName }).ClickAsync();
        var fileUrl = secretary.Url;
        var form = secretary.GetByTestId("self-form");
        await form.Locator("select[name^='Criteria']").First.SelectOptionAsync("XS");
        const string Achievements = "Hoàn thành 100% kế hoạch khám chữa bệnh; triển khai bệnh án điện tử toàn viện.";
        await form.GetByLabel("Kết quả, ưu điểm nổi bật").FillAsync(Achievements);
        await form.GetByLabel("Tổng số").FillAsync("31");
        await form.Locator("#upload").SetInputFilesAsync(new FilePayload { Name = "bien-ban.pdf", MimeType = "application/pdf", Buffer = "Đây là văn bản, không phải PDF."u8.ToArray() });
        await secretary.GetByTestId("upload-evidence").ClickAsync();

        // Refused, with the reason, and everything typed is still there.
        await Assertions.Expect(secretary.GetByTestId("errors")).ToContainTextAsync("Chỉ nhận tệp PDF");
        await Assertions.Expect(form.GetByLabel("Kết quả, ưu điểm nổi bật")).ToHaveValueAsync(Achievements);
        await Assertions.Expect(form.Locator("select[name^='Criteria']").First).ToHaveValueAsync("XS");
        await Assertions.Expect(form.GetByLabel("Tổng số")).ToHaveValueAsync("31");
        await ShotAsync(secretary, "1-refused-upload");

        // A real PDF: uploaded, and what was typed is saved as a draft on the way (a fresh page load shows it).
        await form.Locator("#upload").SetInputFilesAsync(new FilePayload { Name = "bien-ban-hop.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray() });
        await secretary.GetByTestId("upload-evidence").ClickAsync();
        await Assertions.Expect(secretary.GetByTestId("evidence-list")).ToContainTextAsync("bien-ban-hop.pdf");
        await secretary.GotoAsync(fileUrl);
        await Assertions.Expect(form.GetByLabel("Kết quả, ưu điểm nổi bật")).ToHaveValueAsync(Achievements);
        await Assertions.Expect(secretary.GetByTestId("status")).ToHaveAttributeAsync("data-status", "Draft");

        // More typing, not saved, then the file is removed: the typing is saved first, the timeline keeps the removal.
        await form.GetByLabel("Hạn chế, khuyết điểm và nguyên nhân").FillAsync("Công tác phát triển đảng viên còn chậm.");
        await secretary.GetByTestId("remove-evidence").ClickAsync();
        await Assertions.Expect(secretary.GetByTestId("evidence-list")).Not.ToContainTextAsync("bien-ban-hop.pdf");
        await secretary.GotoAsync(fileUrl);
        await Assertions.Expect(form.GetByLabel("Hạn chế, khuyết điểm và nguyên nhân")).ToHaveValueAsync("Công tác phát triển đảng viên còn chậm.");
        await Assertions.Expect(secretary.GetByTestId("timeline")).ToContainTextAsync("Gỡ minh chứng");
        await ShotAsync(secretary, "2-after-removal");

        // Submitting an incomplete file: what is missing is said first, and the "Nộp hồ sơ?" question is never asked.
        var questions = 0;
        secretary.Dialog += (_, _) => questions++;
        await secretary.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(secretary.GetByTestId("check-errors")).ToContainTextAsync("Hồ sơ chưa đủ để nộp");
        await Assertions.Expect(secretary.GetByTestId("status")).ToHaveAttributeAsync("data-status", "Draft");
        await ShotAsync(secretary, "3-check-before-confirm");
        Assert.Equal(0, questions);

        Assert.Empty(errors);
        await standing.Context.CloseAsync();
        await secretary.Context.CloseAsync();
    }
}
