using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MiniExcelLibs;
using Workflow.Web.Awards;
using Workflow.Web.Org;
using Workflow.Web.Ratings;

namespace Workflow.Browser.Tests.Reports;

/// <summary>
/// The year-end report in the browser: the standing committee records a target, opens the report (charts drawn, the
/// units below compared, the ones below target marked, sorted by a header), drills into a unit and back, exports the
/// .xlsx and the .docx (both read back), opens the report text and prints the report to PDF (rendered to PNG and kept).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportBrowserTests(BrowserHost host)
{
    private const int Year = 2024;

    [Fact]
    public async Task A_committee_sets_a_target_reads_its_report_drills_into_a_unit_and_exports_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        var (committee, _) = await host.SeedCommitteeAsync($"Đảng bộ Khối Cơ quan {tag}", $"Chi bộ Văn phòng {tag}",
            ($"btv.bc.{tag}", Roles.StandingCommittee, false, "Lê Văn Hùng"));
        var lowest = await SeedYearsAsync(committee, tag);
        var errors = new List<string>();
        var page = await host.SignedInPageAsync($"btv.bc.{tag}", errors, 1366, 900, password: BrowserHost.TestPassword, acceptDialogs: true);

        // A target: 90% of the organizations at HTTNV or above.
        await page.GotoAsync($"/Reports/Targets?unit={committee}&year={Year}");
        await page.GetByLabel("Chỉ tiêu", new() { Exact = true }).SelectOptionAsync("OrganizationsGoodOrBetter");
        await page.GetByLabel("Tỷ lệ (%)").FillAsync("90");
        await page.GetByTestId("save-target").ClickAsync();
        await Assertions.Expect(page.GetByTestId("targets-summary")).ToContainTextAsync("chỉ tiêu đạt và vượt kế hoạch");

        // The report: five years charted, the sentence, the units compared with the one below target marked.
        await page.GetByTestId("targets-report").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Reports/Year"));
        await Assertions.Expect(page.Locator("canvas[data-drawn=true]").First).ToBeVisibleAsync();
        Assert.True(await page.Locator("canvas[data-drawn=true]").CountAsync() >= 3);
        await Assertions.Expect(page.GetByTestId("report-rating-GrassrootsOrganization")).ToContainTextAsync("Có 3/6 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, đạt tỷ lệ 50%");
        var rows = page.GetByTestId("unit-row");
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("[data-testid=unit-row][data-below=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=unit-row][data-below=true]")).ToContainTextAsync(lowest);

        // Sorting by the organizations' share puts the one below target first (ascending), then last.
        var sort = page.GetByTestId("report-unit-table").Locator("button[data-column='2']");
        await sort.ClickAsync();
        await Assertions.Expect(rows.First).ToContainTextAsync(lowest);
        await sort.ClickAsync();
        await Assertions.Expect(rows.Last).ToContainTextAsync(lowest);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "report-year.png"), FullPage = true });

        // Drill into the unit below target, and back up.
        await page.GetByTestId("report-unit-table").GetByRole(AriaRole.Link, new() { Name = lowest }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(lowest);
        await Assertions.Expect(page.GetByTestId("report-rating-GrassrootsOrganization")).ToContainTextAsync("hoàn thành nhiệm vụ");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "report-drill.png"), FullPage = true });
        await page.GetByTestId("report-up").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync($"Đảng bộ Khối Cơ quan {tag}");

        // The workbook: the units sheet names the one below target.
        var xlsxPath = Path.Combine(BrowserHost.ScreenshotDir, "report-year.xlsx");
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("report-xlsx").ClickAsync());
        await xlsx.SaveAsAsync(xlsxPath);
        var units = MiniExcel.Query(xlsxPath, useHeaderRow: true, sheetName: "Đơn vị trực thuộc").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(6, units.Count);
        Assert.Equal("Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", units.Single(u => (string)u["Đơn vị"] == lowest)["Chưa đạt chỉ tiêu"]);

        // The .docx: the report text with the sentence and the targets' line.
        var docxPath = Path.Combine(BrowserHost.ScreenshotDir, "report-year.docx");
        var docx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("report-docx").ClickAsync());
        await docx.SaveAsAsync(docxPath);
        using (var document = WordprocessingDocument.Open(docxPath, false))
        {
            var text = document.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("có 3/6 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, đạt tỷ lệ 50%", text, StringComparison.Ordinal);
            Assert.Contains("có 0/1 chỉ tiêu đạt và vượt kế hoạch", text, StringComparison.Ordinal);
        }

        // The report text on its A4 page, and the report itself printed to PDF (kept as an image to look at).
        await page.GetByTestId("report-document").ClickAsync();
        await Assertions.Expect(page.GetByTestId("document")).ToContainTextAsync("BÁO CÁO");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "report-document.png"), FullPage = true });
        await page.GotoAsync($"/Reports/Year?unit={committee}&year={Year}");
        await Assertions.Expect(page.Locator("canvas[data-drawn=true]").First).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        // As a browser's print does: the charts redraw at the paper's width.
        await page.EvaluateAsync("window.dispatchEvent(new Event('beforeprint'))");
        var pdf = Path.Combine(BrowserHost.ScreenshotDir, "report-print.pdf");
        await page.PdfAsync(new PagePdfOptions { Path = pdf, Format = "A4", PrintBackground = true });
        Workflow.Testing.Tools.Run("pdftoppm", $"-png -r 60 -f 1 -l 2 {pdf} {Path.Combine(BrowserHost.ScreenshotDir, "report-print")}");
        Assert.True(File.Exists(Path.Combine(BrowserHost.ScreenshotDir, "report-print-1.png")));
        Assert.Empty(errors);
    }

    /// <summary>Five more branches and five years of organization ratings; this year three excellent, two good, one only complete (returned: its name).</summary>
    private Task<string> SeedYearsAsync(Guid committee, string tag) => host.Factory.InScopeAsync(async (_, db) =>
    {
        var parent = await db.Units.FirstAsync(u => u.Id == committee);
        for (var i = 2; i <= 6; i++)
        {
            var name = $"Chi bộ Trường số {i} {tag}";
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
                var level = i < 3 ? RatingLevel.Excellent : i < 5 ? RatingLevel.Good : year == Year ? RatingLevel.Complete : RatingLevel.Good;
                db.YearRatings.Add(new YearRating
                {
                    SubjectType = SubjectType.GrassrootsOrganization, SubjectId = unit.Id, SubjectName = unit.Name, UnitId = unit.Id, UnitPath = unit.Path, Year = year,
                    Level = year < Year && i == 0 ? RatingLevel.Good : level, Imported = true, DecisionNumber = "sổ sách", RecordedAtUtc = DateTime.UtcNow,
                });
            }
        }

        await db.SaveChangesAsync();
        return branches[5].Name;
    });
}
