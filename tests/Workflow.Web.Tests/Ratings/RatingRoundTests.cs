using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Testing;
using Workflow.Web.Ratings;

namespace Workflow.Web.Tests.Ratings;

/// <summary>A rating round end to end over HTTP, against the results in ../shared/seeds.</summary>
public abstract class RatingRoundTests(AppHost host)
{
    private static readonly (RatingLevel Level, int Count)[] Seed004 = [(RatingLevel.Excellent, 7), (RatingLevel.Good, 26), (RatingLevel.Complete, 5)];

    [Fact]
    public async Task Binh_Giang_round_over_38_organizations_gives_the_seed_004_figures_and_the_quota_refuses_an_8th_excellent()
    {
        // Huyện ủy Bình Giang (demo data): 38 grassroots organizations, year 2022, rule set 132-QĐ/TW.
        var scenario = new RatingScenario(host);
        using var admin = await host.SignInAsync("admin");
        using var board = await host.SignInAsync("btc.binhgiang");
        using var standing = await host.SignInAsync("btv.binhgiang");
        var hubg = await host.Factory.InScopeAsync((_, db) => db.Units.Where(u => u.Code == "HUBG").Select(u => u.Id).FirstAsync());
        var roundId = await scenario.OpenRoundAsync(standing, 2022, "132-QĐ/TW", hubg, SubjectType.GrassrootsOrganization);

        var files = await RatingScenario.FilesAsync(board, roundId);
        Assert.Equal(38, files.Count);
        var levels = Seed004.SelectMany(s => Enumerable.Repeat(s.Level, s.Count)).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            await RatingScenario.DriveToProposalAsync(admin, board, admin, files[i].GetProperty("id").GetGuid(), levels[i]);
        }

        var boardView = await standing.GetJsonAsync($"/api/rounds/{roundId}/board?decidingUnitId={hubg}&type=GrassrootsOrganization");
        Assert.Equal(0, boardView.GetProperty("unreviewed").GetInt32());
        Assert.Equal(7, boardView.GetProperty("quota").GetProperty("maxExcellentWithProposals").GetInt32()); // ceil(20% × 33)

        // An 8th excellent among 33 good-or-better is refused, and nothing changes.
        var good = boardView.GetProperty("items").EnumerateArray().First(i => i.GetProperty("proposedLevel").GetString() == "HTTNV").GetProperty("fileId").GetGuid();
        var request = new
        {
            roundId, decidingUnitId = hubg, subjectType = "GrassrootsOrganization", number = "125-QĐ/HU", decidedOn = "2023-01-10",
            signerName = "Nguyễn Văn Bình", signerTitle = "Bí thư Huyện ủy", acceptProposals = true,
            choices = new[] { new { fileId = good, level = "HTXSNV", reason = "Thành tích đột xuất" } },
        };
        var refused = await RatingScenario.Refused(standing.PostJsonAsync("/api/decisions", request), HttpStatusCode.BadRequest);
        Assert.Contains("Vượt tỷ lệ", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Proposed", (await RatingScenario.FileAsync(board, good)).GetProperty("status").GetString());

        // Only a member of the standing committee decides.
        await RatingScenario.Refused(board.PostJsonAsync("/api/decisions", request with { choices = [] }), HttpStatusCode.Forbidden);

        var decision = await RatingScenario.Ok(standing.PostJsonAsync("/api/decisions", request with { choices = [] }));
        Assert.Equal("125-QĐ/HU", decision.GetProperty("number").GetString());
        var statistics = (await standing.GetJsonAsync($"/api/rounds/{roundId}/statistics")).EnumerateArray().Single();
        Assert.Equal(38, statistics.GetProperty("total").GetInt32());
        var counts = statistics.GetProperty("levels").EnumerateArray().Select(l => (l.GetProperty("level").GetString(), l.GetProperty("count").GetInt32(), l.GetProperty("percent").GetDecimal())).ToList();
        Assert.Equal([("HTXSNV", 7, 18.42m), ("HTTNV", 26, 68.42m), ("HTNV", 5, 13.16m), ("KHTNV", 0, 0m)], counts);
        Assert.Equal(100m, counts.Sum(c => c.Item3));
        var sentence = statistics.GetProperty("sentence").GetString();
        Assert.Contains("7/38 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, đạt tỷ lệ 18,42%", sentence, StringComparison.Ordinal);
        Assert.Contains("5/38 tổ chức cơ sở đảng hoàn thành nhiệm vụ, đạt tỷ lệ 13,16%", sentence, StringComparison.Ordinal);

        var document = await standing.GetJsonAsync($"/api/decisions/{decision.GetProperty("id").GetGuid()}");
        Assert.Equal(38, document.GetProperty("items").GetArrayLength());
        Assert.Equal("HTXSNV", document.GetProperty("items")[0].GetProperty("level").GetString());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteRatingRoundTests(SqliteHost host) : RatingRoundTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresRatingRoundTests(PostgresHost host) : RatingRoundTests(host);
