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
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        using var admin = await host.SignInAsync("admin");
        var round = await scenario.OpenRoundAsync(standing, 2023, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var files = await RatingScenario.FilesAsync(admin, round);

        // Before any review: all three files are open, waiting for their self-assessment; the inbox lists them for the secretaries, none for the board.
        var waiting = Workbooks.Rows(await standing.GetByteArrayAsync($"/api/rounds/{round}/files.xlsx?status=Opened"), "Hồ sơ");
        Assert.Equal(3, waiting.Count);
        Assert.Equal([1.0, 2.0, 3.0], waiting.Select(r => Convert.ToDouble(r["STT"], System.Globalization.CultureInfo.InvariantCulture)));

        var levels = new[] { RatingLevel.Excellent, RatingLevel.Good, RatingLevel.Good };
        for (var i = 0; i < files.Count; i++)
        {
            await RatingScenario.DriveToProposalAsync(admin, admin, admin, files[i].GetProperty("id").GetGuid(), levels[i]);
        }

        var named = files[0].GetProperty("subjectName").GetString()!;
        var one = Workbooks.Rows(await standing.GetByteArrayAsync($"/api/rounds/{round}/files.xlsx?q={Uri.EscapeDataString(named)}"));
        Assert.Equal(named, Assert.Single(one)["Tên"]);
        var inbox = Workbooks.Rows(await board.GetByteArrayAsync($"/api/inbox.xlsx?round={round}"), "Việc cần làm");
        Assert.All(inbox, r => Assert.Contains((string)r["Hồ sơ"], files.Select(f => f.GetProperty("subjectName").GetString())));

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
