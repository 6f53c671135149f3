using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Web.Awards;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;
using Workflow.Web.Tests.Ratings;

namespace Workflow.Web.Tests.Security;

/// <summary>
/// Official results change only by the rules (issue 16): each way around them found by trying the product as users
/// and as an attacker would, closed, and kept closed here. "Refused" means a clear Vietnamese message in the caller's
/// error shape and nothing changed.
/// </summary>
public abstract class RulesTests(AppHost host)
{
    private HttpClient Basic(string user, string password = WebSession.DemoPassword) => host.BasicClient(user, password);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private Task<Guid> TaskOfAsync(Guid fileId, string elementId) => host.Factory.InScopeAsync((_, db) =>
        (from f in db.Files join t in db.WfTasks on f.InstanceId equals t.InstanceId where f.Id == fileId && t.ElementId == elementId select t.Id).SingleAsync());

    // ---- 1. /engine-rest does not bypass the product ---------------------------------------------------------------

    [Fact]
    public async Task Engine_rest_cannot_complete_or_reroute_a_product_task_for_anyone_and_the_product_still_can()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(1, membersEach: 1);
        var branch = scenario.Grassroots[0];
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, branch);
        using var member = await scenario.UserAsync(Roles.Member, branch, "dv", memberId: scenario.Members[0]);
        var orgRound = await scenario.OpenRoundAsync(standing, 2022, "132-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var file = (await RatingScenario.FilesAsync(secretary, orgRound)).Single().GetProperty("id").GetGuid();
        var task = await TaskOfAsync(file, RatingWorkflow.SelfAssessment);
        var khoi = scenario.ParentUnitId; // any other unit: the province's board would then hold the file

        // The secretary holds the task, yet /engine-rest neither re-routes it nor completes it: 403 naming the page.
        var (status, body) = await ReadAsync(secretary.PutJsonAsync($"/engine-rest/task/{task}/variables/decidingUnitId", new { value = khoi.ToString(), type = "String" }));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains($"/Files/{file}", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("AuthorizationException", body.GetProperty("type").GetString());
        (status, _) = await ReadAsync(secretary.PostJsonAsync($"/engine-rest/task/{task}/complete", new { variables = new { decidingUnitId = new { value = khoi.ToString(), type = "String" } } }));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        (status, _) = await ReadAsync(secretary.PostJsonAsync($"/engine-rest/task/{task}/variables", new { modifications = new { selfLevel = new { value = "HTXSNV", type = "String" } } }));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        (status, _) = await ReadAsync(secretary.PostJsonAsync($"/engine-rest/task/{task}/claim", new { userId = secretary.UserName }));
        Assert.Equal(HttpStatusCode.Forbidden, status);

        // Admin included, over HTTP Basic as Camunda's tools call it; the instance, its start and its messages too.
        using var admin = Basic("admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync(new Uri($"/engine-rest/task/{task}/complete", UriKind.Relative), new { })).StatusCode);
        var instance = await host.Factory.InScopeAsync((_, db) => db.Files.Where(f => f.Id == file).Select(f => f.InstanceId!.Value).SingleAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync(new Uri($"/engine-rest/process-instance/{instance}/variables", UriKind.Relative),
            new { modifications = new { decidingUnitId = new { value = khoi.ToString(), type = "String" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.DeleteAsync(new Uri($"/engine-rest/process-instance/{instance}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync(new Uri("/engine-rest/process-definition/key/rating-subject/start", UriKind.Relative), new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync(new Uri("/engine-rest/message", UriKind.Relative),
            new { messageName = RatingWorkflow.DecidedMessage, businessKey = file.ToString(), processVariables = new { decidedLevel = new { value = "HTXSNV", type = "String" } } })).StatusCode);
        // Reading stays open to whoever may see the task.
        Assert.Equal(HttpStatusCode.OK, (await secretary.GetAsync($"/engine-rest/task/{task}/variables")).StatusCode);

        // Nothing moved: the file is still at its first step with its own routing, its timeline empty.
        var after = await host.Factory.InScopeAsync(async (sp, db) =>
        {
            var engine = sp.GetRequiredService<Workflow.Engine.Runtime.WorkflowEngine>();
            var state = await engine.Store.LoadInstanceAsync(instance);
            return (Status: (await db.Files.SingleAsync(f => f.Id == file)).Status, Deciding: state!.Variables["decidingUnitId"].Value!.ToString(),
                Events: await db.FileEvents.CountAsync(e => e.FileId == file), Task: await db.WfTasks.AnyAsync(t => t.Id == task));
        });
        Assert.Equal((FileStatus.Opened, scenario.DecidingUnitId.ToString(), 0, true), after);

        // A member refused by the product's submit is refused by /engine-rest too.
        var memberRound = await scenario.OpenRoundAsync(standing, 2022, "132-QĐ/TW", scenario.DecidingUnitId, SubjectType.Member);
        var memberFile = (await RatingScenario.FilesAsync(secretary, memberRound)).Single().GetProperty("id").GetGuid();
        var detail = await member.GetJsonAsync($"/api/files/{memberFile}");
        await RatingScenario.Refused(member.PostJsonAsync($"/api/files/{memberFile}/submit",
            new { content = RatingScenario.Content(detail.GetProperty("form"), RatingLevel.Good), version = 0 }), HttpStatusCode.Forbidden);
        var memberTask = await TaskOfAsync(memberFile, RatingWorkflow.SelfAssessment);
        (status, _) = await ReadAsync(member.PostJsonAsync($"/engine-rest/task/{memberTask}/complete", new { }));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Opened", (await RatingScenario.FileAsync(secretary, memberFile)).GetProperty("status").GetString());

        // The front door still works.
        var own = await secretary.GetJsonAsync($"/api/files/{file}");
        await RatingScenario.Ok(secretary.PostJsonAsync($"/api/files/{file}/submit", new { content = RatingScenario.Content(own.GetProperty("form"), RatingLevel.Good), version = 0 }));
        Assert.Equal("Submitted", (await RatingScenario.FileAsync(secretary, file)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_product_process_keeps_its_marker_and_task_forms_cannot_write_routing_variables()
    {
        using var admin = Basic("admin");
        var shipped = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "workflows", "rating-subject.bpmn"));
        var unmarked = shipped.Replace("""<camunda:property name="productDriven" value="true" />""", "", StringComparison.Ordinal);
        Assert.NotEqual(shipped, unmarked);
        using var content = new MultipartFormDataContent { { new StringContent("rating-subject"), "deployment-name" } };
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(unmarked)), "rating-subject.bpmn", "rating-subject.bpmn");
        var (status, body) = await ReadAsync(admin.PostAsync(new Uri("/engine-rest/deployment/create", UriKind.Relative), content));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("productDriven", body.GetProperty("message").GetString(), StringComparison.Ordinal);

        // The designer marks it as an error, so Publish stays off.
        using var designer = await host.SignInAsync("admin");
        var problems = await RatingScenario.Ok(designer.PostJsonAsync("/api/admin/processes/validate", new { xml = unmarked }));
        Assert.Contains(problems.GetProperty("problems").EnumerateArray(),
            p => p.GetProperty("severity").GetString() == "error" && p.GetProperty("message").GetString()!.Contains("productDriven", StringComparison.Ordinal));

        // A designed form may not name a field after a variable the product routes work by.
        var form = new
        {
            name = "Biểu mẫu thử",
            schema = JsonSerializer.Serialize(new { type = "default", components = new object[] { new { type = "textfield", key = "decidingUnitId", label = "Đơn vị" } } }),
        };
        var refused = await RatingScenario.Refused(designer.PostJsonAsync($"/api/admin/forms/thu-{Guid.NewGuid():N}"[..30], form), HttpStatusCode.BadRequest);
        Assert.Contains("decidingUnitId", refused.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
    }

    // ---- 2. a re-decision is checked against the quota ----------------------------------------------------------

    [Fact]
    public async Task A_complaint_re_decision_that_would_exceed_the_quota_is_refused_and_the_statistics_stay_within_it()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(5);
        // A rule set of our own: 20% rounded up, refused beyond (other tests save edited versions of the shipped ones).
        var code = await scenario.RuleSetCopyAsync("124-QĐ/TW",
            basis => basis with { Quota = new QuotaRule { Percent = 20, Rounding = QuotaRounding.Up, OverQuota = OverQuotaPolicy.Refuse } }, "Quy định thử (tỷ lệ 20%)");
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        using var superiorBoard = await scenario.UserAsync(Roles.OrganizationBoard, scenario.ParentUnitId, "btc-tu");
        using var superiorStanding = await scenario.UserAsync(Roles.StandingCommittee, scenario.ParentUnitId, "btv-tu");
        using var admin = await host.SignInAsync("admin");
        var roundId = await scenario.OpenRoundAsync(standing, 2023, code, scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var files = (await RatingScenario.FilesAsync(board, roundId)).Select(f => f.GetProperty("id").GetGuid()).ToList();
        RatingLevel[] levels = [RatingLevel.Excellent, RatingLevel.Good, RatingLevel.Good, RatingLevel.Good, RatingLevel.Good];
        for (var i = 0; i < files.Count; i++)
        {
            await RatingScenario.DriveToProposalAsync(admin, board, admin, files[i], levels[i]);
        }

        // 1 of 5 excellent: ceil(20% × 5) = 1, exactly the quota.
        await RatingScenario.Ok(standing.PostJsonAsync("/api/decisions", new
        {
            roundId, decidingUnitId = scenario.DecidingUnitId, subjectType = "GrassrootsOrganization", number = "30-QĐ/ĐU",
            decidedOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            signerName = "Trần Văn A", signerTitle = "Bí thư", acceptProposals = true,
        }));
        var complainant = files[1];
        var decided = await RatingScenario.FileAsync(admin, complainant);
        using var complainer = await SecretaryOfAsync(scenario, decided);
        await RatingScenario.Ok(complainer.PostJsonAsync($"/api/files/{complainant}/complaint", new { reason = "Đơn vị đã hoàn thành vượt mức các chỉ tiêu.", version = decided.GetProperty("version").GetInt32() }));
        var complained = await RatingScenario.FileAsync(superiorBoard, complainant);
        await RatingScenario.Ok(superiorBoard.PostJsonAsync($"/api/files/{complainant}/reverify", new
        {
            action = "propose", level = "HTXSNV", reason = "Xác minh: thành tích đột xuất.", version = complained.GetProperty("version").GetInt32(),
        }));
        var version = (await RatingScenario.FileAsync(superiorStanding, complainant)).GetProperty("version").GetInt32();

        // A second excellent of five is over the quota; this rule set refuses it, with the re-decision and nothing else refused.
        var refused = await RatingScenario.Refused(superiorStanding.PostJsonAsync($"/api/files/{complainant}/redecide", new
        {
            level = "HTXSNV", reason = "Chấp nhận khiếu nại.", number = "31-QĐ/TU", decidedOn = "2024-02-01", signerName = "Nguyễn Văn B", signerTitle = "Phó Bí thư", version,
        }), HttpStatusCode.BadRequest);
        Assert.Contains("Vượt tỷ lệ", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        var unchanged = await RatingScenario.FileAsync(superiorStanding, complainant);
        Assert.Equal(("Complained", "HTTNV"), (unchanged.GetProperty("status").GetString(), unchanged.GetProperty("decidedLevel").GetString()));
        Assert.False(await host.Factory.InScopeAsync((_, db) => db.Decisions.AnyAsync(d => d.Number == "31-QĐ/TU")));

        // Within the quota it goes through, and the statistics never print more excellent than the quota allows.
        await RatingScenario.Ok(superiorStanding.PostJsonAsync($"/api/files/{complainant}/redecide", new
        {
            level = "HTTNV", reason = "Giữ nguyên.", number = "31-QĐ/TU", decidedOn = "2024-02-01", signerName = "Nguyễn Văn B", signerTitle = "Phó Bí thư", version,
        }));
        var statistics = (await standing.GetJsonAsync($"/api/rounds/{roundId}/statistics")).EnumerateArray().Single();
        Assert.Equal(1, statistics.GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("level").GetString() == "HTXSNV").GetProperty("count").GetInt32());
    }

    private static async Task<WebSession> SecretaryOfAsync(RatingScenario scenario, JsonElement file) =>
        await scenario.UserAsync(Roles.BranchSecretary, file.GetProperty("subjectUnitId").GetGuid(), "bt-kn");

    // ---- 3. caps cross rounds --------------------------------------------------------------------------------------

    [Fact]
    public async Task A_leader_disciplined_in_the_member_round_caps_the_open_organization_file_of_the_same_year()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(1, membersEach: 2);
        var branch = scenario.Grassroots[0];
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        using var admin = await host.SignInAsync("admin");
        var orgRound = await scenario.OpenRoundAsync(standing, 2022, "132-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var memberRound = await scenario.OpenRoundAsync(standing, 2022, "132-QĐ/TW", scenario.DecidingUnitId, SubjectType.Member);
        var orgFile = (await RatingScenario.FilesAsync(admin, orgRound)).Single().GetProperty("id").GetGuid();
        var leaderFile = (await RatingScenario.FilesAsync(admin, memberRound)).Single(f => f.GetProperty("memberId").GetGuid() == scenario.Members[0]).GetProperty("id").GetGuid();
        await RatingScenario.DriveToProposalAsync(admin, board, admin, orgFile, RatingLevel.Excellent);
        Assert.Equal(JsonValueKind.Null, (await RatingScenario.FileAsync(admin, orgFile)).GetProperty("capLevel").ValueKind);

        // The member round's inspection records a reprimand of the branch's head (Mẫu 2A).
        var detail = await admin.GetJsonAsync($"/api/files/{leaderFile}");
        await RatingScenario.Ok(admin.PostJsonAsync($"/api/files/{leaderFile}/submit", new { content = RatingScenario.Content(detail.GetProperty("form"), RatingLevel.Good), version = 0 }));
        var version = (await RatingScenario.FileAsync(admin, leaderFile)).GetProperty("version").GetInt32();
        await RatingScenario.Ok(admin.PostJsonAsync($"/api/files/{leaderFile}/inspection", new
        {
            opinion = "Vi phạm quy chế làm việc.", degradation = false, version,
            disciplines = new[] { new { memberId = scenario.Members[0], form = "Reprimand", decidedOn = "2022-09-01", selfRemedied = false, note = "Khiển trách" } },
        }));

        // The organization's file, in the other round, is capped at once and its excellent proposal cannot be decided.
        var capped = await RatingScenario.FileAsync(admin, orgFile);
        Assert.Equal("HTTNV", capped.GetProperty("capLevel").GetString());
        Assert.Contains("SubordinateDiscipline", capped.GetProperty("capFacts").EnumerateArray().Select(f => f.GetString()));
        var refused = await RatingScenario.Refused(standing.PostJsonAsync("/api/decisions", new
        {
            roundId = orgRound, decidingUnitId = scenario.DecidingUnitId, subjectType = "GrassrootsOrganization", number = "40-QĐ/ĐU", decidedOn = "2023-01-10",
            signerName = "Trần Văn A", signerTitle = "Bí thư", acceptProposals = true,
        }), HttpStatusCode.BadRequest);
        Assert.Contains("HTXSNV", refused.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        // A conclusion of degradation is a fact of the year as well: the member's other open files take it.
        var otherFile = (await RatingScenario.FilesAsync(admin, memberRound)).Single(f => f.GetProperty("memberId").GetGuid() == scenario.Members[1]).GetProperty("id").GetGuid();
        detail = await admin.GetJsonAsync($"/api/files/{otherFile}");
        await RatingScenario.Ok(admin.PostJsonAsync($"/api/files/{otherFile}/submit", new { content = RatingScenario.Content(detail.GetProperty("form"), RatingLevel.Good), version = 0 }));
        version = (await RatingScenario.FileAsync(admin, otherFile)).GetProperty("version").GetInt32();
        await RatingScenario.Ok(admin.PostJsonAsync($"/api/files/{otherFile}/inspection", new { opinion = "Có biểu hiện suy thoái.", degradation = true, version }));
        var degraded = await RatingScenario.FileAsync(admin, otherFile);
        Assert.Equal("KHTNV", degraded.GetProperty("capLevel").GetString());
        Assert.Equal(1, await host.Factory.InScopeAsync((_, db) => db.DegradationConclusions.CountAsync(c => c.MemberId == scenario.Members[1] && c.Year == 2022)));
    }

    // ---- 4. 366-QĐ/TW's bands are limits ---------------------------------------------------------------------------

    [Fact]
    public async Task Under_366_a_60_point_file_cannot_be_proposed_above_its_band_whatever_the_reason()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(1);
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
        using var admin = await host.SignInAsync("admin");
        var roundId = await scenario.OpenRoundAsync(standing, 2025, "366-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var file = (await RatingScenario.FilesAsync(secretary, roundId)).Single().GetProperty("id").GetGuid();
        var detail = await secretary.GetJsonAsync($"/api/files/{file}");
        var form = detail.GetProperty("form");

        // 60 points: HTNV's band. Proposing HTXSNV for itself is refused at submission.
        var overreach = JsonSerializer.SerializeToNode(RatingScenario.Content(form, RatingLevel.Complete, points: true), WebSession.JsonOptions)!.AsObject();
        overreach["proposedLevel"] = "HTXSNV";
        var refusedSelf = await RatingScenario.Refused(secretary.PostJsonAsync($"/api/files/{file}/submit", new { content = overreach, version = 0 }), HttpStatusCode.BadRequest);
        Assert.Contains("proposedLevel", refusedSelf.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
        await RatingScenario.Ok(secretary.PostJsonAsync($"/api/files/{file}/submit", new { content = RatingScenario.Content(form, RatingLevel.Complete, points: true), version = 0 }));
        var submitted = await RatingScenario.FileAsync(board, file);
        Assert.Equal(("HTNV", 60m), (submitted.GetProperty("suggestedLevel").GetString(), submitted.GetProperty("points").GetDecimal()));

        // The board: HTXSNV or HTTNV "with a reason" are refused; a lower level with a reason is possible.
        foreach (var level in new[] { "HTXSNV", "HTTNV" })
        {
            var refused = await RatingScenario.Refused(board.PostJsonAsync($"/api/files/{file}/review", new
            {
                action = "propose", level, reason = "Đơn vị có nhiều cố gắng.", version = submitted.GetProperty("version").GetInt32(),
            }), HttpStatusCode.BadRequest);
            Assert.Contains("giới hạn", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        await RatingScenario.Ok(board.PostJsonAsync($"/api/files/{file}/review", new
        {
            action = "propose", level = "KHTNV", reason = "Chưa khắc phục hạn chế năm trước.", version = submitted.GetProperty("version").GetInt32(),
        }));
        Assert.Equal("KHTNV", (await RatingScenario.FileAsync(board, file)).GetProperty("proposedLevel").GetString());
    }

    // ---- 5. certificates are revoked by their issuer only -------------------------------------------------------

    [Fact]
    public async Task Only_the_issuers_standing_committee_revokes_a_certificate_with_a_bounded_reason_and_the_register_keeps_each_change()
    {
        var (scenario, decisionId, certificateId) = await DecidedWithCertificateAsync();
        using var issuer = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var province = await scenario.UserAsync(Roles.StandingCommittee, scenario.ParentUnitId, "btv-tinh");
        using var elsewhere = await host.SignInAsync("btv.khoi");

        // Another subtree cannot see it (404, through the API and through the decision page's form); the committee above
        // sees it but did not issue it (403).
        await RatingScenario.Refused(elsewhere.PostJsonAsync($"/api/certificates/{certificateId}/revoke", new { reason = "Khai man thành tích." }), HttpStatusCode.NotFound);
        var page = await elsewhere.PostFormAsync("/Account/ChangePassword", new() { ["certificateId"] = certificateId.ToString(), ["reason"] = "Khai man." },
            $"/Decisions/{decisionId}?handler=Revoke");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        await RatingScenario.Refused(province.PostJsonAsync($"/api/certificates/{certificateId}/revoke", new { reason = "Khai man thành tích." }), HttpStatusCode.Forbidden);
        await RatingScenario.Refused(issuer.PostJsonAsync($"/api/certificates/{certificateId}/revoke", new { reason = new string('x', 501) }), HttpStatusCode.BadRequest);
        Assert.Equal("Valid", await StatusAsync(certificateId));

        await RatingScenario.Ok(issuer.PostJsonAsync($"/api/certificates/{certificateId}/revoke", new { reason = "Kê khai thành tích không trung thực." }));
        await RatingScenario.Refused(issuer.PostJsonAsync($"/api/certificates/{certificateId}/revoke", new { reason = "Lần nữa." }), HttpStatusCode.Conflict);
        await RatingScenario.Refused(issuer.PostJsonAsync($"/api/certificates/{certificateId}/annul-revocation", new { reason = "" }), HttpStatusCode.BadRequest);
        await RatingScenario.Ok(issuer.PostJsonAsync($"/api/certificates/{certificateId}/annul-revocation", new { reason = "Xác minh lại: kê khai đúng." }));
        Assert.Equal("Valid", await StatusAsync(certificateId));

        var history = (await issuer.GetJsonAsync($"/api/certificates/{certificateId}/history")).EnumerateArray()
            .Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("reason").GetString())).ToList();
        Assert.Equal([("Revoked", "Kê khai thành tích không trung thực."), ("RevocationAnnulled", "Xác minh lại: kê khai đúng.")], history);
        var audited = await host.Factory.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityId == certificateId.ToString() || a.EntityType == "CertificateEvent")
            .Select(a => a.EntityType).ToListAsync());
        Assert.Equal(2, audited.Count(t => t == "Certificate"));
        Assert.True(audited.Count(t => t == "CertificateEvent") >= 2);
    }

    private Task<string> StatusAsync(Guid certificateId) =>
        host.Factory.InScopeAsync(async (_, db) => (await db.Certificates.SingleAsync(c => c.Id == certificateId)).Status.ToString());

    /// <summary>A one-file group decided HTXSNV, and the certificate its decision earned.</summary>
    private async Task<(RatingScenario Scenario, Guid DecisionId, Guid CertificateId)> DecidedWithCertificateAsync()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(1);
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var admin = await host.SignInAsync("admin");
        var roundId = await scenario.OpenRoundAsync(standing, 2023, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var file = (await RatingScenario.FilesAsync(admin, roundId)).Single().GetProperty("id").GetGuid();
        await RatingScenario.DriveToProposalAsync(admin, admin, admin, file, RatingLevel.Excellent);
        var decision = await RatingScenario.Ok(standing.PostJsonAsync("/api/decisions", new
        {
            roundId, decidingUnitId = scenario.DecidingUnitId, subjectType = "GrassrootsOrganization", number = "50-QĐ/ĐU", decidedOn = "2024-01-10",
            signerName = "Nguyễn Văn Bình", signerTitle = "Bí thư Đảng ủy", acceptProposals = true,
        }));
        var decisionId = decision.GetProperty("id").GetGuid();
        var list = await Eventually.ValueAsync(() => standing.GetJsonAsync($"/api/decisions/{decisionId}/certificates"), l => l.GetProperty("issued").GetBoolean());
        Assert.True(list.GetProperty("issued").GetBoolean(), "the certificate was not issued");
        return (scenario, decisionId, list.GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    // ---- 6. decisions answer 404 outside the caller's subtree -------------------------------------------------

    [Fact]
    public async Task A_decision_and_its_certificates_are_404_outside_the_callers_subtree_and_readable_inside()
    {
        var (scenario, decisionId, _) = await DecidedWithCertificateAsync();
        using var elsewhere = await host.SignInAsync("btv.khoi");
        using var otherDistrict = await host.SignInAsync("btc.binhgiang");
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
        using var committee = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        foreach (var outsider in new[] { elsewhere, otherDistrict })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/decisions/{decisionId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/decisions/{decisionId}/certificates")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Decisions/{decisionId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/decisions/{decisionId}/certificates.zip")).StatusCode);
        }

        foreach (var reader in new[] { secretary, committee })
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/decisions/{decisionId}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/decisions/{decisionId}/certificates")).StatusCode);
        }
    }

    // ---- 7. cookie-authenticated changes to /engine-rest need proof of origin -------------------------------

    [Fact]
    public async Task A_cross_site_form_cannot_deploy_with_an_admins_cookie_but_Camunda_clients_still_can()
    {
        using var admin = await host.SignInAsync("admin");
        var key = "csrf" + Guid.NewGuid().ToString("N")[..8];
        MultipartFormDataContent Deployment()
        {
            var content = new MultipartFormDataContent { { new StringContent("csrf"), "deployment-name" } };
            content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes($"""
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
                  <bpmn:process id="{key}" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" /><bpmn:endEvent id="e" /></bpmn:process>
                </bpmn:definitions>
                """)), "p.bpmn", "p.bpmn");
            return content;
        }

        // The cookie alone (as a cross-site form would send it): refused, and nothing deployed.
        var (status, body) = await ReadAsync(admin.Client.PostAsync(new Uri("/engine-rest/deployment/create", UriKind.Relative), Deployment()));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("RequestVerificationToken", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        using (var crossSite = new HttpRequestMessage(HttpMethod.Post, "/engine-rest/deployment/create") { Content = Deployment() })
        {
            crossSite.Headers.Add("Origin", "http://evil.example");
            crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
            Assert.Equal(HttpStatusCode.Forbidden, (await admin.Client.SendAsync(crossSite)).StatusCode);
        }

        // Even HTTP Basic is refused when a browser says the request comes from another site (a cached credential).
        using var basic = Basic("admin");
        using (var crossSite = new HttpRequestMessage(HttpMethod.Post, "/engine-rest/deployment/create") { Content = Deployment() })
        {
            crossSite.Headers.Add("Origin", "http://evil.example");
            Assert.Equal(HttpStatusCode.Forbidden, (await basic.SendAsync(crossSite)).StatusCode);
        }

        Assert.False(await host.Factory.InScopeAsync((_, db) => db.WfDefinitions.AnyAsync(d => d.Key == key)));

        // Camunda Modeler (Basic, no browser headers) and the product's own pages (same origin) still deploy.
        Assert.Equal(HttpStatusCode.OK, (await basic.PostAsync(new Uri("/engine-rest/deployment/create", UriKind.Relative), Deployment())).StatusCode);
        using (var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/engine-rest/deployment/create") { Content = Deployment() })
        {
            sameOrigin.Headers.Add("Origin", "http://localhost");
            Assert.Equal(HttpStatusCode.OK, (await admin.Client.SendAsync(sameOrigin)).StatusCode);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteRulesTests(SqliteHost host) : RulesTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresRulesTests(PostgresHost host) : RulesTests(host);
