using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Web.Identity;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;
using Workflow.Web.Tests.Ratings;

namespace Workflow.Web.Tests.Security;

/// <summary>
/// Bad input gets a clear error and loses nothing (issue 16): names with hidden characters, oversized text and bodies,
/// short timer cycles, open redirects, credentials that outlive a password, pages without browser protections, and a
/// draft overwritten by a blank form.
/// </summary>
public abstract class HostileInputTests(AppHost host)
{
    private HttpClient Basic(string user, string password = WebSession.DemoPassword) => host.BasicClient(user, password);

    private async Task<(RatingScenario Scenario, WebSession Standing, Guid RoundId)> ProposedGroupAsync(int year)
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(1);
        var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var admin = await host.SignInAsync("admin");
        var roundId = await scenario.OpenRoundAsync(standing, year, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var file = (await RatingScenario.FilesAsync(admin, roundId)).Single().GetProperty("id").GetGuid();
        await RatingScenario.DriveToProposalAsync(admin, admin, admin, file, RatingLevel.Good);
        return (scenario, standing, roundId);
    }

    [Theory]
    [InlineData("number", "12\u202E-QĐ/ĐU", "đảo chiều")]
    [InlineData("signerName", "Nguyễn\u0007 Văn A", "điều khiển")]
    [InlineData("signerTitle", "Bí\nthư", "xuống dòng")]
    [InlineData("number", "325", "tối đa 100")]
    public async Task A_decision_refuses_hidden_characters_and_overlong_fields_and_stores_nothing(string field, string value, string why)
    {
        var (scenario, standing, roundId) = await ProposedGroupAsync(2023);
        using var _ = standing;
        var fields = new Dictionary<string, string>
        {
            ["number"] = "60-QĐ/ĐU", ["signerName"] = "Trần Văn A", ["signerTitle"] = "Bí thư",
        };
        fields[field] = value == "325" ? new string('9', 325) : value;
        var refused = await RatingScenario.Refused(standing.PostJsonAsync("/api/decisions", new
        {
            roundId, decidingUnitId = scenario.DecidingUnitId, subjectType = "GrassrootsOrganization", number = fields["number"], decidedOn = "2024-01-10",
            signerName = fields["signerName"], signerTitle = fields["signerTitle"], acceptProposals = true,
        }), HttpStatusCode.BadRequest);
        var error = refused.GetProperty("errors").EnumerateArray().Single();
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Contains(why, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(await host.Factory.InScopeAsync((_, db) => db.Decisions.IgnoreQueryFilters().AnyAsync(d => d.RoundId == roundId)));
    }

    [Fact]
    public async Task Names_are_stored_in_NFC_and_the_docx_writes_whatever_text_is_stored()
    {
        var (scenario, standing, roundId) = await ProposedGroupAsync(2024);
        using var _ = standing;
        var decision = await RatingScenario.Ok(standing.PostJsonAsync("/api/decisions", new
        {
            roundId, decidingUnitId = scenario.DecidingUnitId, subjectType = "GrassrootsOrganization", number = "61-QĐ/ĐU", decidedOn = "2025-01-10",
            signerName = "Nguye\u0302\u0303n Va\u0306n Bi\u0300nh", signerTitle = "Bí thư", acceptProposals = true,
        }));
        Assert.Equal("Nguyễn Văn Bình", decision.GetProperty("signerName").GetString());

        // Text stored before these checks (or written around them) never makes the document fail.
        var id = decision.GetProperty("id").GetGuid();
        await host.Factory.InScopeAsync((_, db) => db.Decisions.Where(d => d.Id == id).ExecuteUpdateAsync(u => u.SetProperty(d => d.SignerTitle, "Bí\u0001 thư\u202E")));
        var docx = await standing.GetAsync($"/Decisions/{id}?handler=Docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using var zip = new System.IO.Compression.ZipArchive(await docx.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        Assert.Contains("Nguyễn Văn Bình", await reader.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_name_with_a_bidi_override_is_refused_with_a_message()
    {
        using var admin = await host.SignInAsync("admin");
        var province = await host.Factory.InScopeAsync((_, db) => db.Units.Where(u => u.Code == "TU").Select(u => u.Id).FirstAsync());
        var response = await admin.PostFormAsync($"/Admin/Units/Edit?id={province}", new()
        {
            ["childName"] = "Chi bộ \u202Egnaig hniB", ["childKind"] = "DirectCommittee", ["childFrom"] = "2024-01-01",
        }, $"/Admin/Units/Edit?id={province}&handler=Add");
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("đảo chiều", page, StringComparison.Ordinal);
        Assert.False(await host.Factory.InScopeAsync((_, db) => db.Units.AnyAsync(u => u.Name.Contains("gnaig hniB"))));
    }

    [Fact]
    public async Task Oversized_self_assessments_and_bodies_are_refused_in_the_APIs_shape_and_the_saved_draft_stays()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(1);
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
        var roundId = await scenario.OpenRoundAsync(standing, 2024, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var file = (await RatingScenario.FilesAsync(secretary, roundId)).Single().GetProperty("id").GetGuid();
        var saved = await RatingScenario.Ok(secretary.PutJsonAsync($"/api/files/{file}/self-assessment", new { content = new { achievements = "Hoàn thành chỉ tiêu." }, version = 0 }));
        var version = saved.GetProperty("version").GetInt32();

        // 30,000 characters in one answer: a field error. 25 MB: a 413 in the same JSON shape, nothing read.
        var tooLong = await RatingScenario.Refused(secretary.PutJsonAsync($"/api/files/{file}/self-assessment",
            new { content = new { achievements = new string('a', 30_000) }, version }), HttpStatusCode.BadRequest);
        Assert.Equal("achievements", tooLong.GetProperty("errors")[0].GetProperty("field").GetString());
        var huge = await secretary.PostRawJsonAsync($"/api/files/{file}/submit", "{\"content\":{\"achievements\":\"" + new string('a', 25 * 1024 * 1024) + "\"},\"version\":" + version + "}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Contains("quá lớn", JsonDocument.Parse(await huge.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);

        // A blank form saved over the answers (a page shown without its values) is refused; the answers stay.
        var blank = await RatingScenario.Refused(secretary.PutJsonAsync($"/api/files/{file}/self-assessment", new { content = new { }, version }), HttpStatusCode.BadRequest);
        Assert.Contains("không bị ghi đè", blank.GetProperty("message").GetString(), StringComparison.Ordinal);
        var detail = await secretary.GetJsonAsync($"/api/files/{file}");
        Assert.Equal("Hoàn thành chỉ tiêu.", detail.GetProperty("content").GetProperty("achievements").GetString());
        Assert.Equal(version, detail.GetProperty("file").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Admin_API_refusals_are_JSON_not_pages()
    {
        using var secretary = await host.SignInAsync("bithu.sct");
        var response = await secretary.GetAsync("/api/admin/processes");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.Equal(problem.GetProperty("detail").GetString(), problem.GetProperty("message").GetString());
        using var anonymous = new WebSession(host.Factory);
        var unauthenticated = await anonymous.GetAsync("/api/rounds");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal("application/problem+json", unauthenticated.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_evidence_file_is_removed_by_its_uploader_while_editable_and_the_timeline_keeps_it()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(1);
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
        using var colleague = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0], "pbt");
        var roundId = await scenario.OpenRoundAsync(standing, 2024, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var file = (await RatingScenario.FilesAsync(secretary, roundId)).Single().GetProperty("id").GetGuid();
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
        var first = await RatingScenario.Ok(secretary.PostFileAsync($"/api/files/{file}/evidence", "bien-ban.pdf", pdf));
        var second = await RatingScenario.Ok(secretary.PostFileAsync($"/api/files/{file}/evidence", "nghi-quyet.pdf", pdf));

        // Only its uploader removes it (a colleague holding the same step may not).
        await RatingScenario.Refused(colleague.DeleteAsync($"/api/files/{file}/evidence/{first.GetProperty("id").GetGuid()}"), HttpStatusCode.Forbidden);
        var removed = await secretary.DeleteAsync($"/api/files/{file}/evidence/{first.GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync($"/Files/{file}?handler=Evidence&evidenceId={first.GetProperty("id").GetGuid()}")).StatusCode);
        var timeline = (await secretary.GetJsonAsync($"/api/files/{file}")).GetProperty("timeline").EnumerateArray()
            .Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("text").GetString())).ToList();
        Assert.Contains(("EvidenceRemoved", "bien-ban.pdf"), timeline);

        // Once submitted the file is no longer editable: nothing more is removed.
        var detail = await secretary.GetJsonAsync($"/api/files/{file}");
        await RatingScenario.Ok(secretary.PostJsonAsync($"/api/files/{file}/submit", new { content = RatingScenario.Content(detail.GetProperty("form"), RatingLevel.Good), version = detail.GetProperty("file").GetProperty("version").GetInt32() }));
        await RatingScenario.Refused(secretary.DeleteAsync($"/api/files/{file}/evidence/{second.GetProperty("id").GetGuid()}"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_one_millisecond_timer_cycle_is_refused_at_deploy()
    {
        using var admin = Basic("admin", WebSession.DemoPassword);
        using var content = new MultipartFormDataContent { { new StringContent("fast"), "deployment-name" } };
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:process id="fast-cycle" isExecutable="true">
                <bpmn:startEvent id="tick"><bpmn:timerEventDefinition><bpmn:timeCycle>R/PT0.001S</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:sequenceFlow id="f" sourceRef="tick" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """)), "fast.bpmn", "fast.bpmn");
        var response = await admin.PostAsync(new Uri("/engine-rest/deployment/create", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("quá ngắn", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await host.Factory.InScopeAsync((_, db) => db.WfDefinitions.AnyAsync(d => d.Key == "fast-cycle")));
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example/x")]
    [InlineData("https://evil.example/x")]
    public async Task The_language_switch_never_redirects_off_the_site(string returnUrl)
    {
        using var anonymous = new WebSession(host.Factory);
        var response = await anonymous.PostFormAsync("/Account/Login", new() { ["culture"] = "en-US", ["returnUrl"] = returnUrl }, "/culture");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task An_unknown_user_name_costs_a_password_check_like_a_real_one()
    {
        var timing = host.Factory.Services.GetRequiredService<SignInTiming>();
        var before = timing.Spent;
        using var anonymous = new WebSession(host.Factory);
        var response = await anonymous.LoginAsync("khong-ton-tai-" + Guid.NewGuid().ToString("N")[..6], "Sai@2026x");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var basic = Basic("khong-ton-tai-basic", "Sai@2026x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await basic.GetAsync(new Uri("/engine-rest/version", UriKind.Relative))).StatusCode);
        Assert.True(timing.Spent >= before + 2);
    }

    [Fact]
    public async Task A_remembered_Basic_credential_stops_working_after_a_password_change_or_a_lockout()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(0);
        using var _ = await scenario.UserAsync(Roles.Worker, scenario.DecidingUnitId, "worker");
        var userName = await host.Factory.InScopeAsync((_, db) => db.Users.Where(u => u.UserName!.StartsWith("worker.") && u.UnitId == scenario.DecidingUnitId).Select(u => u.UserName!).SingleAsync());
        using var client = Basic(userName, RatingScenario.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/engine-rest/version", UriKind.Relative))).StatusCode); // remembered now

        await host.Factory.InScopeAsync(async (sp, _) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync(userName);
            Assert.True((await users.ChangePasswordAsync(user!, RatingScenario.Password, "Moi@2026!x")).Succeeded);
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/engine-rest/version", UriKind.Relative))).StatusCode);

        using var renewed = Basic(userName, "Moi@2026!x");
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync(new Uri("/engine-rest/version", UriKind.Relative))).StatusCode);
        await host.Factory.InScopeAsync(async (sp, _) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync(userName))!, DateTimeOffset.UtcNow.AddHours(1));
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await renewed.GetAsync(new Uri("/engine-rest/version", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Every_page_carries_the_browser_protections_and_the_cookie_is_secure_over_https()
    {
        using var anonymous = new WebSession(host.Factory);
        var login = await anonymous.GetAsync("/Account/Login");
        var csp = login.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self' 'nonce-", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline' 'nonce", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", login.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", login.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", login.Headers.GetValues("X-Frame-Options").Single());
        Assert.DoesNotContain(" onclick=", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var https = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var form = await https.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await https.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin", ["Input.Password"] = WebSession.DemoPassword, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("wf.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteHostileInputTests(SqliteHost host) : HostileInputTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresHostileInputTests(PostgresHost host) : HostileInputTests(host);
