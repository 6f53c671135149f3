using System.Net;
using Workflow.Web.Awards;
using Workflow.Web.Ratings;
using Workflow.Web.Tests.Ratings;

namespace Workflow.Web.Tests.Reports;

/// <summary>A committee records its targets over HTTP and reads them against the year's figures from the achievement record.</summary>
public abstract class TargetTests(AppHost host)
{
    [Fact]
    public async Task A_committee_records_its_targets_and_reads_them_against_the_years_figures()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(5);
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
        using var outsider = await host.SignInAsync("btv.khoi");
        const int year = 2029;
        await host.Factory.InScopeAsync(async (_, db) =>
        {
            foreach (var (unit, i) in scenario.Grassroots.Select((u, i) => (u, i)))
            {
                var path = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Units.Where(x => x.Id == unit).Select(x => x.Path));
                db.YearRatings.Add(new YearRating
                {
                    SubjectType = SubjectType.GrassrootsOrganization, SubjectId = unit, SubjectName = $"Chi bộ {i}", UnitId = unit, UnitPath = path, Year = year,
                    Level = i == 0 ? RatingLevel.Excellent : i < 4 ? RatingLevel.Good : RatingLevel.Complete, Imported = true, RecordedAtUtc = DateTime.UtcNow,
                });
            }

            await db.SaveChangesAsync();
        });

        var target = new { unitId = scenario.DecidingUnitId, metric = "OrganizationsGoodOrBetter", comparison = "AtLeast", value = 80, fromYear = 2026, toYear = 2030, source = "Nghị quyết Đại hội nhiệm kỳ 2025 – 2030" };
        // A branch secretary does not see the committee (above their branch): 404, as for any record outside one's subtree.
        await RatingScenario.Refused(secretary.PostJsonAsync("/api/targets", target), HttpStatusCode.NotFound);
        await RatingScenario.Refused(outsider.PostJsonAsync("/api/targets", target), HttpStatusCode.NotFound);
        var bad = await RatingScenario.Refused(standing.PostJsonAsync("/api/targets", new { unitId = scenario.DecidingUnitId, value = 120, fromYear = 2030, toYear = 2020 }), HttpStatusCode.BadRequest);
        var fields = bad.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "metric", "value", "toYear" }, fields);
        await RatingScenario.Ok(standing.PostJsonAsync("/api/targets", target));
        var second = await RatingScenario.Ok(standing.PostJsonAsync("/api/targets", new { unitId = scenario.DecidingUnitId, metric = "OrganizationsExcellent", value = 25, fromYear = year }));

        var evaluation = await standing.GetJsonAsync($"/api/targets?unitId={scenario.DecidingUnitId}&year={year}");
        Assert.Equal("1/2 chỉ tiêu đạt và vượt kế hoạch", evaluation.GetProperty("summary").GetString());
        var lines = evaluation.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("line").GetString()).ToList();
        Assert.Equal(["Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên: 80% (4/5), chỉ tiêu ≥ 80%: đạt", "Tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ: 20% (1/5), chỉ tiêu ≥ 25%: chưa đạt"],
            lines);
        await RatingScenario.Refused(outsider.GetAsync($"/api/targets?unitId={scenario.DecidingUnitId}&year={year}"), HttpStatusCode.NotFound);

        // The term's target applies to another year of the term; the year's does not.
        Assert.Single((await standing.GetJsonAsync($"/api/targets?unitId={scenario.DecidingUnitId}&year=2027")).GetProperty("targets").EnumerateArray());

        await RatingScenario.Refused(secretary.DeleteAsync($"/api/targets/{second.GetProperty("id").GetGuid()}"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await standing.DeleteAsync($"/api/targets/{second.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal("1/1 chỉ tiêu đạt và vượt kế hoạch", (await standing.GetJsonAsync($"/api/targets?unitId={scenario.DecidingUnitId}&year={year}")).GetProperty("summary").GetString());
        var page = await standing.GetStringAsync($"/Reports/Targets?unit={scenario.DecidingUnitId}&year={year}");
        Assert.Contains("1/1 chỉ tiêu đạt và vượt kế hoạch", page, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteTargetTests(SqliteHost host) : TargetTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresTargetTests(PostgresHost host) : TargetTests(host);
