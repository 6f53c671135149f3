using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Web.Meetings;
using Workflow.Web.Org;
using Workflow.Web.Tests.Ratings;

namespace Workflow.Web.Tests.Meetings;

/// <summary>Branch-meeting quality: periods opened set-based and once, scored by the branch, confirmed above, rolled up.</summary>
public abstract class MeetingTests(AppHost host)
{
    private static object Points(int preparation, int attendance, int conduct, int closing) =>
        new { points = new Dictionary<string, int> { ["preparation"] = preparation, ["attendance"] = attendance, ["conduct"] = conduct, ["closing"] = closing } };

    private Task<int> ActiveBranchesAsync(DateOnly day) => host.Factory.InScopeAsync((_, db) => db.Units.IgnoreQueryFilters()
        .CountAsync(u => (u.Kind == UnitKind.AffiliatedBranch || u.Kind == UnitKind.GrassrootsBranch) && u.ParentId != null && u.ValidFrom <= day && (u.ValidTo == null || u.ValidTo >= day)));

    private static async Task<List<JsonElement>> ScoresAsync(WebSession reader, Guid periodId) =>
        (await reader.GetJsonAsync($"/api/meetings/periods/{periodId}/scores?take=500")).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task A_period_opens_once_for_every_branch_the_secretary_scores_and_the_committee_above_confirms_or_returns()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(3);
        using var admin = await host.SignInAsync("admin");
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
        using var secondSecretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[1]);
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);

        // Opening: admins only, validated, once (a second call fills in and returns the same period).
        await RatingScenario.Refused(secretary.PostJsonAsync("/api/meetings/periods", new { year = 2061, month = 5 }), HttpStatusCode.Forbidden);
        var bad = await RatingScenario.Refused(admin.PostJsonAsync("/api/meetings/periods", new { year = 2061, month = 13 }), HttpStatusCode.BadRequest);
        Assert.Equal("month", bad.GetProperty("errors")[0].GetProperty("field").GetString());
        await RatingScenario.Refused(admin.PostJsonAsync("/api/meetings/periods", new { year = 2061, month = 5, months = 3 }), HttpStatusCode.BadRequest);
        var opened = await RatingScenario.Ok(admin.PostJsonAsync("/api/meetings/periods", new { year = 2061, month = 5 }));
        var periodId = opened.GetProperty("id").GetGuid();
        Assert.Equal(await ActiveBranchesAsync(new DateOnly(2061, 5, 1)), opened.GetProperty("branchCount").GetInt32());
        var again = await RatingScenario.Ok(admin.PostJsonAsync("/api/meetings/periods", new { year = 2061, month = 5 }));
        Assert.Equal(periodId, again.GetProperty("id").GetGuid());
        Assert.Equal(opened.GetProperty("branchCount").GetInt32(), await host.Factory.InScopeAsync((_, db) => db.MeetingScores.IgnoreQueryFilters().CountAsync(s => s.PeriodId == periodId)));
        Assert.Equal("tháng 5/2061", opened.GetProperty("label").GetString());

        // The secretary sees only their own branch.
        var mine = Assert.Single(await ScoresAsync(secretary, periodId));
        var scoreId = mine.GetProperty("id").GetGuid();
        var otherId = Assert.Single(await ScoresAsync(secondSecretary, periodId)).GetProperty("id").GetGuid();
        Assert.Equal(3, (await ScoresAsync(board, periodId)).Count);

        // Bad sheets: each refused, naming the criterion, nothing saved.
        var missing = await RatingScenario.Refused(secretary.PutJsonAsync($"/api/meetings/scores/{scoreId}", new { points = new Dictionary<string, int> { ["preparation"] = 10 } }), HttpStatusCode.BadRequest);
        Assert.Contains(missing.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "points.conduct" && e.GetProperty("message").GetString()!.Contains("Chưa chấm", StringComparison.Ordinal));
        var over = await RatingScenario.Refused(secretary.PutJsonAsync($"/api/meetings/scores/{scoreId}", Points(16, 20, 45, 20)), HttpStatusCode.BadRequest);
        Assert.Contains(over.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "points.preparation" && e.GetProperty("message").GetString()!.Contains("từ 0 đến 15", StringComparison.Ordinal));
        await RatingScenario.Refused(secretary.PutJsonAsync($"/api/meetings/scores/{scoreId}", Points(-1, 20, 45, 20)), HttpStatusCode.BadRequest);
        var unknown = await RatingScenario.Refused(secretary.PutJsonAsync($"/api/meetings/scores/{scoreId}",
            new { points = new Dictionary<string, int> { ["preparation"] = 15, ["attendance"] = 20, ["conduct"] = 45, ["closing"] = 20, ["bonus"] = 5 } }), HttpStatusCode.BadRequest);
        Assert.Contains(unknown.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "points.bonus");
        await RatingScenario.Refused(secretary.PutJsonAsync($"/api/meetings/scores/{otherId}", Points(15, 20, 45, 20)), HttpStatusCode.NotFound);
        Assert.Equal("Pending", Assert.Single(await ScoresAsync(secretary, periodId)).GetProperty("status").GetString());

        // A good sheet: 92 points is Tốt; a stale version is refused.
        var saved = await RatingScenario.Ok(secretary.PutJsonAsync($"/api/meetings/scores/{scoreId}", Points(15, 19, 40, 18)));
        Assert.Equal(92, saved.GetProperty("total").GetInt32());
        Assert.Equal("Good", saved.GetProperty("level").GetString());
        await RatingScenario.Refused(secretary.PutJsonAsync($"/api/meetings/scores/{scoreId}", new { points = new Dictionary<string, int> { ["preparation"] = 15, ["attendance"] = 19, ["conduct"] = 40, ["closing"] = 18 }, version = 0 }), HttpStatusCode.Conflict);

        // Confirming: not the branch's own secretary; the board of the committee above, once.
        var refused = await RatingScenario.Ok(secretary.PostJsonAsync("/api/meetings/confirm", new { ids = new[] { scoreId } }));
        Assert.Equal(0, refused.GetProperty("confirmed").GetInt32());
        var confirmed = await RatingScenario.Ok(board.PostJsonAsync("/api/meetings/confirm", new { ids = new[] { scoreId, otherId } }));
        Assert.Equal(1, confirmed.GetProperty("confirmed").GetInt32());
        Assert.Contains("chưa gửi", Assert.Single(confirmed.GetProperty("refused").EnumerateArray()).GetProperty("reason").GetString(), StringComparison.Ordinal);
        await RatingScenario.Refused(secretary.PutJsonAsync($"/api/meetings/scores/{scoreId}", Points(15, 20, 45, 20)), HttpStatusCode.Conflict);
        await RatingScenario.Refused(board.PostJsonAsync("/api/meetings/confirm", new { ids = Array.Empty<Guid>() }), HttpStatusCode.BadRequest);

        // Returned with a reason, revised and sent again.
        await RatingScenario.Ok(secondSecretary.PutJsonAsync($"/api/meetings/scores/{otherId}", Points(10, 15, 25, 10)));
        await RatingScenario.Refused(board.PostJsonAsync($"/api/meetings/scores/{otherId}/return", new { reason = " " }), HttpStatusCode.BadRequest);
        await RatingScenario.Refused(secondSecretary.PostJsonAsync($"/api/meetings/scores/{otherId}/return", new { reason = "Tự trả" }), HttpStatusCode.Forbidden);
        var returned = await RatingScenario.Ok(board.PostJsonAsync($"/api/meetings/scores/{otherId}/return", new { reason = "Biên bản thiếu chữ ký." }));
        Assert.Equal("Returned", returned.GetProperty("status").GetString());
        var page = await secondSecretary.GetStringAsync($"/Meetings/Score/{otherId}");
        Assert.Contains("Biên bản thiếu chữ ký.", page, StringComparison.Ordinal);
        var resent = await RatingScenario.Ok(secondSecretary.PutJsonAsync($"/api/meetings/scores/{otherId}", Points(12, 16, 30, 14)));
        Assert.Equal("Fair", resent.GetProperty("level").GetString());

        // Pages: the period lists what the caller may see; another branch's sheet is not found.
        var periodPage = await secretary.GetStringAsync($"/Meetings/Period/{periodId}");
        Assert.Contains("data-testid=\"score-row\"", periodPage, StringComparison.Ordinal);
        Assert.DoesNotContain("số 002", periodPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync($"/Meetings/Score/{otherId}")).StatusCode);
        var form = await secondSecretary.PostFormAsync($"/Meetings/Score/{otherId}", new() { ["Points[preparation]"] = "99", ["Version"] = resent.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) },
            $"/Meetings/Score/{otherId}?handler=Save");
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("điểm từ 0 đến 15", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirmed_scores_roll_up_per_quarter_and_year_with_the_figures_of_seed_003_summing_to_100()
    {
        // 500 branches, three monthly periods in quarter 2: 1,500 meetings; 1,212 Tốt, 266 Khá, 21 Trung bình, 1 Kém.
        var scenario = await new RatingScenario(host).BuildTreeAsync(500);
        using var admin = await host.SignInAsync("admin");
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        var periods = new List<Guid>();
        foreach (var month in new[] { 4, 5, 6 })
        {
            periods.Add((await RatingScenario.Ok(admin.PostJsonAsync("/api/meetings/periods", new { year = 2062, month }))).GetProperty("id").GetGuid());
        }

        var mine = scenario.Grassroots.ToHashSet();
        await host.Factory.InScopeAsync(async (_, db) =>
        {
            var ids = await db.MeetingScores.IgnoreQueryFilters().Where(s => periods.Contains(s.PeriodId)).OrderBy(s => s.Id)
                .Select(s => new { s.Id, s.UnitId }).ToListAsync();
            var ours = ids.Where(s => mine.Contains(s.UnitId)).Select(s => s.Id).ToList();
            Assert.Equal(1500, ours.Count);
            foreach (var (level, total, take, skip) in new[] { (MeetingLevel.Good, 95, 1212, 0), (MeetingLevel.Fair, 80, 266, 1212), (MeetingLevel.Average, 60, 21, 1478), (MeetingLevel.Poor, 40, 1, 1499) })
            {
                var chunk = ours.Skip(skip).Take(take).ToList();
                await db.MeetingScores.IgnoreQueryFilters().Where(s => chunk.Contains(s.Id)).ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.Level, level).SetProperty(s => s.Total, total).SetProperty(s => s.Status, MeetingScoreStatus.Confirmed));
            }

            return 0;
        });

        var quarter = await board.GetJsonAsync("/api/meetings/statistics?year=2062&quarter=2");
        Assert.Equal(1500, quarter.GetProperty("total").GetInt32());
        var levels = quarter.GetProperty("levels").EnumerateArray().Select(l => (l.GetProperty("name").GetString(), l.GetProperty("count").GetInt32(), l.GetProperty("percent").GetDecimal())).ToList();
        Assert.Equal([("Tốt", 1212, 80.80m), ("Khá", 266, 17.73m), ("Trung bình", 21, 1.40m), ("Kém", 1, 0.07m)], levels);
        Assert.Equal(100m, levels.Sum(l => l.Item3));
        Assert.Equal("Kết quả đánh giá, xếp loại chất lượng sinh hoạt chi bộ quý 2/2062 như sau: Tốt: 80,8%, Khá: 17,73%, Trung bình: 1,4%, Kém: 0,07% (1.500 lượt sinh hoạt chi bộ).",
            quarter.GetProperty("sentence").GetString());
        Assert.Equal(1500, (await board.GetJsonAsync("/api/meetings/statistics?year=2062")).GetProperty("total").GetInt32());
        var first = await board.GetJsonAsync("/api/meetings/statistics?year=2062&quarter=1");
        Assert.Equal(0, first.GetProperty("total").GetInt32());
        Assert.StartsWith("Chưa có kết quả", first.GetProperty("sentence").GetString(), StringComparison.Ordinal);
        await RatingScenario.Refused(board.GetAsync("/api/meetings/statistics?year=2062&quarter=5"), HttpStatusCode.BadRequest);
        Assert.Contains("Tốt: 80,8%, Khá: 17,73%, Trung bình: 1,4%, Kém: 0,07%", await board.GetStringAsync("/Meetings?year=2062"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scheduled_job_opens_the_current_period_once_even_when_two_runs_overlap()
    {
        // The shared test host has the schedule off; the job is built here with it on, as a deployment runs it.
        Task Run() => host.Factory.InScopeAsync((sp, _) => ActivatorUtilities.CreateInstance<MeetingPeriodJob>(sp, new MeetingOptions { Enabled = true }).RunAsync(CancellationToken.None));
        await Task.WhenAll(Run(), Run());
        var today = DateOnly.FromDateTime(Localization.VietnamTime.ToLocal(DateTime.UtcNow));
        var (periods, scores) = await host.Factory.InScopeAsync(async (_, db) =>
        {
            var ids = await db.MeetingPeriods.Where(p => p.Year == today.Year && p.Month == today.Month).Select(p => p.Id).ToListAsync();
            return (ids, await db.MeetingScores.IgnoreQueryFilters().Where(s => ids.Contains(s.PeriodId)).GroupBy(s => s.UnitId).CountAsync());
        });
        Assert.Single(periods);
        Assert.Equal(await ActiveBranchesAsync(new DateOnly(today.Year, today.Month, 1)), scores);

        // A quarterly schedule opens a quarter: the period of 15 November is the fourth quarter.
        var quarterly = new MeetingOptions { Schedule = "Quarterly" }.PeriodOf(new DateOnly(2063, 11, 15));
        Assert.Equal((2063, 10, 3), quarterly);
        using var admin = await host.SignInAsync("admin");
        var opened = await RatingScenario.Ok(admin.PostJsonAsync("/api/meetings/periods", new { year = 2063, month = 10, months = 3 }));
        Assert.Equal("quý 4/2063", opened.GetProperty("label").GetString());
        await RatingScenario.Refused(admin.PostJsonAsync("/api/meetings/periods", new { year = 2063, month = 10, months = 1 }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_scoring_sheet_is_data_an_admin_versions_and_a_bad_sheet_is_refused()
    {
        using var admin = await host.SignInAsync("admin");
        using var secretary = await host.SignInAsync("bithu.sct");
        var current = await admin.GetJsonAsync("/api/meetings/sheet");
        Assert.Equal(100, current.GetProperty("sheet").GetProperty("criteria").EnumerateArray().Sum(c => c.GetProperty("max").GetInt32()));
        var sheet = new
        {
            criteria = new[] { new { code = "prep", name = "Chuẩn bị", max = 20 }, new { code = "run", name = "Tiến hành", max = 60 }, new { code = "end", name = "Kết thúc", max = 10 } },
            goodFrom = 90, fairFrom = 70, averageFrom = 50,
        };
        var refused = await RatingScenario.Refused(admin.PostJsonAsync("/api/meetings/sheet", sheet), HttpStatusCode.BadRequest);
        Assert.Contains("phải là 100", refused.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        await RatingScenario.Refused(admin.PostJsonAsync("/api/meetings/sheet", new { criteria = sheet.criteria, goodFrom = 50, fairFrom = 70, averageFrom = 60 }), HttpStatusCode.BadRequest);
        await RatingScenario.Refused(secretary.PostJsonAsync("/api/meetings/sheet", sheet), HttpStatusCode.Forbidden);
        var before = current.GetProperty("version").GetInt32();
        Assert.Equal(before, (await admin.GetJsonAsync("/api/meetings/sheet")).GetProperty("version").GetInt32());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteMeetingTests(SqliteHost host) : MeetingTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresMeetingTests(PostgresHost host) : MeetingTests(host);
