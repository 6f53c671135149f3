using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Web.Awards;
using Workflow.Web.Meetings;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;
using Workflow.Web.Tests.Ratings;

namespace Workflow.Web.Tests.Security;

/// <summary>
/// The authorization suite: every endpoint × caller × subtree, asserting the refusal each caller gets (401 for no
/// sign-in, 404 for a record outside the caller's part of the tree, 403 for a role or a right the caller lacks). The
/// world is one committee's subtree with a decided file, its certificate, an open member file with evidence, a saved
/// view and a meeting score; the callers are the demo users of another committee (Đảng bộ Khối), a member of the
/// subtree without the right role, and the province's standing committee (above, but not the issuer). A new endpoint
/// fails <see cref="Every_endpoint_has_rows_in_the_suite"/> until it has its rows here.
/// </summary>
public abstract class AuthorizationSuiteTests(AppHost host)
{
    /// <summary>What the rows refer to.</summary>
    public sealed record World(
        Guid DecidingUnit, Guid Branch, Guid Member, Guid Round, Guid MemberRound, Guid File, Guid MemberFile, Guid Task, Guid Evidence,
        Guid Decision, Guid Certificate, Guid Instance, string DefinitionId, Guid Deployment, Guid View, Guid Period, Guid Score, Guid Notification)
    {
        public Guid RuleSet { get; init; }

        public string InsiderName { get; init; } = "";
        public Guid AwardRound { get; init; }
        public Guid AwardDecision { get; init; }
        public Guid AwardCertificate { get; init; }
        public Guid Proposal { get; init; }
        public Guid TitleRound { get; init; }
        public Guid Target { get; init; }
        public Guid Import { get; init; }
        public string ProvinceName { get; init; } = "";
    }

    /// <summary>One expectation: <paramref name="Caller"/> calling <paramref name="Method"/> <paramref name="Url"/> gets one of <paramref name="Expected"/>.</summary>
    public sealed record Row(string Method, string Route, string Caller, Func<World, string> Url, int[] Expected, Func<World, object?>? Body = null,
        Func<World, string, string?>? Check = null);

    // Callers. Outsiders are the demo users of Đảng bộ Khối (another subtree); "insider" is the subject branch's own
    // member account (inside the subtree, no reviewing role); "province" is the province's standing committee.
    private const string Anonymous = "anonymous";
    private const string Member = "dangvien";
    private const string Secretary = "bithu.sct";
    private const string Board = "btc.khoi";
    private const string Inspection = "ubkt.khoi";
    private const string Standing = "btv.khoi";
    private const string Insider = "insider";
    private const string Province = "province";

    private static readonly int[] Unauthorized = [401];
    private static readonly int[] NotFound = [404];
    private static readonly int[] Forbidden = [403];
    private static readonly int[] LoginPage = [302];

    /// <summary>Endpoints every signed-in user (or anyone) may call by design, with the reason.</summary>
    private static readonly Dictionary<string, string> Public = new()
    {
        ["* /health"] = "health for the load balancer: no data",
        ["* /health/live"] = "liveness for the orchestrator: no data",
        ["* /health/ready"] = "readiness for the load balancer: no data",
        ["POST /culture"] = "the language cookie",
    };

    private static Func<World, string, string?> Without(Func<World, Guid> id) =>
        (w, body) => body.Contains(id(w).ToString(), StringComparison.OrdinalIgnoreCase) ? $"the answer lists {id(w)}" : null;

    /// <summary>A complete request to open a round for the world's committee (so what is refused is the caller, not the body).</summary>
    private static object OpenRound(World w) => new
    {
        year = 2024, ruleSetId = w.RuleSet, decidingUnitId = w.DecidingUnit, subjectTypes = new[] { "GrassrootsOrganization" },
        selfAssessmentDue = "2024-12-10T17:00:00", reviewDue = "2024-12-20T17:00:00", decisionDue = "2024-12-28T17:00:00", complaintDays = 15,
    };

    private static IEnumerable<Row> Rows()
    {
        Row R(string method, string route, string caller, Func<World, string> url, int[] expected, Func<World, object?>? body = null, Func<World, string, string?>? check = null) =>
            new(method, route, caller, url, expected, body, check);

        // ---- /api: rounds, files, decisions (records: 404 outside the subtree; commands: 403 without the role) -------
        yield return R("GET", "/api/rule-sets", Anonymous, _ => "/api/rule-sets", Unauthorized);
        yield return R("POST", "/api/rounds", Anonymous, _ => "/api/rounds", Unauthorized, _ => new { });
        yield return R("POST", "/api/rounds", Secretary, _ => "/api/rounds", Forbidden, OpenRound);
        yield return R("POST", "/api/rounds", Standing, _ => "/api/rounds", [403, 404], OpenRound);
        yield return R("POST", "/api/rounds", Insider, _ => "/api/rounds", Forbidden, OpenRound);
        yield return R("GET", "/api/rounds", Standing, _ => "/api/rounds", [200], check: Without(w => w.Round));
        yield return R("GET", "/api/rounds/{id:guid}", Standing, w => $"/api/rounds/{w.Round}", NotFound);
        yield return R("GET", "/api/rounds/{id:guid}/files", Standing, w => $"/api/rounds/{w.Round}/files", NotFound);
        yield return R("GET", "/api/rounds/{id:guid}/board", Standing, w => $"/api/rounds/{w.Round}/board?decidingUnitId={w.DecidingUnit}&type=GrassrootsOrganization", NotFound);
        yield return R("GET", "/api/rounds/{id:guid}/statistics", Standing, w => $"/api/rounds/{w.Round}/statistics", NotFound);
        yield return R("GET", "/api/files/{id:guid}", Secretary, w => $"/api/files/{w.File}", NotFound);
        yield return R("GET", "/api/files/{id:guid}", Member, w => $"/api/files/{w.MemberFile}", NotFound);
        yield return R("PUT", "/api/files/{id:guid}/self-assessment", Secretary, w => $"/api/files/{w.MemberFile}/self-assessment", NotFound, _ => new { content = new { achievements = "x" }, version = 0 });
        yield return R("POST", "/api/files/{id:guid}/submit", Secretary, w => $"/api/files/{w.MemberFile}/submit", NotFound, _ => new { content = new { }, version = 0 });
        yield return R("POST", "/api/files/{id:guid}/evidence", Secretary, w => $"/api/files/{w.MemberFile}/evidence", NotFound, _ => "file");
        yield return R("DELETE", "/api/files/{id:guid}/evidence/{evidenceId:guid}", Secretary, w => $"/api/files/{w.MemberFile}/evidence/{w.Evidence}", NotFound);
        yield return R("DELETE", "/api/files/{id:guid}/evidence/{evidenceId:guid}", Province, w => $"/api/files/{w.MemberFile}/evidence/{w.Evidence}", Forbidden);
        yield return R("POST", "/api/files/{id:guid}/review", Board, w => $"/api/files/{w.MemberFile}/review", NotFound, _ => new { action = "propose", level = "HTTNV", version = 0 });
        yield return R("POST", "/api/files/{id:guid}/review", Insider, w => $"/api/files/{w.MemberFile}/review", [403, 409], _ => new { action = "propose", level = "HTTNV", version = 0 });
        yield return R("POST", "/api/files/{id:guid}/inspection", Inspection, w => $"/api/files/{w.MemberFile}/inspection", NotFound, _ => new { opinion = "x", degradation = false, version = 0 });
        yield return R("POST", "/api/files/{id:guid}/tasks/{taskId:guid}/complete", Secretary, w => $"/api/files/{w.MemberFile}/tasks/{w.Task}/complete", NotFound, _ => new { action = "approve", version = 0 });
        yield return R("POST", "/api/files/{id:guid}/complaint", Secretary, w => $"/api/files/{w.File}/complaint", NotFound, _ => new { reason = "x", version = 0 });
        yield return R("POST", "/api/files/{id:guid}/reverify", Board, w => $"/api/files/{w.File}/reverify", NotFound, _ => new { action = "propose", level = "HTTNV", reason = "x", version = 0 });
        yield return R("POST", "/api/files/{id:guid}/redecide", Standing, w => $"/api/files/{w.File}/redecide", NotFound, _ => new { level = "HTTNV", version = 0 });
        yield return R("POST", "/api/decisions", Standing, _ => "/api/decisions", Forbidden, w => new { roundId = w.Round, decidingUnitId = w.DecidingUnit, subjectType = "GrassrootsOrganization", acceptProposals = true });
        yield return R("POST", "/api/decisions", Province, _ => "/api/decisions", Forbidden, w => new { roundId = w.Round, decidingUnitId = w.DecidingUnit, subjectType = "GrassrootsOrganization", acceptProposals = true });
        yield return R("GET", "/api/decisions/{id:guid}", Standing, w => $"/api/decisions/{w.Decision}", NotFound);
        yield return R("GET", "/api/decisions/{id:guid}/certificates", Secretary, w => $"/api/decisions/{w.Decision}/certificates", NotFound);
        yield return R("GET", "/api/certificates/{id:guid}/history", Standing, w => $"/api/certificates/{w.Certificate}/history", NotFound);
        yield return R("POST", "/api/certificates/{id:guid}/revoke", Standing, w => $"/api/certificates/{w.Certificate}/revoke", NotFound, _ => new { reason = "Khai man." });
        yield return R("POST", "/api/certificates/{id:guid}/revoke", Province, w => $"/api/certificates/{w.Certificate}/revoke", Forbidden, _ => new { reason = "Khai man." });
        yield return R("POST", "/api/certificates/{id:guid}/annul-revocation", Standing, w => $"/api/certificates/{w.Certificate}/annul-revocation", NotFound, _ => new { reason = "x" });
        yield return R("POST", "/api/certificates/{id:guid}/annul-revocation", Province, w => $"/api/certificates/{w.Certificate}/annul-revocation", Forbidden, _ => new { reason = "x" });
        yield return R("GET", "/certificates/{id:guid}.pdf", Secretary, w => $"/certificates/{w.Certificate}.pdf", NotFound);
        yield return R("GET", "/certificates/{id:guid}.pdf", Anonymous, w => $"/certificates/{w.Certificate}.pdf", LoginPage);
        yield return R("GET", "/decisions/{id:guid}/certificates.zip", Standing, w => $"/decisions/{w.Decision}/certificates.zip", NotFound);

        // ---- /api: award kinds, award rounds, proposals to the province, award decisions, achievement records ------
        yield return R("GET", "/api/award-kinds", Anonymous, _ => "/api/award-kinds", Unauthorized);
        yield return R("GET", "/api/award-kinds/{code}/versions", Anonymous, _ => "/api/award-kinds/GK-HTXSNV/versions", Unauthorized);
        yield return R("POST", "/api/admin/award-kinds/", Standing, _ => "/api/admin/award-kinds", Forbidden, _ => new { code = "GK-X", name = "x" });
        yield return R("PUT", "/api/admin/award-kinds/{code}", Standing, _ => "/api/admin/award-kinds/GK-HTXSNV", Forbidden, _ => new { name = "x" });
        yield return R("GET", "/api/award-rounds", Standing, _ => "/api/award-rounds", [200], check: Without(w => w.AwardRound));
        yield return R("POST", "/api/award-rounds", Standing, _ => "/api/award-rounds", Forbidden, w => new { issuerUnitId = w.DecidingUnit, year = 2025 });
        yield return R("POST", "/api/award-rounds", Secretary, _ => "/api/award-rounds", Forbidden, w => new { issuerUnitId = w.DecidingUnit, year = 2025 });
        yield return R("POST", "/api/award-rounds", Province, _ => "/api/award-rounds", Forbidden, w => new { issuerUnitId = w.DecidingUnit, year = 2025 });
        yield return R("GET", "/api/award-rounds/{id:guid}", Standing, w => $"/api/award-rounds/{w.AwardRound}", NotFound);
        yield return R("GET", "/api/award-rounds/{id:guid}/statistics", Standing, w => $"/api/award-rounds/{w.AwardRound}/statistics", NotFound);
        yield return R("GET", "/api/award-rounds/{id:guid}/candidates", Board, w => $"/api/award-rounds/{w.AwardRound}/candidates?kind=GK-DVK", NotFound);
        yield return R("POST", "/api/award-rounds/{id:guid}/nominations", Secretary, w => $"/api/award-rounds/{w.AwardRound}/nominations", NotFound,
            w => new { kindCode = "GK-DVK", unitId = w.Branch, achievement = "x" });
        yield return R("POST", "/api/award-rounds/{id:guid}/nominations", Insider, w => $"/api/award-rounds/{w.AwardRound}/nominations", Forbidden,
            w => new { kindCode = "GK-DVK", unitId = w.Branch, achievement = "x" });
        yield return R("POST", "/api/award-rounds/{id:guid}/proposal", Board, w => $"/api/award-rounds/{w.AwardRound}/proposal", NotFound, _ => new { version = 0, submit = true });
        yield return R("POST", "/api/award-rounds/{id:guid}/proposal", Insider, w => $"/api/award-rounds/{w.AwardRound}/proposal", [403, 409], _ => new { version = 0, submit = true });
        yield return R("PUT", "/api/award-rounds/{id:guid}/selection", Standing, w => $"/api/award-rounds/{w.AwardRound}/selection", NotFound, _ => new { version = 0 });
        yield return R("POST", "/api/award-rounds/{id:guid}/decision", Standing, w => $"/api/award-rounds/{w.AwardRound}/decision", NotFound, _ => new { version = 0, action = "return", reason = "x" });
        yield return R("POST", "/api/award-rounds/{id:guid}/decision", Province, w => $"/api/award-rounds/{w.AwardRound}/decision", [403, 409], _ => new { version = 0, action = "return", reason = "x" });
        yield return R("GET", "/api/award-proposals", Standing, _ => "/api/award-proposals", [200], check: Without(w => w.Proposal));
        yield return R("GET", "/api/award-proposals/{id:guid}", Standing, w => $"/api/award-proposals/{w.Proposal}", NotFound);
        yield return R("POST", "/api/award-proposals/{id:guid}/examination", Board, w => $"/api/award-proposals/{w.Proposal}/examination", NotFound, _ => new { version = 0, action = "forward" });
        yield return R("POST", "/api/award-proposals/{id:guid}/examination", Insider, w => $"/api/award-proposals/{w.Proposal}/examination", [403, 409], _ => new { version = 0, action = "forward" });
        yield return R("POST", "/api/award-proposals/{id:guid}/decision", Standing, w => $"/api/award-proposals/{w.Proposal}/decision", NotFound, _ => new { version = 0, action = "return", reason = "x" });
        yield return R("POST", "/api/award-proposals/{id:guid}/decision", Insider, w => $"/api/award-proposals/{w.Proposal}/decision", [403, 409], _ => new { version = 0, action = "return", reason = "x" });
        yield return R("GET", "/api/award-decisions/{id:guid}", Standing, w => $"/api/award-decisions/{w.AwardDecision}", NotFound);
        yield return R("GET", "/api/decisions/{id:guid}/certificates", Secretary, w => $"/api/decisions/{w.AwardDecision}/certificates", NotFound);
        yield return R("POST", "/api/certificates/{id:guid}/revoke", Province, w => $"/api/certificates/{w.AwardCertificate}/revoke", Forbidden, _ => new { reason = "Khai man." });
        yield return R("GET", "/certificates/{id:guid}.pdf", Secretary, w => $"/certificates/{w.AwardCertificate}.pdf", NotFound);
        yield return R("GET", "/api/title-rounds", Standing, _ => "/api/title-rounds", [200], check: Without(w => w.TitleRound));
        yield return R("POST", "/api/title-rounds", Standing, _ => "/api/title-rounds", Forbidden, w => new { unitId = w.DecidingUnit, year = 2022 });
        yield return R("POST", "/api/title-rounds", Province, _ => "/api/title-rounds", Forbidden, w => new { unitId = w.DecidingUnit, year = 2022 });
        yield return R("GET", "/api/title-rounds/{id:guid}", Standing, w => $"/api/title-rounds/{w.TitleRound}", NotFound);
        yield return R("GET", "/api/title-rounds/{id:guid}/lines", Standing, w => $"/api/title-rounds/{w.TitleRound}/lines", NotFound);
        yield return R("PUT", "/api/title-rounds/{id:guid}/lines", Standing, w => $"/api/title-rounds/{w.TitleRound}/lines", NotFound, _ => new { version = 0 });
        yield return R("PUT", "/api/title-rounds/{id:guid}/lines", Insider, w => $"/api/title-rounds/{w.TitleRound}/lines", [403, 409], _ => new { version = 0 });
        yield return R("POST", "/api/title-rounds/{id:guid}/decision", Standing, w => $"/api/title-rounds/{w.TitleRound}/decision", NotFound, _ => new { version = 0 });
        yield return R("POST", "/api/title-rounds/{id:guid}/decision", Province, w => $"/api/title-rounds/{w.TitleRound}/decision", [403, 409], _ => new { version = 0 });
        yield return R("GET", "/api/targets", Standing, w => $"/api/targets?unitId={w.DecidingUnit}&year=2024", NotFound);
        yield return R("POST", "/api/targets", Standing, _ => "/api/targets", NotFound, w => new { unitId = w.DecidingUnit, metric = "MembersExcellent", value = 15, fromYear = 2024 });
        yield return R("POST", "/api/targets", Province, _ => "/api/targets", Forbidden, w => new { unitId = w.DecidingUnit, metric = "MembersExcellent", value = 15, fromYear = 2024 });
        yield return R("POST", "/api/targets", Insider, _ => "/api/targets", [403, 404], w => new { unitId = w.DecidingUnit, metric = "MembersExcellent", value = 15, fromYear = 2024 });
        yield return R("DELETE", "/api/targets/{id:guid}", Standing, w => $"/api/targets/{w.Target}", NotFound);
        yield return R("DELETE", "/api/targets/{id:guid}", Province, w => $"/api/targets/{w.Target}", Forbidden);
        yield return R("GET", "/api/decisions/{id:guid}/list.xlsx", Standing, w => $"/api/decisions/{w.Decision}/list.xlsx", NotFound);
        yield return R("GET", "/api/award-decisions/{id:guid}/list.xlsx", Standing, w => $"/api/award-decisions/{w.AwardDecision}/list.xlsx", NotFound);
        yield return R("GET", "/api/rounds/{id:guid}/statistics.xlsx", Standing, w => $"/api/rounds/{w.Round}/statistics.xlsx", NotFound);
        yield return R("GET", "/api/rounds/{id:guid}/files.xlsx", Standing, w => $"/api/rounds/{w.Round}/files.xlsx", NotFound);
        yield return R("GET", "/api/inbox.xlsx", Board, _ => "/api/inbox.xlsx", [200]);
        yield return R("GET", "/api/reports/year", Standing, w => $"/api/reports/year?unitId={w.DecidingUnit}&year=2024", NotFound);
        yield return R("GET", "/api/reports/year", Member, w => $"/api/reports/year?unitId={w.DecidingUnit}&year=2024", Forbidden);
        yield return R("GET", "/api/reports/year", Insider, w => $"/api/reports/year?unitId={w.DecidingUnit}&year=2024", Forbidden);
        yield return R("GET", "/api/reports/year.xlsx", Standing, w => $"/api/reports/year.xlsx?unitId={w.DecidingUnit}&year=2024", NotFound);
        yield return R("GET", "/api/reports/year.xlsx", Insider, w => $"/api/reports/year.xlsx?unitId={w.DecidingUnit}&year=2024", Forbidden);
        yield return R("GET", "/api/reports/year.docx", Standing, w => $"/api/reports/year.docx?unitId={w.DecidingUnit}&year=2024", NotFound);
        yield return R("GET", "/api/reports/year.docx", Insider, w => $"/api/reports/year.docx?unitId={w.DecidingUnit}&year=2024", Forbidden);
        yield return R("GET", "/api/imports/", Member, _ => "/api/imports", Forbidden);
        yield return R("GET", "/api/imports/", Secretary, _ => "/api/imports", Forbidden);
        yield return R("GET", "/api/imports/", Standing, _ => "/api/imports", [200], check: Without(w => w.Import));
        yield return R("GET", "/api/imports/templates/{kind}", Member, _ => "/api/imports/templates/Members", Forbidden);
        yield return R("POST", "/api/imports/", Standing, w => $"/api/imports?kind=Units&unitId={w.DecidingUnit}", NotFound, _ => "file");
        yield return R("POST", "/api/imports/", Secretary, w => $"/api/imports?kind=Units&unitId={w.DecidingUnit}", Forbidden, _ => "file");
        yield return R("POST", "/api/imports/", Province, w => $"/api/imports?kind=Units&unitId={w.DecidingUnit}", Forbidden, _ => "file");
        yield return R("POST", "/api/imports/", Insider, w => $"/api/imports?kind=Units&unitId={w.DecidingUnit}", Forbidden, _ => "file");
        yield return R("GET", "/api/imports/{id:guid}", Standing, w => $"/api/imports/{w.Import}", NotFound);
        yield return R("GET", "/api/imports/{id:guid}", Province, w => $"/api/imports/{w.Import}", NotFound);
        yield return R("POST", "/api/imports/{id:guid}/start", Standing, w => $"/api/imports/{w.Import}/start", NotFound);
        yield return R("POST", "/api/imports/{id:guid}/start", Province, w => $"/api/imports/{w.Import}/start", Forbidden);
        yield return R("GET", "/api/records/{type}/{id:guid}", Standing, w => $"/api/records/GrassrootsOrganization/{w.Branch}", NotFound);
        yield return R("GET", "/api/records/{type}/{id:guid}", Member, w => $"/api/records/Member/{w.Member}", NotFound);
        yield return R("GET", "/api/records/{type}/{id:guid}", Insider, w => $"/api/records/GrassrootsOrganization/{w.Branch}", [200]);

        // ---- /api: inbox and notifications (each user's own tasks, views and bell) ----------------------------
        yield return R("GET", "/api/inbox", Board, _ => "/api/inbox", [200], check: Without(w => w.Task));
        yield return R("GET", "/api/inbox/views", Anonymous, _ => "/api/inbox/views", Unauthorized);
        yield return R("POST", "/api/inbox/views", Anonymous, _ => "/api/inbox/views", Unauthorized, _ => new { name = "x" });
        yield return R("DELETE", "/api/inbox/views/{id:guid}", Board, w => $"/api/inbox/views/{w.View}", NotFound);
        yield return R("GET", "/api/inbox/tasks/{id:guid}/form", Secretary, w => $"/api/inbox/tasks/{w.Task}/form", NotFound);
        yield return R("POST", "/api/inbox/tasks/{id:guid}/form", Secretary, w => $"/api/inbox/tasks/{w.Task}/form", NotFound, _ => new { values = new { } });
        yield return R("GET", "/api/inbox/tasks/{id:guid}/people", Secretary, w => $"/api/inbox/tasks/{w.Task}/people", NotFound);
        foreach (var action in new[] { "claim", "unclaim", "reassign", "delegate", "resolve", "comment" })
        {
            yield return R("POST", $"/api/inbox/tasks/{{id:guid}}/{action}", Secretary, w => $"/api/inbox/tasks/{w.Task}/{action}", NotFound, _ => new { user = Secretary, text = "x" });
        }

        yield return R("POST", "/api/inbox/bulk", Secretary, _ => "/api/inbox/bulk", [200], w => new { action = "claim", taskIds = new[] { w.Task } },
            (w, body) => body.Contains("\"ok\":true", StringComparison.Ordinal) ? "the bulk action succeeded on another subtree's task" : null);
        yield return R("GET", "/api/notifications", Anonymous, _ => "/api/notifications", Unauthorized);
        yield return R("POST", "/api/notifications/read", Secretary, w => $"/api/notifications/read?id={w.Notification}", [200, 204, 404]);
        yield return R("GET", "/api/me/email-preference", Anonymous, _ => "/api/me/email-preference", Unauthorized);
        yield return R("PUT", "/api/me/email-preference", Anonymous, _ => "/api/me/email-preference", Unauthorized, _ => new { preference = "None" });

        // ---- /api/meetings ----------------------------------------------------------------------------------
        yield return R("GET", "/api/meetings/periods", Anonymous, _ => "/api/meetings/periods", Unauthorized);
        yield return R("POST", "/api/meetings/periods", Standing, _ => "/api/meetings/periods", Forbidden, _ => new { year = 2031, month = 1 });
        yield return R("GET", "/api/meetings/periods/{id:guid}/scores", Secretary, w => $"/api/meetings/periods/{w.Period}/scores?take=500", [200], check: Without(w => w.Score));
        yield return R("PUT", "/api/meetings/scores/{id:guid}", Secretary, w => $"/api/meetings/scores/{w.Score}", NotFound, _ => new { points = new { }, version = 0 });
        yield return R("POST", "/api/meetings/scores/{id:guid}/return", Standing, w => $"/api/meetings/scores/{w.Score}/return", NotFound, _ => new { reason = "x" });
        yield return R("POST", "/api/meetings/confirm", Standing, _ => "/api/meetings/confirm", [200, 400, 403, 404], w => new { ids = new[] { w.Score } },
            (w, body) => body.Contains("\"ok\":true", StringComparison.Ordinal) ? "confirmed another subtree's score" : null);
        yield return R("GET", "/api/meetings/statistics", Anonymous, _ => "/api/meetings/statistics?year=2031", Unauthorized);
        yield return R("GET", "/api/meetings/sheet", Anonymous, _ => "/api/meetings/sheet", Unauthorized);
        yield return R("POST", "/api/meetings/sheet", Standing, _ => "/api/meetings/sheet", Forbidden, _ => new { });

        // ---- /api/admin: Admin only (JSON 403) ----------------------------------------------------------------
        foreach (var (method, route, url) in new[]
        {
            ("GET", "/api/admin/processes", "/api/admin/processes"), ("POST", "/api/admin/processes", "/api/admin/processes"),
            ("GET", "/api/admin/processes/{key}", "/api/admin/processes/rating-subject"), ("PUT", "/api/admin/processes/{key}/draft", "/api/admin/processes/rating-subject/draft"),
            ("DELETE", "/api/admin/processes/{key}/draft", "/api/admin/processes/rating-subject/draft"), ("POST", "/api/admin/processes/validate", "/api/admin/processes/validate"),
            ("POST", "/api/admin/processes/{key}/publish", "/api/admin/processes/rating-subject/publish"), ("POST", "/api/admin/processes/import", "/api/admin/processes/import"),
            ("GET", "/api/admin/processes/{key}/versions", "/api/admin/processes/rating-subject/versions"),
            ("GET", "/api/admin/processes/{key}/versions/{version:int}", "/api/admin/processes/rating-subject/versions/1"),
            ("GET", "/api/admin/processes/{key}/versions/{version:int}/download", "/api/admin/processes/rating-subject/versions/1/download"),
            ("GET", "/api/admin/designer/catalog", "/api/admin/designer/catalog"), ("GET", "/api/admin/forms", "/api/admin/forms"),
            ("GET", "/api/admin/forms/{key}", "/api/admin/forms/x"), ("POST", "/api/admin/forms/{key}", "/api/admin/forms/x"),
            ("GET", "/api/admin/process-definitions/{id}", "/api/admin/process-definitions/x"), ("GET", "/api/admin/process-definitions/{id}/statistics", "/api/admin/process-definitions/x/statistics"),
            ("GET", "/api/admin/instances", "/api/admin/instances"), ("GET", "/api/admin/outbox", "/api/admin/outbox"),
            ("GET", "/api/admin/certificate-template/", "/api/admin/certificate-template"), ("GET", "/api/admin/certificate-template/default", "/api/admin/certificate-template/default"),
            ("POST", "/api/admin/certificate-template/", "/api/admin/certificate-template"), ("POST", "/api/admin/certificate-template/preview", "/api/admin/certificate-template/preview"),
            ("POST", "/api/admin/reminders/scan", "/api/admin/reminders/scan"),
        })
        {
            yield return R(method, route, Standing, _ => url, Forbidden, _ => new { });
        }

        yield return R("GET", "/api/admin/instances/{id:guid}", Standing, w => $"/api/admin/instances/{w.Instance}", Forbidden);
        yield return R("POST", "/api/admin/instances/{id:guid}/cancel", Standing, w => $"/api/admin/instances/{w.Instance}/cancel", Forbidden, _ => new { reason = "x" });
        yield return R("PUT", "/api/admin/instances/{id:guid}/variables/{name}", Standing, w => $"/api/admin/instances/{w.Instance}/variables/decidingUnitId", Forbidden, _ => new { value = "x" });
        yield return R("POST", "/api/admin/incidents/{id:guid}/retry", Standing, w => $"/api/admin/incidents/{w.Instance}/retry", Forbidden, _ => new { });
        yield return R("POST", "/api/admin/outbox/{id:guid}/retry", Standing, w => $"/api/admin/outbox/{w.Instance}/retry", Forbidden, _ => new { });

        // ---- /engine-rest: Admin-only groups, tasks by audience, workers --------------------------------------
        yield return R("GET", "/engine-rest/version", Anonymous, _ => "/engine-rest/version", Unauthorized);
        yield return R("GET", "/engine-rest/engine", Anonymous, _ => "/engine-rest/engine", Unauthorized);
        foreach (var (method, route, url) in new (string, string, Func<World, string>)[]
        {
            ("POST", "/engine-rest/deployment/create", _ => "/engine-rest/deployment/create"), ("GET", "/engine-rest/deployment/", _ => "/engine-rest/deployment"),
            ("GET", "/engine-rest/deployment/count", _ => "/engine-rest/deployment/count"), ("GET", "/engine-rest/deployment/{id}", w => $"/engine-rest/deployment/{w.Deployment}"),
            ("DELETE", "/engine-rest/deployment/{id}", w => $"/engine-rest/deployment/{w.Deployment}"),
            ("GET", "/engine-rest/process-definition/", _ => "/engine-rest/process-definition"), ("GET", "/engine-rest/process-definition/count", _ => "/engine-rest/process-definition/count"),
            ("GET", "/engine-rest/process-definition/{id}", w => $"/engine-rest/process-definition/{w.DefinitionId}"),
            ("GET", "/engine-rest/process-definition/{id}/xml", w => $"/engine-rest/process-definition/{w.DefinitionId}/xml"),
            ("GET", "/engine-rest/process-definition/{id}/statistics", w => $"/engine-rest/process-definition/{w.DefinitionId}/statistics"),
            ("GET", "/engine-rest/process-definition/key/{key}", _ => "/engine-rest/process-definition/key/rating-subject"),
            ("GET", "/engine-rest/process-definition/key/{key}/xml", _ => "/engine-rest/process-definition/key/rating-subject/xml"),
            ("POST", "/engine-rest/process-definition/{id}/start", w => $"/engine-rest/process-definition/{w.DefinitionId}/start"),
            ("POST", "/engine-rest/process-definition/key/{key}/start", _ => "/engine-rest/process-definition/key/rating-subject/start"),
            ("GET", "/engine-rest/process-instance/", _ => "/engine-rest/process-instance"), ("GET", "/engine-rest/process-instance/count", _ => "/engine-rest/process-instance/count"),
            ("GET", "/engine-rest/process-instance/{id:guid}", w => $"/engine-rest/process-instance/{w.Instance}"),
            ("DELETE", "/engine-rest/process-instance/{id:guid}", w => $"/engine-rest/process-instance/{w.Instance}"),
            ("GET", "/engine-rest/process-instance/{id:guid}/variables", w => $"/engine-rest/process-instance/{w.Instance}/variables"),
            ("POST", "/engine-rest/process-instance/{id:guid}/variables", w => $"/engine-rest/process-instance/{w.Instance}/variables"),
            ("GET", "/engine-rest/process-instance/{id:guid}/activity-instances", w => $"/engine-rest/process-instance/{w.Instance}/activity-instances"),
            ("GET", "/engine-rest/incident", _ => "/engine-rest/incident"),
            ("GET", "/engine-rest/history/process-instance", _ => "/engine-rest/history/process-instance"),
            ("GET", "/engine-rest/history/activity-instance", w => $"/engine-rest/history/activity-instance?processInstanceId={w.Instance}"),
            ("GET", "/engine-rest/history/task", w => $"/engine-rest/history/task?processInstanceId={w.Instance}"),
            ("GET", "/engine-rest/history/process-instance/{id}", w => $"/engine-rest/history/process-instance/{w.Instance}"),
            ("GET", "/engine-rest/history/variable-instance", w => $"/engine-rest/history/variable-instance?processInstanceId={w.Instance}"),
            ("GET", "/engine-rest/history/incident", w => $"/engine-rest/history/incident?processInstanceId={w.Instance}"),
            ("POST", "/engine-rest/message", _ => "/engine-rest/message"),
            ("POST", "/engine-rest/external-task/fetchAndLock", _ => "/engine-rest/external-task/fetchAndLock"),
            ("GET", "/engine-rest/external-task/", _ => "/engine-rest/external-task"),
            ("GET", "/engine-rest/external-task/{id:guid}", w => $"/engine-rest/external-task/{w.Instance}"),
            ("POST", "/engine-rest/external-task/{id:guid}/complete", w => $"/engine-rest/external-task/{w.Instance}/complete"),
            ("POST", "/engine-rest/external-task/{id:guid}/failure", w => $"/engine-rest/external-task/{w.Instance}/failure"),
            ("POST", "/engine-rest/external-task/{id:guid}/bpmnError", w => $"/engine-rest/external-task/{w.Instance}/bpmnError"),
            ("POST", "/engine-rest/external-task/{id:guid}/extendLock", w => $"/engine-rest/external-task/{w.Instance}/extendLock"),
            ("POST", "/engine-rest/external-task/{id:guid}/unlock", w => $"/engine-rest/external-task/{w.Instance}/unlock"),
            ("PUT", "/engine-rest/external-task/{id:guid}/retries", w => $"/engine-rest/external-task/{w.Instance}/retries"),
        })
        {
            yield return R(method, route, Standing, url, Forbidden, _ => new { });
        }

        yield return R("GET", "/engine-rest/task/", Standing, w => $"/engine-rest/task?processInstanceId={w.Instance}", [200], check: Without(w => w.Task));
        yield return R("GET", "/engine-rest/task/count", Standing, w => $"/engine-rest/task/count?processInstanceId={w.Instance}", [200],
            check: (_, body) => body.Contains("\"count\":0", StringComparison.Ordinal) ? null : "counts another subtree's task");
        foreach (var (method, route, suffix) in new[]
        {
            ("GET", "/engine-rest/task/{id:guid}", ""), ("GET", "/engine-rest/task/{id:guid}/form", "/form"), ("GET", "/engine-rest/task/{id:guid}/form-variables", "/form-variables"),
            ("GET", "/engine-rest/task/{id:guid}/variables", "/variables"), ("GET", "/engine-rest/task/{id:guid}/variables/{name}", "/variables/decidingUnitId"),
            ("GET", "/engine-rest/task/{id:guid}/localVariables", "/localVariables"), ("GET", "/engine-rest/task/{id:guid}/localVariables/{name}", "/localVariables/x"),
            ("POST", "/engine-rest/task/{id:guid}/variables", "/variables"), ("PUT", "/engine-rest/task/{id:guid}/variables/{name}", "/variables/decidingUnitId"),
            ("DELETE", "/engine-rest/task/{id:guid}/variables/{name}", "/variables/decidingUnitId"), ("POST", "/engine-rest/task/{id:guid}/localVariables", "/localVariables"),
            ("PUT", "/engine-rest/task/{id:guid}/localVariables/{name}", "/localVariables/x"), ("DELETE", "/engine-rest/task/{id:guid}/localVariables/{name}", "/localVariables/x"),
            ("POST", "/engine-rest/task/{id:guid}/claim", "/claim"), ("POST", "/engine-rest/task/{id:guid}/unclaim", "/unclaim"),
            ("POST", "/engine-rest/task/{id:guid}/assignee", "/assignee"), ("POST", "/engine-rest/task/{id:guid}/delegate", "/delegate"),
            ("POST", "/engine-rest/task/{id:guid}/resolve", "/resolve"), ("POST", "/engine-rest/task/{id:guid}/complete", "/complete"),
        })
        {
            // A task another subtree holds does not exist for the caller: 404 for reading and writing alike.
            yield return R(method, route, Secretary, w => $"/engine-rest/task/{w.Task}{suffix}", NotFound,
                _ => method == "PUT" ? new { value = "x", type = "String" } : new { userId = Secretary });
        }

        // ---- the rest of the host ------------------------------------------------------------------------------
        yield return R("*", "/hubs/inbox/negotiate", Anonymous, _ => "/hubs/inbox/negotiate?negotiateVersion=1", Unauthorized);
        yield return R("*", "/hubs/inbox", Anonymous, _ => "/hubs/inbox", Unauthorized);
        yield return R("*", "/hangfire/{**path}", Standing, _ => "/hangfire", [401, 403]);
        // Any other path under /engine-rest: Camunda's JSON 404 for a signed-in caller, 401 without credentials.
        yield return R("*", "/engine-rest/{**rest}", Anonymous, _ => "/engine-rest/no-such-thing", Unauthorized);
        yield return R("*", "/engine-rest/{**rest}", Standing, _ => "/engine-rest/no-such-thing", NotFound);
        yield return R("GET", "/openapi/{documentName}.json", Anonymous, _ => "/openapi/api.json", [302, 401]);

        // Pages showing one record: 404 outside the subtree, as the API.
        yield return R("GET", "page", Standing, w => $"/Files/{w.File}", NotFound);
        // The submission check answers nothing about a file of another subtree (its JSON says 404, as the page would).
        yield return R("POST", "page", Standing, w => $"/Files/{w.File}?handler=Check", NotFound, _ => new Dictionary<string, string> { ["Version"] = "0" });
        yield return R("GET", "page", Standing, w => $"/Decisions/{w.Decision}", NotFound);
        yield return R("POST", "page", Standing, w => $"/Decisions/{w.Decision}?handler=Revoke", NotFound, w => new Dictionary<string, string> { ["certificateId"] = w.Certificate.ToString(), ["reason"] = "x" });
        yield return R("POST", "page", Province, w => $"/Decisions/{w.Decision}?handler=Revoke", Forbidden, w => new Dictionary<string, string> { ["certificateId"] = w.Certificate.ToString(), ["reason"] = "x" });
        yield return R("GET", "page", Standing, w => $"/Rounds/Details/{w.Round}", NotFound);
        yield return R("GET", "page", Standing, w => $"/Units/Details/{w.Branch}", NotFound);
        yield return R("GET", "page", Standing, w => $"/Members/Details/{w.Member}", NotFound);
        yield return R("GET", "page", Standing, w => $"/Awards/{w.AwardRound}", NotFound);
        yield return R("GET", "page", Standing, w => $"/Awards/Decisions/{w.AwardDecision}", NotFound);
        yield return R("POST", "page", Province, w => $"/Awards/Decisions/{w.AwardDecision}?handler=Revoke", Forbidden,
            w => new Dictionary<string, string> { ["certificateId"] = w.AwardCertificate.ToString(), ["reason"] = "x" });
        yield return R("GET", "page", Standing, w => $"/Awards/Proposals/{w.Proposal}", NotFound);
        yield return R("GET", "page", Standing, w => $"/Record/GrassrootsOrganization/{w.Branch}", NotFound);
        yield return R("GET", "page", Standing, _ => "/Admin/AwardKinds", Forbidden);
        yield return R("GET", "page", Standing, w => $"/Awards/Titles/{w.TitleRound}", NotFound);
        yield return R("GET", "page", Standing, w => $"/Reports/Targets?unit={w.DecidingUnit}&year=2024", NotFound);
        yield return R("GET", "page", Standing, w => $"/Reports/Year?unit={w.DecidingUnit}&year=2024", NotFound);
        yield return R("GET", "page", Insider, w => $"/Reports/Year?unit={w.DecidingUnit}&year=2024", Forbidden);
        yield return R("GET", "page", Standing, w => $"/Reports/Document?unit={w.DecidingUnit}&year=2024", NotFound);
        yield return R("GET", "page", Member, _ => "/Imports", Forbidden);
        yield return R("GET", "page", Standing, w => $"/Imports?job={w.Import}", NotFound);
    }

    [Fact]
    public async Task Every_caller_outside_a_subtree_or_without_the_right_gets_its_refusal()
    {
        var world = await BuildWorldAsync();
        var sessions = new Dictionary<string, WebSession?> { [Anonymous] = new WebSession(host.Factory) };
        var failures = new List<string>();
        foreach (var row in Rows())
        {
            var session = await SessionAsync(sessions, row.Caller, world);
            var url = row.Url(world);
            using var response = await SendAsync(session, row, world, url);
            var body = await response.Content.ReadAsStringAsync();
            if (!row.Expected.Contains((int)response.StatusCode))
            {
                failures.Add($"{row.Method} {url} as {row.Caller}: {(int)response.StatusCode}, expected {string.Join(" or ", row.Expected)}. {body[..Math.Min(200, body.Length)]}");
            }
            else if (row.Check?.Invoke(world, body) is { } problem)
            {
                failures.Add($"{row.Method} {url} as {row.Caller}: {problem}");
            }
        }

        foreach (var session in sessions.Values)
        {
            session?.Dispose();
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Rows().Count()} rows failed:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void Every_endpoint_has_rows_in_the_suite()
    {
        var endpoints = host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct().ToList();
        var covered = Rows().Select(r => $"{r.Method} {r.Route}").ToHashSet();
        var missing = endpoints.Where(e => !covered.Contains(e) && !Public.ContainsKey(e)).Order().ToList();
        Assert.True(missing.Count == 0, "Endpoints without rows in the authorization suite (add them to Rows()):\n" + string.Join("\n", missing));
    }

    private async Task<WebSession?> SessionAsync(Dictionary<string, WebSession?> sessions, string caller, World world)
    {
        if (!sessions.TryGetValue(caller, out var session))
        {
            session = caller switch
            {
                Insider => await SignInAsync(world.InsiderName),
                Province => await SignInAsync(world.ProvinceName),
                _ => await host.SignInAsync(caller),
            };
            sessions[caller] = session;
        }

        return session;
    }

    private Task<WebSession> SignInAsync(string userName) => WebSession.SignedInAsync(host.Factory, userName, RatingScenario.Password);

    private static async Task<HttpResponseMessage> SendAsync(WebSession? session, Row row, World world, string url)
    {
        var method = row.Method is "*" or "page" ? (row.Body is null ? "GET" : "POST") : row.Method;
        var body = row.Body?.Invoke(world);
        if (body is Dictionary<string, string> form)
        {
            return await session!.PostFormAsync("/Account/ChangePassword", form, url);
        }

        if (body is "file")
        {
            return await session!.PostFileAsync(url, "a.pdf", "%PDF-1.4\n%%EOF"u8.ToArray());
        }

        return method switch
        {
            "GET" => await session!.GetAsync(url),
            "DELETE" => await session!.DeleteAsync(url),
            _ => await session!.SendJsonAsync(new HttpMethod(method), url, body),
        };
    }

    // ---- the world -----------------------------------------------------------------------------------------------

    private async Task<World> BuildWorldAsync()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(1, membersEach: 1);
        var branch = scenario.Grassroots[0];
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        using var admin = await host.SignInAsync("admin");
        using var insider = await scenario.UserAsync(Roles.Member, branch, "dv-trong", memberId: scenario.Members[0]);
        using var province = await scenario.UserAsync(Roles.StandingCommittee, scenario.ParentUnitId, "btv-tinh");

        // A decided file with its certificate.
        var round = await scenario.OpenRoundAsync(standing, 2023, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var file = (await RatingScenario.FilesAsync(admin, round)).Single().GetProperty("id").GetGuid();
        await RatingScenario.DriveToProposalAsync(admin, admin, admin, file, RatingLevel.Excellent);
        var decision = (await RatingScenario.Ok(standing.PostJsonAsync("/api/decisions", new
        {
            roundId = round, decidingUnitId = scenario.DecidingUnitId, subjectType = "GrassrootsOrganization", number = "70-QĐ/ĐU", decidedOn = "2024-01-10",
            signerName = "Trần Văn A", signerTitle = "Bí thư", acceptProposals = true,
        }))).GetProperty("id").GetGuid();
        var issued = await Eventually.ValueAsync(() => standing.GetJsonAsync($"/api/decisions/{decision}/certificates"), l => l.GetProperty("issued").GetBoolean());
        var certificate = issued.GetProperty("issued").GetBoolean() ? issued.GetProperty("items")[0].GetProperty("id").GetGuid() : Guid.Empty;

        // An open member file at its first step, with evidence.
        var memberRound = await scenario.OpenRoundAsync(standing, 2023, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.Member);
        var memberFile = (await RatingScenario.FilesAsync(admin, memberRound)).Single().GetProperty("id").GetGuid();
        var evidence = (await RatingScenario.Ok(admin.PostFileAsync($"/api/files/{memberFile}/evidence", "bien-ban.pdf", "%PDF-1.4\n%%EOF"u8.ToArray()))).GetProperty("id").GetGuid();
        var (task, instance, definition, deployment) = await host.Factory.InScopeAsync(async (_, db) =>
        {
            var t = await (from f in db.Files join x in db.WfTasks on f.InstanceId equals x.InstanceId where f.Id == memberFile select x).SingleAsync();
            var d = await db.WfDefinitions.SingleAsync(x => x.Id == t.DefinitionId);
            return (t.Id, t.InstanceId, d.Id, d.DeploymentId);
        });

        var view = Guid.Parse((await RatingScenario.Ok(board.PostJsonAsync("/api/inbox/views", new { name = "Của tôi", query = "due=overdue" }))).GetProperty("key").GetString()!);
        var period = (await RatingScenario.Ok(admin.PostJsonAsync("/api/meetings/periods", new { year = 2031, month = 3 }))).GetProperty("id").GetGuid();
        var score = await host.Factory.InScopeAsync((_, db) => db.MeetingScores.Where(s => s.PeriodId == period && s.UnitId == branch).Select(s => s.Id).SingleAsync());
        var notification = await host.Factory.InScopeAsync(async (sp, db) =>
        {
            var notifier = sp.GetRequiredService<Workflow.Web.Notifications.Notifier>();
            notifier.Add(board.UserName, Workflow.Web.Notifications.NotificationKind.Returned, "Thử", "/Inbox");
            await db.SaveChangesAsync();
            return await db.Notifications.Where(n => n.UserName == board.UserName).Select(n => n.Id).FirstAsync();
        });

        var (awardRound, awardDecision, awardCertificate, proposal) = await AwardWorldAsync(scenario, standing, board, branch);
        var titleRound = await TitleWorldAsync(scenario);
        var target = (await RatingScenario.Ok(standing.PostJsonAsync("/api/targets", new { unitId = scenario.DecidingUnitId, metric = "MembersExcellent", value = 15, fromYear = 2024 })))
            .GetProperty("id").GetGuid();
        return new World(scenario.DecidingUnitId, branch, scenario.Members[0], round, memberRound, file, memberFile, task, evidence, decision, certificate,
            instance, definition, deployment, view, period, score, notification)
        {
            RuleSet = await scenario.RuleSetAsync("124-QĐ/TW"),
            InsiderName = insider.UserName,
            ProvinceName = province.UserName,
            AwardRound = awardRound,
            AwardDecision = awardDecision,
            AwardCertificate = awardCertificate,
            Proposal = proposal,
            TitleRound = titleRound,
            Target = target,
            Import = (await Imports.Workbooks.CheckAsync(standing, "Units", scenario.DecidingUnitId, "don-vi.csv",
                Imports.Workbooks.Csv(',', ["Tên đơn vị", "Loại"], [["Chi bộ Mới", "Chi bộ trực thuộc"]]))).GetProperty("id").GetGuid(),
        };
    }

    /// <summary>The committee's 2023 award round, decided: the branch (HTXSNV five years running) gets a Giấy khen and is proposed for the Bằng khen.</summary>
    private async Task<(Guid Round, Guid Decision, Guid Certificate, Guid Proposal)> AwardWorldAsync(RatingScenario scenario, WebSession standing, WebSession board, Guid branch)
    {
        await host.Factory.InScopeAsync(async (_, db) =>
        {
            var row = await Eventually.ValueAsync(() => db.YearRatings.FirstOrDefaultAsync(y => y.SubjectId == branch && y.Year == 2023), r => r is not null);
            for (var year = 2019; year < 2023; year++)
            {
                db.YearRatings.Add(new YearRating
                {
                    SubjectType = SubjectType.GrassrootsOrganization, SubjectId = branch, SubjectName = row!.SubjectName, UnitId = branch, UnitPath = row.UnitPath, Year = year,
                    Level = RatingLevel.Excellent, Imported = true, RecordedAtUtc = DateTime.UtcNow,
                });
            }

            await db.SaveChangesAsync();
        });
        var round = await RatingScenario.Ok(standing.PostJsonAsync("/api/award-rounds", new { issuerUnitId = scenario.DecidingUnitId, year = 2023 }));
        var id = round.GetProperty("id").GetGuid();
        round = await RatingScenario.Ok(board.PostJsonAsync($"/api/award-rounds/{id}/proposal", new { version = round.GetProperty("version").GetInt32(), submit = true }));
        var five = (await board.GetJsonAsync($"/api/award-rounds/{id}/candidates?kind=GK-HTXSNV-5N")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var merit = (await board.GetJsonAsync($"/api/award-rounds/{id}/candidates?kind=BK-TU")).GetProperty("items")[0].GetProperty("id").GetGuid();
        round = await RatingScenario.Ok(standing.PostJsonAsync($"/api/award-rounds/{id}/decision", new
        {
            version = round.GetProperty("version").GetInt32(), action = "decide", number = "71-QĐ/ĐU", decidedOn = "2024-01-20", signerName = "Trần Văn A", signerTitle = "Bí thư",
            selected = new[] { five, merit },
        }));
        var decision = round.GetProperty("decisionId").GetGuid();
        var issued = await Eventually.ValueAsync(() => standing.GetJsonAsync($"/api/award-decisions/{decision}"), d => d.GetProperty("issued").GetBoolean());
        var certificate = issued.GetProperty("items")[0].GetProperty("certificate").GetProperty("id").GetGuid();
        var proposal = await host.Factory.InScopeAsync((_, db) => db.AwardProposals.Where(p => p.FromRoundId == id).Select(p => p.Id).SingleAsync());
        return (id, decision, certificate, proposal);
    }

    /// <summary>The committee's 2023 list of emulation titles, opened by its council.</summary>
    private static async Task<Guid> TitleWorldAsync(RatingScenario scenario)
    {
        using var council = await scenario.UserAsync(Roles.EmulationCouncil, scenario.DecidingUnitId, "hdtd");
        return (await RatingScenario.Ok(council.PostJsonAsync("/api/title-rounds", new { unitId = scenario.DecidingUnitId, year = 2023 }))).GetProperty("id").GetGuid();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAuthorizationSuiteTests(SqliteHost host) : AuthorizationSuiteTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuthorizationSuiteTests(PostgresHost host) : AuthorizationSuiteTests(host);
