using System.Text;
using Microsoft.Playwright;

namespace Workflow.Browser.Tests.Reports;

/// <summary>
/// The import page in the browser: an admin uploads a sheet with a bad row and reads the error on its line and column,
/// uploads the corrected sheet, starts the import (confirmed), and the progress bar follows the background job to the end.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task An_admin_reads_the_row_errors_then_imports_the_corrected_sheet_with_a_progress_bar()
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        var errors = new List<string>();
        var page = await host.SignedInPageAsync("admin", errors, 1366, 900, acceptDialogs: true);
        string Csv(params string[] rows) => "Mã đơn vị;Tên đơn vị;Loại;Mã đơn vị cấp trên\n" + string.Join("\n", rows) + "\n";
        var folder = Path.Combine(Path.GetTempPath(), $"import-{tag}");
        Directory.CreateDirectory(folder);
        var bad = Path.Combine(folder, "don-vi-loi.csv");
        await File.WriteAllTextAsync(bad, Csv($"K{tag};Đảng bộ Thử {tag};Đảng bộ trực thuộc;TU", $"K{tag}-1;Chi bộ Một {tag};Chi bộ nhỏ;K{tag}"), Encoding.UTF8);

        await page.GotoAsync("/Imports");
        await page.GetByLabel("Dữ liệu").SelectOptionAsync("Units");
        await page.GetByLabel("Tệp (.xlsx, .csv)").SetInputFilesAsync(bad);
        await page.GetByTestId("import-check").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-errors")).ToContainTextAsync("'Chi bộ nhỏ' không phải loại đơn vị");
        await Assertions.Expect(page.GetByTestId("import-errors").Locator("tbody tr").First).ToContainTextAsync("3");
        await Assertions.Expect(page.GetByTestId("import-start")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "import-errors.png"), FullPage = true });

        var good = Path.Combine(folder, "don-vi.csv");
        await File.WriteAllTextAsync(good, Csv([$"K{tag};Đảng bộ Thử {tag};Đảng bộ trực thuộc;TU",
            .. Enumerable.Range(1, 40).Select(i => $"K{tag}-{i};Chi bộ {i} {tag};Chi bộ cơ sở;K{tag}")]), Encoding.UTF8);
        await page.GetByLabel("Dữ liệu").SelectOptionAsync("Units");
        await page.GetByLabel("Tệp (.xlsx, .csv)").SetInputFilesAsync(good);
        await page.GetByTestId("import-check").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-current")).ToContainTextAsync("Thêm mới 41");
        await page.GetByTestId("import-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-done")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("import-current")).ToContainTextAsync("Thêm mới 41");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "import-done.png"), FullPage = true });
        await page.GotoAsync("/Units");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync($"Đảng bộ Thử {tag}");
        Assert.Empty(errors);
    }
}
