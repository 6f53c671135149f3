using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Workflow.Web.Tests.Imports;
using Workflow.Web.Tests.Ratings;

namespace Workflow.Web.Tests.Reports;

/// <summary>
/// Acceptance: the year-end figures of seed 004 (Huyện ủy Bình Giang, 2022) and seed 000 (Đảng bộ Các cơ quan tỉnh, 2022)
/// are built through the import (units, members, prior results, awards, titles), and the generated report — the API,
/// the page, the .docx and the .xlsx — carries the seeds' sentences with correct arithmetic (seed 004 prints "05/39 …
/// 13,76%"; the product prints 5/38 = 13,16%).
/// </summary>
public abstract class SeedReportTests(AppHost host)
{
    private static readonly string[] UnitHeaders = ["Mã đơn vị", "Tên đơn vị", "Loại", "Mã đơn vị cấp trên"];
    private static readonly string[] MemberHeaders = ["Mã đảng viên", "Họ và tên", "Ngày sinh", "Mã đơn vị", "Ngày vào Đảng"];
    private static readonly string[] ResultHeaders = ["Năm", "Đối tượng", "Mã", "Tên", "Xếp loại", "Khen thưởng", "Danh hiệu", "Số quyết định"];

    private async Task<Guid> ProvinceAsync() => await host.Factory.InScopeAsync((_, db) => db.Units.Where(u => u.Code == "TU").Select(u => u.Id).SingleAsync());

    private static string Docx(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var document = WordprocessingDocument.Open(stream, false);
        return string.Join("\n", document.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    [Fact]
    public async Task Seed_004_Binh_Giang_2022_comes_out_of_the_imported_data_with_correct_arithmetic()
    {
        var tag = Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        using var admin = await host.SignInAsync("admin");
        var province = await ProvinceAsync();
        var committeeCode = $"BG{tag}";
        string Unit(int i) => $"{committeeCode}-{i:00}";
        await Workbooks.CheckAndImportAsync(admin, "Units", province, "binh-giang.xlsx", Workbooks.Xlsx(UnitHeaders,
            new[] { new object?[] { committeeCode, $"Huyện ủy Bình Giang {tag}", "Đảng bộ trực thuộc", "TU" } }
                .Concat(Enumerable.Range(1, 39).Select(i => new object?[] { Unit(i), $"Chi bộ xã {i} {tag}", "Chi bộ cơ sở", committeeCode }))));
        var committee = await host.Factory.InScopeAsync((_, db) => db.Units.Where(u => u.Code == committeeCode).Select(u => u.Id).SingleAsync());
        await Workbooks.CheckAndImportAsync(admin, "Members", committee, "dang-vien.xlsx", Workbooks.Xlsx(MemberHeaders,
            Enumerable.Range(1, 37).Select(i => new object?[] { $"{committeeCode}M{i}", $"Đảng viên {i}", "01/01/1980", Unit(i), "01/01/2005" })));

        var rows = new List<object?[]>();
        for (var i = 1; i <= 38; i++)
        {
            rows.Add([2022, "Tổ chức cơ sở đảng", Unit(i), "", i <= 7 ? "HTXSNV" : i <= 33 ? "HTTNV" : "HTNV", i <= 11 ? "GK-XDTCCS" : "", "", "125-QĐ/HU"]);
        }

        for (var i = 1; i <= 39; i++)
        {
            rows.Add([2022, "Tổ chức cơ sở đảng", Unit(i), "", "", "", "TTLĐTT", "Quyết định UBND huyện"]);
        }

        for (var i = 1; i <= 8; i++)
        {
            rows.Add([2022, "Tổ chức cơ sở đảng", Unit(i), "", "", "", "Tập thể lao động xuất sắc", "Quyết định UBND huyện"]);
        }

        for (var i = 1; i <= 37; i++)
        {
            rows.Add([2022, "Đảng viên", $"{committeeCode}M{i}", "", "HTTNV", i <= 7 ? "GK-XDTCCS" : "", i <= 30 ? "CSTĐCS" : "", "125-QĐ/HU"]);
        }

        var results = await Workbooks.CheckAndImportAsync(admin, "Results", committee, "ket-qua-2022.xlsx", Workbooks.Xlsx(ResultHeaders, rows));
        Assert.Equal(rows.Count, results.GetProperty("done").GetInt32());

        var report = await admin.GetJsonAsync($"/api/reports/year?unitId={committee}&year=2022");
        var organizations = report.GetProperty("ratings").EnumerateArray().Single(r => r.GetProperty("subjectType").GetString() == "GrassrootsOrganization");
        const string ratings = "có 7/38 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, đạt tỷ lệ 18,42%; 26/38 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ, đạt tỷ lệ 68,42%; "
            + "5/38 tổ chức cơ sở đảng hoàn thành nhiệm vụ, chiếm tỷ lệ 13,16%; không có tổ chức cơ sở đảng không hoàn thành nhiệm vụ.";
        Assert.Equal(ratings, organizations.GetProperty("sentence").GetString());
        var titles = report.GetProperty("titles");
        Assert.Equal((39, 8, 30), (titles.GetProperty("advancedCollectives").GetInt32(), titles.GetProperty("excellentCollectives").GetInt32(), titles.GetProperty("fighters").GetInt32()));

        var docx = Docx(await admin.GetByteArrayAsync($"/api/reports/year.docx?unitId={committee}&year=2022"));
        Assert.Contains("Năm 2022 " + ratings, docx, StringComparison.Ordinal);
        Assert.DoesNotContain("13,76", docx, StringComparison.Ordinal);
        Assert.Contains("Năm 2022, có 39 tập thể đạt danh hiệu “Tập thể lao động tiên tiến”, trong đó 8 tập thể đạt danh hiệu “Tập thể lao động xuất sắc”; công nhận 30 chiến sĩ thi đua cấp cơ sở.", docx, StringComparison.Ordinal);
        Assert.Contains($"Ban Thường vụ Huyện ủy Bình Giang {tag} tặng Giấy khen cho 11 tập thể và 7 cá nhân có thành tích tiêu biểu trong phong trào thi đua xây dựng tổ chức cơ sở đảng năm 2022.", docx, StringComparison.Ordinal);
        Assert.Contains($"Bình Giang {tag}, ngày", docx, StringComparison.Ordinal);

        // The same figures in the workbook, shares as numbers.
        var xlsx = await admin.GetByteArrayAsync($"/api/reports/year.xlsx?unitId={committee}&year=2022");
        using var stream = new MemoryStream(xlsx);
        var levels = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Xếp loại").Cast<IDictionary<string, object>>().ToList();
        var complete = levels.Single(r => (string)r["Đối tượng"] == "Tổ chức cơ sở đảng" && (string)r["Mức xếp loại"] == "Hoàn thành nhiệm vụ");
        Assert.Equal((5.0, 13.16), (Convert.ToDouble(complete["Số lượng"], CultureInfo.InvariantCulture), Convert.ToDouble(complete["Tỷ lệ (%)"], CultureInfo.InvariantCulture)));

        // A target the five HTNV branches are below; the comparison table marks exactly them; the page shows the sentence.
        await RatingScenario.Ok(admin.PostJsonAsync("/api/targets", new { unitId = committee, metric = "OrganizationsGoodOrBetter", value = 80, fromYear = 2022 }));
        var page = await admin.GetStringAsync($"/Reports/Year?unit={committee}&year=2022");
        Assert.Contains("Có 7/38 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, đạt tỷ lệ 18,42%", page, StringComparison.Ordinal);
        Assert.Contains("1/1 chỉ tiêu đạt và vượt kế hoạch", page, StringComparison.Ordinal);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(page, "data-below=\"true\""));
        Assert.Equal(39, System.Text.RegularExpressions.Regex.Count(page, "data-testid=\"unit-row\""));
    }

    [Fact]
    public async Task Seed_000_Khoi_2022_comes_out_of_the_imported_data_with_its_award_sentence()
    {
        var tag = Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        using var admin = await host.SignInAsync("admin");
        var province = await ProvinceAsync();
        var code = $"K{tag}";
        string Unit(int i) => $"{code}-{i:00}";
        await Workbooks.CheckAndImportAsync(admin, "Units", province, "khoi.xlsx", Workbooks.Xlsx(UnitHeaders,
            new[] { new object?[] { code, $"Đảng bộ Các cơ quan tỉnh {tag}", "Đảng bộ trực thuộc", "TU" } }
                .Concat(Enumerable.Range(1, 73).Select(i => new object?[] { Unit(i), $"Đảng bộ cơ quan {i} {tag}", "Đảng bộ cơ sở", code }))
                .Append([$"{code}-VP", "Chi bộ Văn phòng", "Chi bộ trực thuộc", Unit(1)])));
        var committee = await host.Factory.InScopeAsync((_, db) => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());
        await Workbooks.CheckAndImportAsync(admin, "Members", committee, "dang-vien.csv", Workbooks.Csv(',', MemberHeaders,
            Enumerable.Range(1, 10).Select(i => new object?[] { $"{code}M{i}", $"Cán bộ {i}", "1980-05-01", $"{code}-VP", "2005-05-01" })));

        var rows = new List<object?[]>();
        for (var i = 1; i <= 73; i++)
        {
            var award = i <= 11 ? "GK-TTXS" : i <= 21 ? "GK-HTXSNV-TB" : i <= 35 ? "GK-DVK" : "";
            rows.Add([2022, "Tổ chức cơ sở đảng", Unit(i), "", i <= 14 ? "HTXSNV" : i <= 70 ? "HTTNV" : "HTNV", award, "", "06-QĐ/ĐUK"]);
            if (i <= 68)
            {
                rows.Add([2022, "Tập thể cấp ủy", Unit(i), "", i <= 13 ? "HTXSNV" : i <= 65 ? "HTTNV" : i <= 67 ? "HTNV" : "KHTNV", "", "", "06-QĐ/ĐUK"]);
            }
        }

        for (var i = 1; i <= 10; i++)
        {
            rows.Add([2022, "Đảng viên", $"{code}M{i}", "", "HTXSNV", i <= 2 ? "Giấy khen thành tích xuất sắc trong năm" : i <= 8 ? "GK-HTXSNV-5N" : "GK-DVK", "", "06-QĐ/ĐUK"]);
        }

        await Workbooks.CheckAndImportAsync(admin, "Results", committee, "ket-qua.xlsx", Workbooks.Xlsx(ResultHeaders, rows));
        var report = await admin.GetJsonAsync($"/api/reports/year?unitId={committee}&year=2022");
        string Sentence(string type) => report.GetProperty("ratings").EnumerateArray().Single(r => r.GetProperty("subjectType").GetString() == type).GetProperty("sentence").GetString()!;
        Assert.Equal("có 13/68 tập thể cấp ủy hoàn thành xuất sắc nhiệm vụ, đạt tỷ lệ 19,12%; 52/68 tập thể cấp ủy hoàn thành tốt nhiệm vụ, đạt tỷ lệ 76,47%; "
            + "2/68 tập thể cấp ủy hoàn thành nhiệm vụ, chiếm tỷ lệ 2,94%; 1/68 tập thể cấp ủy không hoàn thành nhiệm vụ, chiếm tỷ lệ 1,47%.", Sentence("CommitteeCollective"));
        Assert.Equal("có 14/73 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, đạt tỷ lệ 19,18%; 56/73 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ, đạt tỷ lệ 76,71%; "
            + "3/73 tổ chức cơ sở đảng hoàn thành nhiệm vụ, chiếm tỷ lệ 4,11%; không có tổ chức cơ sở đảng không hoàn thành nhiệm vụ.", Sentence("GrassrootsOrganization"));

        var docx = Docx(await admin.GetByteArrayAsync($"/api/reports/year.docx?unitId={committee}&year=2022"));
        Assert.Contains($"Ban Thường vụ Đảng bộ Các cơ quan tỉnh {tag} tặng Giấy khen cho 11 tập thể và 2 cá nhân có thành tích xuất sắc năm 2022; "
            + "6 cá nhân đạt tiêu chuẩn “Hoàn thành xuất sắc nhiệm vụ” 5 năm liền, giai đoạn 2018 – 2022; 10 tập thể đạt tiêu chuẩn “Hoàn thành xuất sắc nhiệm vụ” tiêu biểu năm 2022; "
            + "14 tập thể và 2 cá nhân có thành tích xuất sắc trong thực hiện Phong trào “Dân vận khéo” năm 2022.", docx, StringComparison.Ordinal);

        // The seed's targets for the next year, held against 2022: organizations at HTTNV+ 95,89% (met), at HTXSNV 19,18% (below 20%).
        await RatingScenario.Ok(admin.PostJsonAsync("/api/targets", new { unitId = committee, metric = "OrganizationsGoodOrBetter", value = 90, fromYear = 2022 }));
        await RatingScenario.Ok(admin.PostJsonAsync("/api/targets", new { unitId = committee, metric = "OrganizationsExcellent", value = 20, fromYear = 2022 }));
        var targets = (await admin.GetJsonAsync($"/api/reports/year?unitId={committee}&year=2022")).GetProperty("targets");
        Assert.Equal("1/2 chỉ tiêu đạt và vượt kế hoạch", targets.GetProperty("summary").GetString());
        Assert.Contains("Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên: 95,89% (70/73), chỉ tiêu ≥ 90%: đạt",
            targets.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("line").GetString()));

        // The drill-down: the first organization's own report; a member alone reads no report; another committee does not see this one.
        var firstCode = Unit(1);
        var first = await host.Factory.InScopeAsync((_, db) => db.Units.Where(u => u.Code == firstCode).Select(u => u.Id).SingleAsync());
        Assert.Contains("Chi bộ Văn phòng", await admin.GetStringAsync($"/Reports/Year?unit={first}&year=2022"), StringComparison.Ordinal);
        using var member = await host.SignInAsync("dangvien");
        await RatingScenario.Refused(member.GetAsync($"/api/reports/year?unitId={committee}&year=2022"), HttpStatusCode.Forbidden);
        using var other = await host.SignInAsync("btv.khoi");
        await RatingScenario.Refused(other.GetAsync($"/api/reports/year?unitId={committee}&year=2022"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/reports/year.xlsx?unitId={committee}&year=2022")).StatusCode);
        await RatingScenario.Refused(admin.GetAsync($"/api/reports/year?unitId={committee}&year=1800"), HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSeedReportTests(SqliteHost host) : SeedReportTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSeedReportTests(PostgresHost host) : SeedReportTests(host);
