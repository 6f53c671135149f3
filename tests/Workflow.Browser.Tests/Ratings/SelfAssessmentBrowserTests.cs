using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Web.Identity;
using Workflow.Web.Org;

namespace Workflow.Browser.Tests.Ratings;

/// <summary>
/// Nothing a clerk types is lost (issue 16), in Chromium: a refused evidence file shows the form exactly as typed, an
/// upload saves what was typed as a draft first, and removing a file does too; the timeline keeps the removal.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SelfAssessmentBrowserTests(BrowserHost host)
{
    private const string Password = "Test@2026";

    [GeneratedRegex("/Rounds/Details/")]
    private static partial Regex RoundDetails();

    private async Task<IPage> SignInAsync(string userName, List<string> errors)
    {
        var page = await host.NewPageAsync(1366, 1000);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        page.Console += (_, message) =>
        {
            // The refused upload answers 400 on purpose; the browser logs that status.
            if (message.Type == "error" && !message.Text.Contains("400", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("greeting")).ToBeVisibleAsync();
        return page;
    }

    private static Task<byte[]> ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, $"self-assessment-{name}.png"), FullPage = true });

    [Fact]
    public async Task A_refused_upload_keeps_the_form_as_typed_and_uploads_and_removals_save_the_draft_first()
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        var (decidingName, branchName) = ($"Đảng ủy Khối Sự nghiệp {tag}", $"Chi bộ Bệnh viện Đa khoa {tag}");
        await host.Factory.InScopeAsync(async (sp, db) =>
        {
            var province = await db.Units.FirstAsync(u => u.Code == "TU");
            var deciding = new Unit { ParentId = province.Id, Kind = UnitKind.DirectCommittee, Name = decidingName, SearchName = TextFolding.Fold(decidingName), Depth = 1, ValidFrom = new DateOnly(2021, 1, 1) };
            deciding.Path = Unit.PathUnder(province, deciding.Id);
            var branch = new Unit { ParentId = deciding.Id, Kind = UnitKind.GrassrootsBranch, Name = branchName, SearchName = TextFolding.Fold(branchName), Depth = 2, ValidFrom = new DateOnly(2021, 1, 1) };
            branch.Path = Unit.PathUnder(deciding, branch.Id);
            db.Units.AddRange(deciding, branch);
            await db.SaveChangesAsync();
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            foreach (var (name, role, unit, full) in new[] { ("btv", Roles.StandingCommittee, deciding.Id, "Lê Văn Toàn"), ("bithu", Roles.BranchSecretary, branch.Id, "Phạm Thị Thu") })
            {
                var user = new AppUser { UserName = $"{name}.{tag}", FullName = full, UnitId = unit };
                Assert.True((await users.CreateAsync(user, Password)).Succeeded);
                await users.AddToRoleAsync(user, role);
            }
        });

        var errors = new List<string>();
        var standing = await SignInAsync($"btv.{tag}", errors);
        await standing.GotoAsync("/Rounds/Open");
        await standing.GetByLabel("Năm đánh giá").FillAsync("2024");
        await standing.GetByLabel("Bộ quy tắc").SelectOptionAsync(new SelectOptionValue { Label = "Quy định 124-QĐ/TW (Hướng dẫn 25-HD/BTCTW) — phiên bản 1 (2023–2024)" });
        await standing.GetByTestId("open-submit").ClickAsync();
        await Assertions.Expect(standing).ToHaveURLAsync(RoundDetails());
        await Assertions.Expect(standing.GetByTestId("file-count")).ToHaveTextAsync("1", new() { Timeout = 15000 });
        var roundUrl = standing.Url;

        // The secretary types part of the form, then picks a file that is not what it claims to be.
        var secretary = await SignInAsync($"bithu.{tag}", errors);
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

        Assert.Empty(errors);
        await standing.Context.CloseAsync();
        await secretary.Context.CloseAsync();
    }
}
