using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Web.Awards;
using Workflow.Web.Ratings;
using Workflow.Web.Tests.Ratings;

namespace Workflow.Web.Tests.Awards;

/// <summary>
/// The award round end to end over HTTP: the rating decision feeds the achievement record; the round computes this
/// year's HTXSNV and the five-year streaks from it; a secretary nominates for a movement; the board proposes (a reason
/// where it leaves a computed candidate out); the standing committee selects within the limits and issues the award
/// decision, whose certificates the workflow issues once, numbered per series; a Bằng khen goes up to the province,
/// is examined, returned once, decided there and numbered by the province; the record, the statistics sentences,
/// revocation and /verify follow.
/// </summary>
public abstract class AwardRoundTests(AppHost host)
{
    private const int Year = 2024;

    [Fact]
    public async Task A_committee_awards_within_its_limits_and_proposes_a_bang_khen_that_the_province_decides()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(10, membersEach: 1);
        using var admin = await host.SignInAsync("admin");
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
        using var otherSecretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[1]);
        using var provinceBoard = await scenario.UserAsync(Roles.OrganizationBoard, scenario.ParentUnitId);
        using var provinceStanding = await scenario.UserAsync(Roles.StandingCommittee, scenario.ParentUnitId);

        // This year's rating decision: five organizations HTXSNV, five HTTNV.
        var ruleSet = await scenario.RuleSetCopyAsync("124-QĐ/TW", basis => basis with { Quota = basis.Quota with { Percent = 50 } }, "Quy định thử, tỷ lệ 50%");
        var roundId = await scenario.OpenRoundAsync(standing, Year, ruleSet, scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var files = (await RatingScenario.FilesAsync(admin, roundId)).OrderBy(f => f.GetProperty("subjectName").GetString(), StringComparer.Ordinal).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            await RatingScenario.DriveToProposalAsync(admin, admin, admin, files[i].GetProperty("id").GetGuid(), i < 5 ? RatingLevel.Excellent : RatingLevel.Good);
        }

        await RatingScenario.Ok(standing.PostJsonAsync("/api/decisions", new
        {
            roundId, decidingUnitId = scenario.DecidingUnitId, subjectType = "GrassrootsOrganization", number = "40-QĐ/ĐU", decidedOn = $"{Year + 1}-01-10",
            signerName = "Nguyễn Văn Bình", signerTitle = "Bí thư", acceptProposals = true,
        }));
        var units = files.Select(f => f.GetProperty("subjectUnitId").GetGuid()).ToList();

        // The decision reached the record; four earlier years (imported) make units 0 and 1 HTXSNV five years running.
        var recorded = await Eventually.ValueAsync(() => host.Factory.InScopeAsync((_, db) => db.YearRatings.CountAsync(y => y.Year == Year && units.Contains(y.SubjectId))),
            n => n == 10);
        Assert.Equal(10, recorded);
        await host.Factory.InScopeAsync(async (_, db) =>
        {
            var rows = await db.YearRatings.Where(y => y.Year == Year && units.Contains(y.SubjectId)).ToListAsync();
            for (var year = Year - 4; year < Year; year++)
            {
                foreach (var (row, i) in units.Select((u, i) => (rows.Single(r => r.SubjectId == u), i)))
                {
                    db.YearRatings.Add(new YearRating
                    {
                        SubjectType = SubjectType.GrassrootsOrganization, SubjectId = row.SubjectId, SubjectName = row.SubjectName, UnitId = row.UnitId, UnitPath = row.UnitPath,
                        Year = year, Level = i < 2 || (i == 2 && year != Year - 2) ? RatingLevel.Excellent : RatingLevel.Good, Imported = true,
                        DecisionNumber = "sổ sách", RecordedAtUtc = DateTime.UtcNow,
                    });
                }
            }

            await db.SaveChangesAsync();
        });

        // Opening: only the committee's standing committee or board; candidates computed from the record.
        await RatingScenario.Refused(secretary.PostJsonAsync("/api/award-rounds", new { issuerUnitId = scenario.DecidingUnitId, year = Year }), HttpStatusCode.Forbidden);
        var round = await RatingScenario.Ok(standing.PostJsonAsync("/api/award-rounds", new { issuerUnitId = scenario.DecidingUnitId, year = Year }));
        var id = round.GetProperty("id").GetGuid();
        await RatingScenario.Refused(board.PostJsonAsync("/api/award-rounds", new { issuerUnitId = scenario.DecidingUnitId, year = Year }), HttpStatusCode.Conflict);
        var view = await board.GetJsonAsync($"/api/award-rounds/{id}");
        Assert.Equal("awardProposal", view.GetProperty("openStep").GetString());
        JsonElement Group(JsonElement v, string kind, string group) =>
            v.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("kind").GetString() == kind && g.GetProperty("group").GetString() == group);
        Assert.Equal(5, Group(view, ShippedAwardKinds.Exemplary, "collectives").GetProperty("candidates").GetInt32());
        Assert.Equal(1, Group(view, ShippedAwardKinds.Exemplary, "collectives").GetProperty("max").GetInt32()); // 20% of 5
        Assert.Equal(2, Group(view, ShippedAwardKinds.FiveYears, "collectives").GetProperty("candidates").GetInt32());
        Assert.Equal(2, Group(view, ShippedAwardKinds.ProvinceMerit, "collectives").GetProperty("candidates").GetInt32());
        var fiveYears = (await board.GetJsonAsync($"/api/award-rounds/{id}/candidates?kind={ShippedAwardKinds.FiveYears}&group=collectives")).GetProperty("items")
            .EnumerateArray().ToList();
        Assert.Equal(units.Take(2).Order(), fiveYears.Select(c => c.GetProperty("subjectId").GetGuid()).Order());

        // A secretary nominates their own branch and member for a movement, not another branch.
        var memberOfFirst = scenario.Members[scenario.Grassroots.IndexOf(units[0])];
        await RatingScenario.Refused(otherSecretary.PostJsonAsync($"/api/award-rounds/{id}/nominations",
            new { kindCode = ShippedAwardKinds.SkilledMobilization, unitId = units[0], achievement = "Vận động nhân dân hiến đất làm đường." }), HttpStatusCode.NotFound);
        var bad = await RatingScenario.Refused(secretary.PostJsonAsync($"/api/award-rounds/{id}/nominations",
            new { kindCode = ShippedAwardKinds.SkilledMobilization, unitId = units[0], achievement = " " }), HttpStatusCode.BadRequest);
        Assert.Contains("achievement", bad.GetRawText(), StringComparison.Ordinal);
        var nominated = await RatingScenario.Ok(secretary.PostJsonAsync($"/api/award-rounds/{id}/nominations",
            new { kindCode = ShippedAwardKinds.SkilledMobilization, unitId = units[0], achievement = "Vận động nhân dân hiến đất làm đường." }));
        var nominatedMember = await RatingScenario.Ok(secretary.PostJsonAsync($"/api/award-rounds/{id}/nominations",
            new { kindCode = ShippedAwardKinds.SkilledMobilization, memberId = memberOfFirst, achievement = "Gương điển hình “Dân vận khéo” ở khu dân cư." }));
        Assert.False(nominated.GetProperty("proposed").GetBoolean());

        // The board: leaving a computed candidate out needs a reason; only the board's step may be completed by it.
        var version = round.GetProperty("version").GetInt32();
        var exemplary = (await board.GetJsonAsync($"/api/award-rounds/{id}/candidates?kind={ShippedAwardKinds.Exemplary}&group=collectives")).GetProperty("items")
            .EnumerateArray().ToList();
        var leftOut = exemplary.Single(c => c.GetProperty("subjectId").GetGuid() == units[4]).GetProperty("id").GetGuid();
        await RatingScenario.Refused(standing.PostJsonAsync($"/api/award-rounds/{id}/proposal", new { version, submit = true }), HttpStatusCode.Forbidden);
        var noReason = await RatingScenario.Refused(board.PostJsonAsync($"/api/award-rounds/{id}/proposal",
            new { version, submit = true, choices = new[] { new { candidateId = leftOut, proposed = false, reason = "" } } }), HttpStatusCode.BadRequest);
        Assert.Contains($"choices.{leftOut}", noReason.GetRawText(), StringComparison.Ordinal);
        round = await RatingScenario.Ok(board.PostJsonAsync($"/api/award-rounds/{id}/proposal", new
        {
            version, submit = true,
            choices = new object[]
            {
                new { candidateId = leftOut, proposed = false, reason = "Đơn vị có đảng viên bị kỷ luật trong năm." },
                new { candidateId = nominated.GetProperty("id").GetGuid(), proposed = true, reason = (string?)null },
                new { candidateId = nominatedMember.GetProperty("id").GetGuid(), proposed = true, reason = (string?)null },
            },
        }));
        version = round.GetProperty("version").GetInt32();
        await RatingScenario.Refused(secretary.PostJsonAsync($"/api/award-rounds/{id}/nominations",
            new { kindCode = ShippedAwardKinds.GoodPeople, memberId = memberOfFirst, achievement = "Muộn." }), HttpStatusCode.Conflict);

        // The standing committee: over the limit is refused with the rule and the numbers; a candidate the board left out cannot be chosen.
        var decide = new Func<IEnumerable<Guid>, object>(selected => new
        {
            version, action = "decide", number = "41-QĐ/ĐU", decidedOn = $"{Year + 1}-01-20", signerName = "Nguyễn Văn Bình", signerTitle = "Bí thư", selected,
        });
        var two = exemplary.Where(c => c.GetProperty("subjectId").GetGuid() != units[4]).Take(2).Select(c => c.GetProperty("id").GetGuid()).ToList();
        var over = await RatingScenario.Refused(standing.PostJsonAsync($"/api/award-rounds/{id}/decision", decide(two)), HttpStatusCode.BadRequest);
        Assert.Contains("đã chọn 2, tối đa 1 (20% của 5 đối tượng đủ điều kiện)", over.GetRawText(), StringComparison.Ordinal);
        var notProposed = await RatingScenario.Refused(standing.PostJsonAsync($"/api/award-rounds/{id}/decision", decide([leftOut])), HttpStatusCode.BadRequest);
        Assert.Contains("chưa được Ban Tổ chức đề xuất", notProposed.GetRawText(), StringComparison.Ordinal);

        // Returned once with a reason, proposed again, then decided.
        await RatingScenario.Refused(standing.PostJsonAsync($"/api/award-rounds/{id}/decision", new { version, action = "return", reason = "" }), HttpStatusCode.BadRequest);
        round = await RatingScenario.Ok(standing.PostJsonAsync($"/api/award-rounds/{id}/decision", new { version, action = "return", reason = "Bổ sung thành tích phong trào." }));
        Assert.Equal("Proposing", round.GetProperty("status").GetString());
        round = await RatingScenario.Ok(board.PostJsonAsync($"/api/award-rounds/{id}/proposal", new { version = round.GetProperty("version").GetInt32(), submit = true }));
        version = round.GetProperty("version").GetInt32();
        var provinceLines = (await board.GetJsonAsync($"/api/award-rounds/{id}/candidates?kind={ShippedAwardKinds.ProvinceMerit}&group=collectives")).GetProperty("items")
            .EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        var chosen = two.Take(1).Concat(fiveYears.Select(c => c.GetProperty("id").GetGuid())).Concat(provinceLines)
            .Append(nominated.GetProperty("id").GetGuid()).Append(nominatedMember.GetProperty("id").GetGuid()).ToList();
        await RatingScenario.Refused(board.PostJsonAsync($"/api/award-rounds/{id}/decision", decide(chosen)), HttpStatusCode.Forbidden);
        round = await RatingScenario.Ok(standing.PostJsonAsync($"/api/award-rounds/{id}/decision", decide(chosen)));
        Assert.Equal("Decided", round.GetProperty("status").GetString());
        var decisionId = round.GetProperty("decisionId").GetGuid();

        // The workflow's service task issues one certificate per grant (1 + 2 + 2 = 5 Giấy khen), numbered in the GK series.
        var decision = await Eventually.ValueAsync(() => standing.GetJsonAsync($"/api/award-decisions/{decisionId}"), d => d.GetProperty("issued").GetBoolean());
        Assert.True(decision.GetProperty("issued").GetBoolean());
        var items = decision.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        Assert.All(items, i => Assert.EndsWith("/GK-ĐU", i.GetProperty("certificate").GetProperty("number").GetString(), StringComparison.Ordinal));
        // One GK series per issuer and year: the rating decision's five Giấy khen and these five, 1 to 10, none repeated or skipped.
        var serials = await Eventually.ValueAsync(() => host.Factory.InScopeAsync((_, db) => db.Certificates
            .Where(c => c.IssuerUnitId == scenario.DecidingUnitId && c.Year == Year + 1 && c.SerialKind == "GK").OrderBy(c => c.Serial).Select(c => c.Serial).ToListAsync()),
            s => s.Count == 10);
        Assert.Equal(Enumerable.Range(1, 10), serials);
        var again = await host.Factory.InScopeAsync(async (sp, db) =>
        {
            await db.AwardDecisions.Where(d => d.Id == decisionId).ExecuteUpdateAsync(u => u.SetProperty(d => d.CertificatesIssuedAtUtc, (DateTime?)null));
            return await sp.GetRequiredService<IssueAwardCertificates>().RunAsync(decisionId, CancellationToken.None);
        });
        Assert.Equal(0, again);

        // The statistics sentences, like the seeds'.
        var statistics = await standing.GetJsonAsync($"/api/award-rounds/{id}/statistics");
        var sentence = Assert.Single(statistics.GetProperty("sentences").EnumerateArray()).GetString();
        Assert.Equal($"Ban Thường vụ {round.GetProperty("issuerName").GetString()} tặng Giấy khen cho 2 tập thể đạt tiêu chuẩn “Hoàn thành xuất sắc nhiệm vụ” 5 năm liền, "
            + $"giai đoạn {Year - 4} – {Year}; 1 tập thể đạt tiêu chuẩn “Hoàn thành xuất sắc nhiệm vụ” tiêu biểu năm {Year}; 1 tập thể và 1 cá nhân có thành tích xuất sắc "
            + $"trong thực hiện Phong trào “Dân vận khéo” năm {Year}.", sentence);
        Assert.Equal("Đề nghị Tỉnh ủy Hải Dương xét, tặng Bằng khen cho 2 tập thể.", statistics.GetProperty("proposalSentence").GetString());

        // The document names the lists and the proposal; the .docx downloads.
        var page = await standing.GetStringAsync($"/Awards/Decisions/{decisionId}");
        Assert.Contains("41-QĐ/ĐU", page, StringComparison.Ordinal);
        Assert.Contains("Đề nghị Tỉnh ủy Hải Dương xét, tặng Bằng khen cho 2 tập thể.", page, StringComparison.Ordinal);
        var docx = await standing.GetAsync($"/Awards/Decisions/{decisionId}?handler=Docx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
        // The attached list as a workbook: one row per grant, Vietnamese headers.
        var list = Imports.Workbooks.Rows(await standing.GetByteArrayAsync($"/api/award-decisions/{decisionId}/list.xlsx"));
        Assert.Equal(5, list.Count);
        Assert.Equal(2, list.Count(r => (string)r["Hình thức khen thưởng"] == "Giấy khen hoàn thành xuất sắc nhiệm vụ 5 năm liền"));
        Assert.Single(list, r => (string)r["Tập thể / cá nhân"] == "Cá nhân");

        // The proposal reached the province: its board examines (the committee's board cannot), returns once to itself via the standing committee, decides.
        var proposal = (await provinceBoard.GetJsonAsync("/api/award-proposals")).EnumerateArray().Single(p => p.GetProperty("fromRoundId").GetGuid() == id);
        var proposalId = proposal.GetProperty("id").GetGuid();
        // It is a task in the province board's inbox, named after the proposing committee.
        var inbox = (await provinceBoard.GetJsonAsync("/api/inbox?take=200")).GetRawText();
        Assert.Contains($"Đề nghị khen thưởng năm {Year} của {round.GetProperty("issuerName").GetString()}", inbox, StringComparison.Ordinal);
        var dossier = await provinceBoard.GetJsonAsync($"/api/award-proposals/{proposalId}");
        var lines = dossier.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(5, l.GetProperty("ratings").GetArrayLength()));
        var pv = proposal.GetProperty("version").GetInt32();
        await RatingScenario.Refused(board.PostJsonAsync($"/api/award-proposals/{proposalId}/examination", new { version = pv, action = "forward" }), HttpStatusCode.Forbidden);
        var examined = await RatingScenario.Ok(provinceBoard.PostJsonAsync($"/api/award-proposals/{proposalId}/examination", new { version = pv, action = "forward" }));
        Assert.Equal("Deciding", examined.GetProperty("status").GetString());
        var sentBack = await RatingScenario.Ok(provinceStanding.PostJsonAsync($"/api/award-proposals/{proposalId}/decision",
            new { version = examined.GetProperty("version").GetInt32(), action = "return", reason = "Làm rõ thành tích năm thứ ba." }));
        Assert.Equal("Examining", sentBack.GetProperty("status").GetString());
        examined = await RatingScenario.Ok(provinceBoard.PostJsonAsync($"/api/award-proposals/{proposalId}/examination",
            new { version = sentBack.GetProperty("version").GetInt32(), action = "forward" }));
        // The Bằng khen gets its own certificate template (the existing editor, per kind): it starts from the shared one.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/certificate-template?kind=KHONG-CO")).StatusCode);
        var template = await admin.GetJsonAsync($"/api/admin/certificate-template?kind={ShippedAwardKinds.ProvinceMerit}");
        Assert.Equal(0, template.GetProperty("version").GetInt32());
        var layout = System.Text.Json.Nodes.JsonNode.Parse(template.GetProperty("layout").GetRawText())!.AsObject();
        layout["blocks"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = "Dòng riêng", ["text"] = "Mẫu riêng Bằng khen Tỉnh ủy", ["x"] = 421, ["y"] = 520, ["follow"] = false, ["size"] = 12, ["face"] = "Regular",
            ["color"] = "#212121", ["maxWidth"] = 700, ["align"] = "Center",
        });
        var saved = await RatingScenario.Ok(admin.PostRawJsonAsync($"/api/admin/certificate-template?kind={ShippedAwardKinds.ProvinceMerit}", layout.ToJsonString()));
        Assert.Equal(1, saved.GetProperty("version").GetInt32());

        var granted = await RatingScenario.Ok(provinceStanding.PostJsonAsync($"/api/award-proposals/{proposalId}/decision", new
        {
            version = examined.GetProperty("version").GetInt32(), action = "decide", number = $"9{Guid.NewGuid().ToString("N")[..4]}-QĐ/TU", decidedOn = $"{Year + 1}-02-01",
            signerName = "Trần Đức Thắng", signerTitle = "Bí thư Tỉnh ủy", selected = new[] { lines[0].GetProperty("line").GetProperty("id").GetGuid() },
        }));
        Assert.Equal("Decided", granted.GetProperty("status").GetString());
        var provinceDecisionId = granted.GetProperty("awardDecisionId").GetGuid();
        var provinceDecision = await Eventually.ValueAsync(() => provinceStanding.GetJsonAsync($"/api/award-decisions/{provinceDecisionId}"), d => d.GetProperty("issued").GetBoolean());
        var bangKhen = Assert.Single(provinceDecision.GetProperty("items").EnumerateArray()).GetProperty("certificate");
        Assert.Matches(@"^\d+/BK-TU$", bangKhen.GetProperty("number").GetString());
        Assert.Contains("Mẫu riêng Bằng khen Tỉnh ủy", await CertificateTests.PdfTextAsync(provinceStanding, bangKhen.GetProperty("id").GetGuid()), StringComparison.Ordinal);
        Assert.DoesNotContain("Mẫu riêng", await CertificateTests.PdfTextAsync(standing, items[0].GetProperty("certificate").GetProperty("id").GetGuid()), StringComparison.Ordinal);

        // The record of the subject that got the Bằng khen: five years of ratings, the Giấy khen and the Bằng khen, seen from both levels.
        var subject = lines[0].GetProperty("line").GetProperty("subjectId").GetGuid();
        foreach (var reader in new[] { standing, provinceStanding })
        {
            var record = await reader.GetJsonAsync($"/api/records/GrassrootsOrganization/{subject}");
            Assert.Equal(5, record.GetProperty("ratings").GetArrayLength());
            var titles = record.GetProperty("awards").EnumerateArray().Select(a => a.GetProperty("title").GetString()).ToList();
            Assert.Contains("BẰNG KHEN", titles);
            Assert.Contains("GIẤY KHEN", titles);
        }

        // Another branch's secretary cannot read it; revocation by the issuer's standing committee is kept with who and why, and /verify says so.
        await RatingScenario.Refused(otherSecretary.GetAsync($"/api/records/GrassrootsOrganization/{subject}"), HttpStatusCode.NotFound);
        var certificateId = bangKhen.GetProperty("id").GetGuid();
        await RatingScenario.Refused(standing.PostJsonAsync($"/api/certificates/{certificateId}/revoke", new { reason = "Không phải cấp cấp." }), HttpStatusCode.Forbidden);
        await RatingScenario.Ok(provinceStanding.PostJsonAsync($"/api/certificates/{certificateId}/revoke", new { reason = "Kê khai thành tích không trung thực." }));
        var revoked = (await standing.GetJsonAsync($"/api/records/GrassrootsOrganization/{subject}")).GetProperty("awards").EnumerateArray()
            .Single(a => a.GetProperty("title").GetString() == "BẰNG KHEN");
        Assert.Equal("Revoked", revoked.GetProperty("status").GetString());
        Assert.Equal("Kê khai thành tích không trung thực.", revoked.GetProperty("revokedReason").GetString());
        Assert.Equal("Người dùng thử StandingCommittee", revoked.GetProperty("revokedBy").GetString());
        using var anonymous = new WebSession(host.Factory);
        var verify = await anonymous.GetStringAsync($"/verify/{bangKhen.GetProperty("code").GetString()}");
        Assert.Contains("data-status=\"Revoked\"", verify, StringComparison.Ordinal);
        Assert.Contains("Kê khai thành tích không trung thực.", verify, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_emulation_council_lists_titles_from_the_ratings_and_its_head_decides_them_within_the_rules()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(3, membersEach: 4);
        using var council = await scenario.UserAsync(Roles.EmulationCouncil, scenario.DecidingUnitId, "hdtd");
        using var head = await scenario.UserAsync(Roles.EmulationCouncilHead, scenario.DecidingUnitId, "chutich");
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        const int year = 2027;
        // The year's ratings (as imported): every member HTTNV except the last of each branch (HTNV); every branch HTTNV.
        await host.Factory.InScopeAsync(async (_, db) =>
        {
            var members = await db.Members.Where(m => scenario.Members.Contains(m.Id)).Include(m => m.Unit).OrderBy(m => m.FullName).ToListAsync();
            foreach (var (m, i) in members.Select((m, i) => (m, i)))
            {
                db.YearRatings.Add(new YearRating
                {
                    SubjectType = SubjectType.Member, SubjectId = m.Id, SubjectName = m.FullName, UnitId = m.UnitId, UnitPath = m.Unit!.Path, Year = year,
                    Level = i % 4 == 3 ? RatingLevel.Complete : RatingLevel.Good, Imported = true, RecordedAtUtc = DateTime.UtcNow,
                });
            }

            foreach (var unit in await db.Units.Where(u => scenario.Grassroots.Contains(u.Id)).ToListAsync())
            {
                db.YearRatings.Add(new YearRating
                {
                    SubjectType = SubjectType.GrassrootsOrganization, SubjectId = unit.Id, SubjectName = unit.Name, UnitId = unit.Id, UnitPath = unit.Path, Year = year,
                    Level = RatingLevel.Good, Imported = true, RecordedAtUtc = DateTime.UtcNow,
                });
            }

            await db.SaveChangesAsync();
        });

        await RatingScenario.Refused(standing.PostJsonAsync("/api/title-rounds", new { unitId = scenario.DecidingUnitId, year }), HttpStatusCode.Forbidden);
        var round = await RatingScenario.Ok(council.PostJsonAsync("/api/title-rounds", new { unitId = scenario.DecidingUnitId, year }));
        var id = round.GetProperty("id").GetGuid();
        var view = await council.GetJsonAsync($"/api/title-rounds/{id}");
        Assert.Equal(9, view.GetProperty("counts").GetProperty("AdvancedWorker").GetInt32()); // 3 of 4 in each branch
        Assert.Equal(3, view.GetProperty("counts").GetProperty("AdvancedCollective").GetInt32());

        // Raise the first branch to TTLĐXS (3 of its 4 people LĐTT, 75%; the fourth HTNV still completed their tasks) and two of its people to
        // CSTĐCS: 15% of 9 LĐTT rounds to 1, so the second is refused with the numbers.
        var workers = (await council.GetJsonAsync($"/api/title-rounds/{id}/lines?title=AdvancedWorker")).GetProperty("items").EnumerateArray().ToList();
        var firstBranch = scenario.Grassroots[0];
        var firstBranchWorkers = workers.Where(w => w.GetProperty("unitId").GetGuid() == firstBranch).Select(w => w.GetProperty("subjectId").GetGuid()).ToList();
        round = await RatingScenario.Ok(council.SendJsonAsync(HttpMethod.Put, $"/api/title-rounds/{id}/lines", new
        {
            version = round.GetProperty("version").GetInt32(),
            changes = new object[]
            {
                new { title = "ExcellentCollective", subjectId = firstBranch, on = true },
                new { title = "EmulationFighter", subjectId = firstBranchWorkers[0], on = true },
                new { title = "EmulationFighter", subjectId = firstBranchWorkers[1], on = true },
            },
        }));
        var decide = new { version = round.GetProperty("version").GetInt32(), number = "15/QĐ-HĐTĐKT", decidedOn = $"{year}-12-30", signerName = "Nguyễn Đình Phúc", signerTitle = "Chủ tịch Hội đồng" };
        await RatingScenario.Refused(council.PostJsonAsync($"/api/title-rounds/{id}/decision", decide), HttpStatusCode.Forbidden);
        var refused = await RatingScenario.Refused(head.PostJsonAsync($"/api/title-rounds/{id}/decision", decide), HttpStatusCode.BadRequest);
        Assert.Contains("Chiến sĩ thi đua cơ sở: đề nghị 2, tối đa 1 (15% của 9 Lao động tiên tiến).", refused.GetRawText(), StringComparison.Ordinal);
        // 20% of 3 TTLĐTT rounds to 1: the TTLĐXS fits.
        Assert.DoesNotContain("Tập thể lao động xuất sắc: đề nghị", refused.GetRawText(), StringComparison.Ordinal);

        round = await RatingScenario.Ok(council.SendJsonAsync(HttpMethod.Put, $"/api/title-rounds/{id}/lines", new
        {
            version = round.GetProperty("version").GetInt32(), changes = new[] { new { title = "EmulationFighter", subjectId = firstBranchWorkers[1], on = false } },
        }));
        round = await RatingScenario.Ok(head.PostJsonAsync($"/api/title-rounds/{id}/decision", decide with { version = round.GetProperty("version").GetInt32() }));
        Assert.True(round.GetProperty("decided").GetBoolean());
        view = await head.GetJsonAsync($"/api/title-rounds/{id}");
        Assert.Equal("3 tập thể đạt danh hiệu “Tập thể lao động tiên tiến”, trong đó 1 tập thể đạt danh hiệu “Tập thể lao động xuất sắc”; 9 cá nhân đạt danh hiệu "
            + "“Lao động tiên tiến”; công nhận 1 chiến sĩ thi đua cấp cơ sở.", view.GetProperty("sentence").GetString());
        await RatingScenario.Refused(council.SendJsonAsync(HttpMethod.Put, $"/api/title-rounds/{id}/lines", new { version = round.GetProperty("version").GetInt32(), changes = Array.Empty<object>() }),
            HttpStatusCode.Conflict);

        // An award kind for a title held this year: its candidates are the recognized CSTĐCS.
        using var admin = await host.SignInAsync("admin");
        var code = "GK-CSTD" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        await RatingScenario.Refused(admin.PostJsonAsync("/api/admin/award-kinds", new
        {
            code, name = "Giấy khen Chiến sĩ thi đua cơ sở", title = "GIẤY KHEN", serialKind = "GK", eligibility = "TitleHeld", subjectTypes = new[] { "Member" },
            reason = "Đạt danh hiệu Chiến sĩ thi đua cơ sở năm {year}", active = true, sortOrder = 95,
        }), HttpStatusCode.BadRequest);
        await RatingScenario.Ok(admin.PostJsonAsync("/api/admin/award-kinds", new
        {
            code, name = "Giấy khen Chiến sĩ thi đua cơ sở", title = "GIẤY KHEN", serialKind = "GK", eligibility = "TitleHeld", heldTitle = "EmulationFighter",
            subjectTypes = new[] { "Member" }, reason = "Đạt danh hiệu Chiến sĩ thi đua cơ sở năm {year}", active = true, sortOrder = 95,
        }));
        var awardRound = await RatingScenario.Ok(standing.PostJsonAsync("/api/award-rounds", new { issuerUnitId = scenario.DecidingUnitId, year }));
        var fighterCandidates = (await standing.GetJsonAsync($"/api/award-rounds/{awardRound.GetProperty("id").GetGuid()}/candidates?kind={code}&group=individuals"))
            .GetProperty("items").EnumerateArray().Select(c => c.GetProperty("subjectId").GetGuid()).ToList();
        Assert.Equal([firstBranchWorkers[0]], fighterCandidates);
        // Leaving out the only candidate (with a reason) and sending is refused: nobody is proposed.
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        var only = (await standing.GetJsonAsync($"/api/award-rounds/{awardRound.GetProperty("id").GetGuid()}/candidates?kind={code}&group=individuals"))
            .GetProperty("items")[0].GetProperty("id").GetGuid();
        var nobody = await RatingScenario.Refused(board.PostJsonAsync($"/api/award-rounds/{awardRound.GetProperty("id").GetGuid()}/proposal", new
        {
            version = awardRound.GetProperty("version").GetInt32(), submit = true, choices = new[] { new { candidateId = only, proposed = false, reason = "Đã khen ở cấp khác." } },
        }), HttpStatusCode.BadRequest);
        Assert.Contains("Chưa đề xuất ai", nobody.GetRawText(), StringComparison.Ordinal);
        await RatingScenario.Ok(admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/award-kinds/{code}", new
        {
            name = "Giấy khen Chiến sĩ thi đua cơ sở", title = "GIẤY KHEN", serialKind = "GK", eligibility = "TitleHeld", heldTitle = "EmulationFighter",
            subjectTypes = new[] { "Member" }, reason = "Đạt danh hiệu Chiến sĩ thi đua cơ sở năm {year}", active = false, sortOrder = 95,
        })); // retired again, so other tests' rounds do not list it

        // The record shows the titles with the decision.
        var record = await standing.GetJsonAsync($"/api/records/Member/{firstBranchWorkers[0]}");
        var titles = record.GetProperty("titles").EnumerateArray().Select(t => t.GetProperty("title").GetString()).Order().ToList();
        Assert.Equal(["AdvancedWorker", "EmulationFighter"], titles);
        Assert.Equal("15/QĐ-HĐTĐKT", record.GetProperty("titles")[0].GetProperty("decisionNumber").GetString());
    }

    [Fact]
    public async Task Award_kinds_are_versioned_data_that_only_an_admin_changes_and_bad_kinds_are_refused_with_every_problem()
    {
        using var admin = await host.SignInAsync("admin");
        using var standing = await host.SignInAsync("btv.khoi");
        var kinds = await admin.GetJsonAsync("/api/award-kinds");
        Assert.Contains(kinds.EnumerateArray(), k => k.GetProperty("code").GetString() == ShippedAwardKinds.Exemplary);
        var code = "GK-T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var body = new
        {
            code, name = "Giấy khen phong trào thử", title = "Giấy khen", serialKind = "GK", issuer = "Committee", eligibility = "Nomination",
            subjectTypes = new[] { "GrassrootsOrganization", "Member" }, limitCount = 5, reason = "Có thành tích trong phong trào thử năm {year}", active = true, sortOrder = 90,
        };
        await RatingScenario.Refused(standing.PostJsonAsync("/api/admin/award-kinds", body), HttpStatusCode.Forbidden);
        var created = await RatingScenario.Ok(admin.PostJsonAsync("/api/admin/award-kinds", body));
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.Equal("GIẤY KHEN", created.GetProperty("title").GetString());
        await RatingScenario.Refused(admin.PostJsonAsync("/api/admin/award-kinds", body), HttpStatusCode.BadRequest);

        var changed = await RatingScenario.Ok(admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/award-kinds/{code}", body with { limitCount = 3 }));
        Assert.Equal(2, changed.GetProperty("version").GetInt32());
        var versions = (await admin.GetJsonAsync($"/api/award-kinds/{code}/versions")).EnumerateArray().ToList();
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal([true, false], versions.Select(v => v.GetProperty("isCurrent").GetBoolean()));

        var wrong = await RatingScenario.Refused(admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/award-kinds/{code}", new
        {
            name = "", title = "", serialKind = "g k", issuer = "Committee", eligibility = "ConsecutiveYears", years = 1, subjectTypes = Array.Empty<string>(),
            limitPercent = 150, reason = "Năm {nam}", active = true, withRatingDecision = true,
        }), HttpStatusCode.BadRequest);
        var fields = wrong.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToHashSet();
        foreach (var field in new[] { "name", "title", "serialKind", "level", "years", "subjectTypes", "limitPercent", "withRatingDecision", "reason" })
        {
            Assert.Contains(field, fields);
        }

        Assert.Equal(2, (await admin.GetJsonAsync($"/api/award-kinds/{code}/versions")).GetArrayLength());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAwardRoundTests(SqliteHost host) : AwardRoundTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAwardRoundTests(PostgresHost host) : AwardRoundTests(host);
