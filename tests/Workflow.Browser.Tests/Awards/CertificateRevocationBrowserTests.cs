using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Workflow.Web.Awards;
using Workflow.Web.Ratings;

namespace Workflow.Browser.Tests.Awards;

/// <summary>
/// The issuer's standing committee revokes a certificate from the decision page with a reason, then annuls the
/// revocation; the public check follows each step. Another committee's page offers nothing to revoke.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CertificateRevocationBrowserTests(BrowserHost host)
{
    /// <summary>Calls the product's API from the page's session, with the antiforgery header its scripts send.</summary>
    private static async Task<JsonElement> ApiAsync(IPage page, string url, object body)
    {
        await page.GotoAsync("/Account/ChangePassword");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var response = await page.Context.APIRequest.PostAsync(url, new() { DataObject = body, Headers = new Dictionary<string, string> { ["RequestVerificationToken"] = token } });
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"{url}: {response.Status} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task The_issuer_revokes_from_the_decision_page_with_a_reason_and_can_annul_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        var branchName = $"Chi bộ Trường THPT Chuyên {tag}";
        await host.SeedCommitteeAsync($"Đảng ủy Khối Giáo dục {tag}", branchName, ($"btv.{tag}", Roles.StandingCommittee, false, "Hoàng Minh Đức"));
        var errors = new List<string>();
        var standing = await host.SignedInPageAsync($"btv.{tag}", errors, 1366, 900, password: BrowserHost.TestPassword, acceptDialogs: true);
        var roundId = Guid.Parse((await BrowserHost.OpenRoundAsync(standing)).Split('/')[^1]);

        // The file goes to HTXSNV through the product's API (the admin may act on every step), then the group is decided.
        var (fileId, decidingId) = await host.Factory.InScopeAsync((_, db) => db.Files.Where(f => f.RoundId == roundId).Select(f => new { f.Id, f.DecidingUnitId })
            .SingleAsync().ContinueWith(t => (t.Result.Id, t.Result.DecidingUnitId)));
        var admin = await host.SignedInPageAsync("admin", errors, 1366, 900);
        var criteria = await host.Factory.InScopeAsync(async (_, db) =>
            (await db.RuleSets.FirstAsync(r => r.Code == "124-QĐ/TW" && r.Version == 1)).Parse().Forms.First(f => f.FormCode == "Mẫu 01").Criteria.ToDictionary(c => c.Code, _ => "XS"));
        await ApiAsync(admin, $"/api/files/{fileId}/submit", new
        {
            content = new
            {
                criteria, achievements = "Dẫn đầu khối thi đua.", shortcomings = "Không có.", proposedLevel = "HTXSNV", branchComment = "Nhất trí.",
                meeting = new { date = "2024-12-05", membersTotal = 30, membersPresent = 30, votesFor = 30 },
            },
            version = 0,
        });
        await ApiAsync(admin, $"/api/files/{fileId}/review", new { action = "propose", level = "HTXSNV", version = 1 });
        await ApiAsync(admin, $"/api/files/{fileId}/inspection", new { opinion = "Không có vi phạm.", degradation = false, version = 2 });
        var decision = await ApiAsync(standing, "/api/decisions", new
        {
            roundId, decidingUnitId = decidingId, subjectType = "GrassrootsOrganization", number = $"80-QĐ/ĐUK-{tag}", decidedOn = "2025-01-10",
            signerName = "Hoàng Minh Đức", signerTitle = "Bí thư Đảng ủy", acceptProposals = true,
        });
        var decisionId = decision.GetProperty("id").GetGuid();

        // The decision page: once issued, the certificate with its revoke form.
        await standing.GotoAsync($"/Decisions/{decisionId}");
        await Assertions.Expect(standing.GetByTestId("certificates-progress")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        var certificates = standing.GetByTestId("certificates");
        await Assertions.Expect(certificates).ToContainTextAsync(branchName);
        await certificates.GetByLabel("Lý do thu hồi").FillAsync("Kê khai thành tích không trung thực (Kết luận số 12-KL/UBKT).");
        await certificates.GetByRole(AriaRole.Button, new() { Name = "Thu hồi" }).ClickAsync();
        await Assertions.Expect(certificates).ToContainTextAsync("đã thu hồi");
        await standing.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "certificate-revoked.png"), FullPage = true });
        var code = await host.Factory.InScopeAsync((_, db) => db.Certificates.Where(c => c.DecisionId == decisionId).Select(c => c.Code).SingleAsync());
        var check = await host.NewPageAsync();
        await check.GotoAsync($"/verify/{code}");
        await Assertions.Expect(check.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Revoked");

        // The revocation was wrong: annulled with a reason, the certificate is valid again.
        await certificates.GetByLabel("Lý do hủy thu hồi").FillAsync("UBKT xác minh lại: kê khai đúng.");
        await certificates.GetByRole(AriaRole.Button, new() { Name = "Hủy thu hồi" }).ClickAsync();
        await Assertions.Expect(certificates).Not.ToContainTextAsync("đã thu hồi");
        await check.ReloadAsync();
        await Assertions.Expect(check.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Valid");

        // Another committee's standing member does not see the decision at all.
        var outsider = await host.SignedInPageAsync("btv.khoi", errors, 1366, 900, expected: "404"); // the refused page logs its status
        var response = await outsider.GotoAsync($"/Decisions/{decisionId}");
        Assert.Equal(404, response!.Status);
        Assert.Empty(errors);
        foreach (var page in new[] { standing, admin, check, outsider })
        {
            await page.Context.CloseAsync();
        }
    }
}
