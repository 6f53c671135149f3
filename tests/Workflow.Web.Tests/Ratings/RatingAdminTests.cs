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

    [Fact]
    public async Task Hostile_mail_templates_are_refused_on_preview_and_save_and_a_good_one_becomes_a_new_version()
    {
        using var admin = await host.SignInAsync("admin");
        const string Url = "/Admin/Templates?key=mail.reminder";
        var page = await admin.GetStringAsync(Url);
        Assert.Contains("[Nhắc việc] Tự đánh giá, xếp loại", page, StringComparison.Ordinal); // the sample's subject line in the preview

        var hostile = new (string Text, string Words)[]
        {
            ("Tiêu đề\n{{ while true }}{{ end }}", "vòng lặp"),
            ("Tiêu đề\n{{ for i in 1..100000000 }}x{{ end }}", "vòng lặp"),
            ("Tiêu đề\n{{ for i in 1..45000 }}" + new string('x', 60) + "{{ end }}", "quá dài"),
            ("Tiêu đề\n{{ 'x' | string.pad_left 5000000 }}", "quá dài"),
            ("Tiêu đề\n{{ include 'mau-khac' }}", "include"),
            ("Tiêu đề\n{{ func f(x); ret f(x); end; f(1) }}", "lồng nhau"),
            ("{{ '' }}\n", "tiêu đề"),
        };
        foreach (var (text, words) in hostile)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var preview = await admin.PostFormAsync(Url, new() { ["Text"] = text, ["Key"] = "mail.reminder" }, Url + "&handler=Preview");
            Assert.True(preview.StatusCode == HttpStatusCode.BadRequest, $"{text}: {(int)preview.StatusCode}");
            var message = await preview.Content.ReadAsStringAsync();
            Assert.True(message.Contains(words, StringComparison.OrdinalIgnoreCase), $"{text[..Math.Min(60, text.Length)]}: {message}");
            var saved = await admin.PostFormAsync(Url, new() { ["Text"] = text, ["Key"] = "mail.reminder" }, Url + "&handler=Save");
            Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{text[..Math.Min(40, text.Length)]} took {clock.Elapsed}");
        }

        var versions = await host.Factory.InScopeAsync((_, db) => db.DocumentTemplates.CountAsync(t => t.Key == "mail.reminder"));
        Assert.Equal(0, versions);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Templates?key=khong-co")).StatusCode);

        try
        {
            var good = DefaultTemplates.MailReminderText.Replace("Kính gửi đồng chí", "Thân gửi đồng chí", StringComparison.Ordinal);
            var saved = await admin.PostFormAsync(Url, new() { ["Text"] = good, ["Key"] = "mail.reminder" }, Url + "&handler=Save");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Contains("Thân gửi đồng chí Nguyễn Văn An", await admin.GetStringAsync(Url), StringComparison.Ordinal);
        }
        finally
        {
            await host.Factory.InScopeAsync((_, db) => db.DocumentTemplates.Where(t => t.Key == "mail.reminder").ExecuteDeleteAsync());
        }
    }
}
