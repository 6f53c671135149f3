using Workflow.Web.Ratings;
using Workflow.Web.Tests.Imports;
using Workflow.Web.Tests.Ratings;

namespace Workflow.Web.Tests.Reports;

/// <summary>The lists a committee signs or sends come out as .xlsx with Vietnamese headers: a Decision's attached list, a round's statistics and its filtered files, the inbox as filtered.</summary>
public abstract class ExportTests(AppHost host)
{
    [Fact]
    public async Task A_decisions_list_the_statistics_the_filtered_files_and_the_inbox_download_as_workbooks()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(3);
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var admin = await host.SignInAsync("admin");
        var round = await scenario.OpenRoundAsync(standing, 2023, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var files = await RatingScenario.FilesAsync(admin, round);

        // Before any review: all three files are open, waiting for their self-assessment.
        var waiting = Workbooks.Rows(await standing.GetByteArrayAsync($"/api/rounds/{round}/files.xlsx?status=Opened"), "Hồ sơ");
        Assert.Equal(3, waiting.Count);
        Assert.Equal([1.0, 2.0, 3.0], waiting.Select(r => Convert.ToDouble(r["STT"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Empty(Workbooks.Rows(await standing.GetByteArrayAsync($"/api/rounds/{round}/files.xlsx?status=Decided"), "Hồ sơ"));

        // The inbox as filtered: the same tasks the list answers, all of them.
        var listed = await admin.GetJsonAsync($"/api/inbox?round={round}&take=200");
        Assert.True(listed.GetProperty("total").GetInt32() >= 3);
        var exported = Workbooks.Rows(await admin.GetByteArrayAsync($"/api/inbox.xlsx?round={round}"), "Việc cần làm");
        Assert.Equal(listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString()).Order(StringComparer.Ordinal),
            exported.Select(r => (string)r["Hồ sơ"]).Order(StringComparer.Ordinal));

        var levels = new[] { RatingLevel.Excellent, RatingLevel.Good, RatingLevel.Good };
        for (var i = 0; i < files.Count; i++)
        {
            await RatingScenario.DriveToProposalAsync(admin, admin, admin, files[i].GetProperty("id").GetGuid(), levels[i]);
        }

        var named = files[0].GetProperty("subjectName").GetString()!;
        var one = Workbooks.Rows(await standing.GetByteArrayAsync($"/api/rounds/{round}/files.xlsx?q={Uri.EscapeDataString(named)}"));
        Assert.Equal(named, Assert.Single(one)["Tên"]);

        var decision = (await RatingScenario.Ok(standing.PostJsonAsync("/api/decisions", new
        {
            roundId = round, decidingUnitId = scenario.DecidingUnitId, subjectType = "GrassrootsOrganization", number = "71-QĐ/ĐU", decidedOn = "2024-01-10",
            signerName = "Trần Văn A", signerTitle = "Bí thư", acceptProposals = true,
        }))).GetProperty("id").GetGuid();
        var list = Workbooks.Rows(await standing.GetByteArrayAsync($"/api/decisions/{decision}/list.xlsx"), "Danh sách kèm theo");
        Assert.Equal(3, list.Count);
        Assert.Equal(["HTTNV", "HTTNV", "HTXSNV"], list.Select(r => (string)r["Xếp loại"]).Order(StringComparer.Ordinal));
        Assert.All(list, r => Assert.Equal("Tổ chức cơ sở đảng", r["Đối tượng"]));

        var statistics = Workbooks.Rows(await standing.GetByteArrayAsync($"/api/rounds/{round}/statistics.xlsx"), "Thống kê");
        var good = statistics.Single(r => (string)r["Mức xếp loại"] == "Hoàn thành tốt nhiệm vụ");
        Assert.Equal((2.0, 66.67), (Convert.ToDouble(good["Số lượng"], System.Globalization.CultureInfo.InvariantCulture), Convert.ToDouble(good["Tỷ lệ (%)"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.StartsWith("Có 1/3 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, đạt tỷ lệ 33,33%", (string)statistics[0]["Câu báo cáo"], StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteExportTests(SqliteHost host) : ExportTests(host);
