using Microsoft.Playwright;

namespace Workflow.Browser.Tests.Awards;

/// <summary>An admin edits the certificate template in Chromium: the preview follows each change, a bad value is named, a good one is saved.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CertificateTemplateBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task Admin_edits_a_block_sees_the_preview_change_is_told_of_a_bad_value_and_saves_a_new_version()
    {
        var errors = new List<string>();
        var page = await host.SignedInPageAsync("admin", errors, 1440, 900, expected: "400");

        // From the templates page's tabs to the certificate editor.
        await page.GotoAsync("/Admin/Templates");
        await page.GetByTestId("certificate-template-link").ClickAsync();
        var preview = page.GetByTestId("certificate-preview");
        await Assertions.Expect(preview).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^blob:"));
        var first = await preview.GetAttributeAsync("src");

        // Change the dedication line: a new preview is drawn.
        var rows = page.GetByTestId("certificate-blocks").Locator("[data-block]");
        await Assertions.Expect(rows).ToHaveCountAsync(13);
        var dedication = rows.Nth(4).Locator("[data-field=text]");
        await dedication.FillAsync("Trân trọng tặng {{ recipient_name }}");
        await Assertions.Expect(preview).Not.ToHaveAttributeAsync("src", first!);

        // A broken text is named in the problems list, and the preview waits.
        await dedication.FillAsync("{{ if }}");
        await Assertions.Expect(page.GetByTestId("certificate-problems")).ToContainTextAsync("Dòng 5 (Lời tặng)");
        await dedication.FillAsync("{{ issuer_name }} trân trọng tặng");
        await Assertions.Expect(page.GetByTestId("certificate-problems")).ToBeHiddenAsync();

        // Add a line, then save (confirmed) as a new version.
        await page.GetByTestId("add-block").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(14);
        await rows.Nth(13).Locator("[data-field=text]").FillAsync("Năm {{ year }}");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByTestId("save-certificate-template").ClickAsync();
        await Assertions.Expect(page.GetByTestId("certificate-status")).ToContainTextAsync("Đã lưu phiên bản");
        await page.WaitForTimeoutAsync(600); // the last preview
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "certificate-template-editor.png") });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "certificate-template-editor-full.png"), FullPage = true });

        // Reloaded: the saved version is what the editor shows.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("certificate-blocks").Locator("[data-block]")).ToHaveCountAsync(14);
        await Assertions.Expect(page.GetByTestId("certificate-blocks").Locator("[data-block]").Nth(4).Locator("[data-field=text]")).ToHaveValueAsync("{{ issuer_name }} trân trọng tặng");
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }
}
