using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Ratings;
using Workflow.Web.Templates;

namespace Workflow.Web.Tests.Ratings;

/// <summary>Rule sets and the Decision template are data an admin changes: as new versions, validated, never breaking what runs.</summary>
[Collection(SqliteCollection.Name)]
public sealed class RatingAdminTests(SqliteHost host)
{
    [Fact]
    public async Task A_rule_set_change_is_a_new_version_and_invalid_definitions_are_refused()
    {
        using var admin = await host.SignInAsync("admin");
        var original = await host.Factory.InScopeAsync((_, db) => db.RuleSets.Where(r => r.Code == "124-QĐ/TW").OrderBy(r => r.Version).FirstAsync());

        var broken = await admin.PostFormAsync($"/Admin/RuleSets?id={original.Id}", new() { ["id"] = original.Id.ToString(), ["Definition"] = "{ \"scoring\": ", ["FromYear"] = "2023" });
        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        Assert.Contains("JSON không hợp lệ", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var definition = original.Parse();
        var invalid = definition with { Quota = definition.Quota with { Percent = 0 } };
        var refused = await admin.PostFormAsync($"/Admin/RuleSets?id={original.Id}", new() { ["id"] = original.Id.ToString(), ["Definition"] = invalid.ToJson(), ["FromYear"] = "2023", ["ToYear"] = "2024" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Tỷ lệ tối đa", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = definition with { Quota = definition.Quota with { Percent = 25 } };
        var saved = await admin.PostFormAsync($"/Admin/RuleSets?id={original.Id}", new() { ["id"] = original.Id.ToString(), ["Definition"] = changed.ToJson(), ["FromYear"] = "2023", ["ToYear"] = "2024" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var versions = await host.Factory.InScopeAsync((_, db) => db.RuleSets.Where(r => r.Code == "124-QĐ/TW").OrderBy(r => r.Version).ToListAsync());
        Assert.Equal(20, versions[0].Parse().Quota.Percent); // the version rounds use is untouched
        Assert.Equal(25, versions[^1].Parse().Quota.Percent);
        Assert.Equal(versions.Count, versions[^1].Version);

        using var board = await host.SignInAsync("btc.khoi");
        Assert.Equal(HttpStatusCode.Forbidden, (await board.GetAsync("/Admin/RuleSets")).StatusCode);
    }

    [Fact]
    public async Task The_product_API_is_described_by_OpenAPI()
    {
        using var admin = await host.SignInAsync("admin");
        var json = await admin.GetStringAsync("/openapi/api.json");
        Assert.Contains("/api/rounds/{id}/board", json, StringComparison.Ordinal);
        Assert.Contains("/api/decisions", json, StringComparison.Ordinal);
        Assert.DoesNotContain("/engine-rest/", json, StringComparison.Ordinal);
        Assert.Contains("/openapi/api.json", await admin.GetStringAsync("/Api?doc=api"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_decision_template_is_previewed_refused_when_broken_and_saved_as_a_new_version()
    {
        using var admin = await host.SignInAsync("admin");
        var page = await admin.GetStringAsync("/Admin/Templates");
        Assert.Contains("Số 125-QĐ/HU", page, StringComparison.Ordinal); // the preview of the sample

        foreach (var hostile in new[] { "{{ for x in 1..100000000 }}x{{ end }}", "{{ unknown_variable }}", "{{ if }}" })
        {
            var refused = await admin.PostFormAsync("/Admin/Templates", new() { ["Text"] = hostile }, "/Admin/Templates?handler=Save");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var preview = await admin.PostFormAsync("/Admin/Templates", new() { ["Text"] = "# {{ issuer }}\n<script>alert(1)</script>" }, "/Admin/Templates?handler=Preview");
        var html = await preview.Content.ReadAsStringAsync();
        Assert.True(preview.IsSuccessStatusCode, $"{(int)preview.StatusCode}: {html}");
        Assert.Contains("Huyện ủy Bình Giang", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);

        try
        {
            var saved = await admin.PostFormAsync("/Admin/Templates", new() { ["Text"] = DefaultTemplates.DecisionText + "\nNơi nhận: như Điều 2; lưu VP." }, "/Admin/Templates?handler=Save");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Contains("Nơi nhận", await admin.GetStringAsync("/Admin/Templates"), StringComparison.Ordinal);
        }
        finally
        {
            await admin.PostFormAsync("/Admin/Templates", new() { ["Text"] = DefaultTemplates.DecisionText }, "/Admin/Templates?handler=Save");
        }
    }
}
