using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Awards;

namespace Workflow.Web.Tests.English;

/// <summary>
/// English is a complete second language: the main pages of every role, read in English, show none of the common
/// Vietnamese interface words (data such as unit and people's names stay as they are; the words listed here are not in
/// the demo data's names).
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed partial class EnglishPagesTests(SqliteHost host)
{
    /// <summary>Common interface words; each is a whole word or phrase of the Vietnamese interface.</summary>
    private static readonly string[] VietnameseWords =
    [
        "Cập nhật", "Quá hạn", "Tất cả", "Lọc", "Tìm", "Lưu", "Hủy", "Trang chủ", "Việc cần làm", "Thông báo", "Hồ sơ", "Người nhận",
        "Sắp xếp", "Chưa", "Đã ", "Xem", "chờ", "Trả lại", "Mức", "Hạn", "Đơn vị", "Đợt", "Sinh hoạt", "Quản trị", "Xin chào",
        "Tổng", "Ngày", "Năm", "Tháng", "Trạng thái", "Tình trạng", "Không có", "Nhận việc", "Mở", "Đóng", "trang",
    ];

    public static TheoryData<string, string> Pages => new()
    {
        { "admin", "/" }, { "admin", "/Inbox" }, { "admin", "/Rounds" }, { "admin", "/Meetings" }, { "admin", "/Notifications" }, { "admin", "/Units" },
        { "admin", "/Members" }, { "admin", "/Admin/Users" }, { "admin", "/Admin/Audit" }, { "admin", "/Admin/Processes" }, { "admin", "/Admin/Templates" },
        { "admin", "/Admin/RuleSets" }, { "admin", "/Admin/Outbox" }, { "admin", "/Admin/Forms" }, { "admin", "/Admin/Instances" }, { "admin", "/Admin/Users/Create" }, { "admin", "/Admin/Templates/Certificate" },
        { "admin", "/Account/ChangePassword" }, { "btv.khoi", "/Rounds/Open" }, { "btv.khoi", "/Meetings" }, { "btc.khoi", "/" }, { "btc.khoi", "/Inbox" },
        { "btc.khoi", "/Members" }, { "bithu.sct", "/" }, { "bithu.sct", "/Meetings" }, { "dangvien", "/" },
        { "admin", "/Awards" }, { "admin", "/Admin/AwardKinds" }, { "admin", "/Admin/AwardKinds?edit=GK-HTXSNV-TB" }, { "btv.khoi", "/Awards" }, { "hdtd.khoi", "/Awards" },
        { "chutich.hdtd.khoi", "/" }, { "bithu.sct", "/Awards" }, { "btv.khoi", "/Reports/Targets" }, { "btv.khoi", "/Reports/Year" }, { "admin", "/Imports" }, { "btc.khoi", "/Imports" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_read_in_English_shows_no_Vietnamese_interface_word(string userName, string path)
    {
        using var session = await host.SignInAsync(userName);
        var response = await session.GetAsync(path + (path.Contains('?') ? "&" : "?") + "culture=en-US&ui-culture=en-US");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = VisibleText(await response.Content.ReadAsStringAsync());
        var found = VietnameseWords
            .SelectMany(w => Regex.Matches(text, $@"(?<![\p{{L}}]){Regex.Escape(w.TrimEnd())}(?![\p{{L}}])").Select(m => $"\"{w.Trim()}\" in …{Context(text, m.Index)}…"))
            .ToList();
        Assert.True(found.Count == 0, $"{path} as {userName} in English shows Vietnamese:\n" + string.Join("\n", found.Take(30)));
    }

    [Fact]
    public async Task The_award_round_titles_and_record_pages_read_in_English()
    {
        // The demo committee's award round and title list for last year, from the five prior years the demo seeds.
        using var standing = await host.SignInAsync("btv.khoi");
        using var council = await host.SignInAsync("hdtd.khoi");
        var (committee, branch, year) = await host.Factory.InScopeAsync(async (_, db) =>
        {
            var units = await db.Units.Where(u => u.Code == "ĐUK" || u.Code == "SCT").ToListAsync();
            var last = await db.YearRatings.Where(y => y.Imported).MaxAsync(y => y.Year);
            return (units.Single(u => u.Code == "ĐUK").Id, units.Single(u => u.Code == "SCT").Id, last);
        });
        var round = await host.Factory.InScopeAsync((_, db) => db.AwardRounds.Where(r => r.IssuerUnitId == committee && r.Year == year).Select(r => (Guid?)r.Id).FirstOrDefaultAsync())
            ?? (await Ratings.RatingScenario.Ok(standing.PostJsonAsync("/api/award-rounds", new { issuerUnitId = committee, year }))).GetProperty("id").GetGuid();
        var titles = await host.Factory.InScopeAsync((_, db) => db.TitleRounds.Where(r => r.UnitId == committee && r.Year == year).Select(r => (Guid?)r.Id).FirstOrDefaultAsync())
            ?? (await Ratings.RatingScenario.Ok(council.PostJsonAsync("/api/title-rounds", new { unitId = committee, year }))).GetProperty("id").GetGuid();
        foreach (var (who, path) in new[]
        {
            // Lists of organizations only: people's names are data and some surnames ("Lưu") are interface words too.
            (standing, $"/Awards/{round}"), (standing, $"/Awards/{round}?kind=GK-HTXSNV-TB&group=collectives"), (council, $"/Awards/Titles/{titles}"),
            (standing, $"/Record/GrassrootsOrganization/{branch}"),
        })
        {
            var response = await who.GetAsync(path + (path.Contains('?') ? "&" : "?") + "culture=en-US&ui-culture=en-US");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = VisibleText(await response.Content.ReadAsStringAsync());
            var found = VietnameseWords
                .SelectMany(w => Regex.Matches(text, $@"(?<![\p{{L}}]){Regex.Escape(w.TrimEnd())}(?![\p{{L}}])").Select(m => $"\"{w.Trim()}\" in …{Context(text, m.Index)}…"))
                .ToList();
            Assert.True(found.Count == 0, $"{path} in English shows Vietnamese:\n" + string.Join("\n", found.Take(30)));
        }
    }

    [Fact]
    public async Task A_refusal_from_a_service_reads_in_the_language_the_user_chose_values_and_all()
    {
        using var admin = await host.SignInAsync("admin");
        const string English = "culture=en-US&ui-culture=en-US";

        // A refusal with a value in it, as problem details: the sentence and the title in English, the value as sent.
        var refused = await admin.GetAsync($"/api/admin/instances?state=nonsense&{English}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("There is no state \"nonsense\"; choose active, completed, terminated or cancelled.", body.GetProperty("message").GetString());
        Assert.Equal(body.GetProperty("message").GetString(), body.GetProperty("detail").GetString());
        Assert.Equal("Bad request", body.GetProperty("title").GetString());

        // A message inside a message ("not found: <what>") is translated as a whole.
        var missing = await admin.GetAsync($"/api/admin/process-definitions/nope%3A1%3Ax/statistics?{English}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Not found: process version \"nope:1:x\", or you may not see it.",
            System.Text.Json.JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());

        // Vietnamese stays the default.
        var vietnamese = System.Text.Json.JsonDocument.Parse(await (await admin.GetAsync("/api/admin/instances?state=nonsense")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Trạng thái \"nonsense\" không có; chọn active, completed, terminated hoặc cancelled.", vietnamese.GetProperty("message").GetString());
        Assert.Equal("Yêu cầu không hợp lệ", vietnamese.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_form_refused_by_a_service_lists_its_field_errors_in_English()
    {
        using var standing = await host.SignInAsync("btv.khoi");
        var response = await standing.PostFormAsync("/Rounds/Open?culture=en-US&ui-culture=en-US", new()
        {
            ["Year"] = "1990", ["RuleSetId"] = Guid.Empty.ToString(), ["DecidingUnitId"] = Guid.Empty.ToString(), ["Name"] = "",
        });
        var text = VisibleText(await response.Content.ReadAsStringAsync());
        Assert.Contains("The round could not be opened: check the marked fields.", text, StringComparison.Ordinal);
        Assert.Contains("The rating year must be 2000 to 2100.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Chưa mở được", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_scripts_write_themselves_is_translated_too()
    {
        using var session = await host.SignInAsync("btc.khoi");
        var html = await session.GetStringAsync("/Inbox?culture=en-US&ui-culture=en-US");
        var json = Regex.Match(html, @"<script type=""application/json"" id=""ui-text"">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        var texts = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
        Assert.Equal(Workflow.Web.Localization.ClientText.Keys.Count, texts.Count);
        var untranslated = texts.Where(t => t.Key == t.Value).Select(t => t.Key).ToList();
        Assert.True(untranslated.Count == 0, "Not translated for the scripts: " + string.Join(" | ", untranslated));
        Assert.Equal("Live updates", texts["Cập nhật trực tiếp"]);
    }

    /// <summary>
    /// The text a reader sees: no scripts, styles or tags, no edited or recorded data (textarea, pre: a rule set's or a
    /// template's own text; the audit log's values); entities decoded; attributes a reader meets (title, placeholder, aria-label) kept.
    /// </summary>
    private static string VisibleText(string html)
    {
        html = ScriptsAndStyles().Replace(html, " ");
        html = AuditValues().Replace(html, " ");
        var attributes = string.Join(" ", ReadableAttributes().Matches(html).Select(m => m.Groups[2].Value));
        return WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(html, " ") + " " + attributes, " "));
    }

    private static string Context(string text, int at) => text.Substring(Math.Max(0, at - 40), Math.Min(100, text.Length - Math.Max(0, at - 40)));

    [GeneratedRegex(@"<(script|style|svg|textarea|pre)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptsAndStyles();

    /// <summary>The audit log's recorded values are data (what was saved, in the language it was saved in).</summary>
    [GeneratedRegex(@"<(details|div) class=""audit-json""[^>]*>.*?</\1>", RegexOptions.Singleline)]
    private static partial Regex AuditValues();

    [GeneratedRegex(@"\b(title|placeholder|aria-label)=""([^""]*)""")]
    private static partial Regex ReadableAttributes();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
