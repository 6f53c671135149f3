using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Web.Processes;
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
        var sentence = statistics.GetProperty("sentence").GetString();
        Assert.Equal("có 7/38 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, đạt tỷ lệ 18,42%; 26/38 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ, đạt tỷ lệ 68,42%; "
            + "5/38 tổ chức cơ sở đảng hoàn thành nhiệm vụ, chiếm tỷ lệ 13,16%; không có tổ chức cơ sở đảng không hoàn thành nhiệm vụ.", sentence);

        // The round's page lists its files in Vietnamese name order.
        var details = await standing.GetStringAsync($"/Rounds/Details/{roundId}");
        var listed = System.Text.RegularExpressions.Regex.Matches(details, @"<td><a href=""/Files/[0-9a-f-]+"">([^<]+)</a>")
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.True(listed.Count >= 38, $"{listed.Count} files listed");
        Assert.Equal(listed.OrderBy(Workflow.Web.Common.VietnameseOrder.Key, StringComparer.Ordinal), listed);

        var document = await standing.GetJsonAsync($"/api/decisions/{decision.GetProperty("id").GetGuid()}");
        Assert.Equal(38, document.GetProperty("items").GetArrayLength());
        Assert.Equal("HTXSNV", document.GetProperty("items")[0].GetProperty("level").GetString());

        // The Decision document: the printable page and the .docx say the same, in Vietnamese.
        var decisionId = decision.GetProperty("id").GetGuid();
        var page = await standing.GetStringAsync($"/Decisions/{decisionId}");
        Assert.Contains("QUYẾT ĐỊNH", page, StringComparison.Ordinal);
        Assert.Contains("Bình Giang, ngày 10 tháng 01 năm 2023", page, StringComparison.Ordinal);
        Assert.Contains("đạt tỷ lệ 18,42%", page, StringComparison.Ordinal);
        var docx = await standing.GetAsync($"/Decisions/{decisionId}?handler=Docx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Quyết định 125-QĐ-HU.docx", docx.Content.Headers.ContentDisposition?.FileNameStar);
        using var zip = new System.IO.Compression.ZipArchive(await docx.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = await reader.ReadToEndAsync();
        Assert.Contains("Số 125-QĐ/HU", xml, StringComparison.Ordinal);
        Assert.Contains("Hoàn thành xuất sắc nhiệm vụ", xml, StringComparison.Ordinal);
        Assert.Contains(files[0].GetProperty("subjectName").GetString()!, xml, StringComparison.Ordinal);

        // The pages a user works with answer for the people concerned.
        Assert.Contains("125-QĐ/HU", await standing.GetStringAsync($"/Rounds/Board?roundId={roundId}&decidingUnitId={hubg}&type=GrassrootsOrganization"), StringComparison.Ordinal);
        Assert.Contains("7/38 tổ chức cơ sở đảng", await standing.GetStringAsync($"/Rounds/Details/{roundId}"), StringComparison.Ordinal);
        using var otherSecretary = await host.SignInAsync("bithu.sct");
        Assert.Equal(HttpStatusCode.NotFound, (await otherSecretary.GetAsync($"/Files/{good}")).StatusCode);

        // The Decision is dated 10/01/2023: its 15-day complaint window closed long ago. The timer fires through
        // Hangfire (one wake-up job for the whole group), every instance ends, and a late complaint is refused.
        Assert.True(await Eventually.TrueAsync(async () =>
            !await host.Factory.InScopeAsync((_, db) => db.WfInstances.AnyAsync(x => x.BusinessKey == good.ToString() && x.Status == 0))), "the complaint window did not close");

        var keys = files.Select(f => f.GetProperty("id").GetGuid().ToString()).ToList();
        var ended = await host.Factory.InScopeAsync((_, db) => db.WfInstances.CountAsync(x => keys.Contains(x.BusinessKey!) && x.Status != 0));
        Assert.Equal(38, ended);
        var late = await RatingScenario.Refused(admin.PostJsonAsync($"/api/files/{good}/complaint", new
        {
            reason = "Muộn", version = (await RatingScenario.FileAsync(admin, good)).GetProperty("version").GetInt32(),
        }), HttpStatusCode.BadRequest);
        Assert.Contains("hết thời hạn khiếu nại", late.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await otherSecretary.GetAsync($"/Decisions/{decisionId}")).StatusCode);
    }

    [Fact]
    public async Task An_opening_cut_off_between_batches_resumes_and_creates_each_file_exactly_once()
    {
        // 1,200 members: three batches. The opening is cut off after its first batch (the round's later batches and
        // status as if the host had stopped); running the job again completes it without a second file or instance.
        var scenario = await new RatingScenario(host).BuildTreeAsync(4, membersEach: 300);
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        var roundId = await scenario.OpenRoundAsync(standing, 2029, "366-QĐ/TW", scenario.DecidingUnitId, SubjectType.Member);
        Assert.True(scenario.Members.Count > RoundOpeningJob.BatchSize * 2);
        await host.Factory.InScopeAsync(async (_, db) =>
        {
            var kept = await db.Files.IgnoreQueryFilters().Where(f => f.RoundId == roundId).OrderBy(f => f.Id).Take(RoundOpeningJob.BatchSize).Select(f => f.Id).ToListAsync();
            var lost = db.Files.IgnoreQueryFilters().Where(f => f.RoundId == roundId && !kept.Contains(f.Id));
            var instances = await lost.Select(f => f.InstanceId!.Value).ToListAsync();
            await db.WfTaskAudience.Where(a => instances.Contains(a.InstanceId)).ExecuteDeleteAsync();
            await db.WfTasks.Where(t => instances.Contains(t.InstanceId)).ExecuteDeleteAsync();
            await db.WfJournal.Where(j => instances.Contains(j.InstanceId)).ExecuteDeleteAsync();
            await db.WfInstances.Where(i => instances.Contains(i.Id)).ExecuteDeleteAsync();
            await lost.ExecuteDeleteAsync();

            await db.Rounds.IgnoreQueryFilters().Where(r => r.Id == roundId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RoundStatus.Opening).SetProperty(r => r.OpenedCount, kept.Count));
        });

        await host.Factory.InScopeAsync((sp, _) => sp.GetRequiredService<RoundOpeningJob>().RunAsync(roundId, CancellationToken.None));

        var (round, files, waiting) = await host.Factory.InScopeAsync(async (_, db) => (
            await db.Rounds.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == roundId),
            await db.Files.IgnoreQueryFilters().AsNoTracking().Where(f => f.RoundId == roundId).Select(f => new { f.MemberId, f.InstanceId }).ToListAsync(),
            await (from f in db.Files.IgnoreQueryFilters() join t in db.WfTasks on f.InstanceId equals t.InstanceId
                   where f.RoundId == roundId && t.ElementId == "selfAssessment" select t.Id).CountAsync()));
        Assert.Equal(RoundStatus.Open, round.Status);
        Assert.Equal(scenario.Members.Count, round.OpenedCount);
        Assert.Equal(scenario.Members.Order(), files.Select(f => f.MemberId!.Value).Order());
        Assert.Equal(files.Count, files.Select(f => f.InstanceId).Distinct().Count());
        Assert.Equal(scenario.Members.Count, waiting);
    }

    [Fact]
    public async Task Committee_collectives_reproduce_seed_000_within_the_quota()
    {
        // Seed 000: 13 excellent, 52 good, 2 complete, 1 not complete: 68 collectives, 65 of them good or better, so at most 13 excellent.
        var scenario = await new RatingScenario(host).BuildTreeAsync(68);
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        using var inspection = await scenario.UserAsync(Roles.InspectionCommittee, scenario.DecidingUnitId);
        using var admin = await host.SignInAsync("admin");
        var roundId = await scenario.OpenRoundAsync(standing, 2022, "132-QĐ/TW", scenario.DecidingUnitId, SubjectType.CommitteeCollective);
        var files = await RatingScenario.FilesAsync(board, roundId);
        Assert.Equal(68, files.Count);
        Assert.All(files, f => Assert.StartsWith("Tập thể cấp ủy", f.GetProperty("subjectName").GetString(), StringComparison.Ordinal));

        (RatingLevel, int)[] seed = [(RatingLevel.Excellent, 13), (RatingLevel.Good, 52), (RatingLevel.Complete, 2), (RatingLevel.NotComplete, 1)];
        var levels = seed.SelectMany(s => Enumerable.Repeat(s.Item1, s.Item2)).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            await RatingScenario.DriveToProposalAsync(admin, board, inspection, files[i].GetProperty("id").GetGuid(), levels[i]);
        }

        var quota = (await standing.GetJsonAsync($"/api/rounds/{roundId}/board?decidingUnitId={scenario.DecidingUnitId}&type=CommitteeCollective")).GetProperty("quota");
        Assert.Equal(13, quota.GetProperty("maxExcellentWithProposals").GetInt32());
        await RatingScenario.Ok(standing.PostJsonAsync("/api/decisions", new
        {
            roundId, decidingUnitId = scenario.DecidingUnitId, subjectType = "CommitteeCollective", number = "01-QĐ/ĐU", decidedOn = "2023-01-04",
            signerName = "Phương Thị Thanh", signerTitle = "Bí thư Đảng ủy", acceptProposals = true,
        }));
        var statistics = (await standing.GetJsonAsync($"/api/rounds/{roundId}/statistics")).EnumerateArray().Single();
        Assert.Equal([13, 52, 2, 1], statistics.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("count").GetInt32()));
        Assert.Contains("13/68 tập thể cấp ủy hoàn thành xuất sắc nhiệm vụ", statistics.GetProperty("sentence").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disciplined_member_caps_at_KHTNV_unless_self_discovered_and_remedied()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(1, membersEach: 3);
        var branch = scenario.Grassroots[0];
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, branch);
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, branch);
        using var inspection = await scenario.UserAsync(Roles.InspectionCommittee, branch);
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, branch);
        using var opener = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId, "btv-khoi");
        var roundId = await scenario.OpenRoundAsync(opener, 2024, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.Member);
        var files = await RatingScenario.FilesAsync(secretary, roundId);
        Assert.Equal(3, files.Count);
        Assert.Contains(files, f => f.GetProperty("formCode").GetString() == "Mẫu 2A"); // the head of office
        var disciplined = files.Single(f => f.GetProperty("memberId").GetGuid() == scenario.Members[1]).GetProperty("id").GetGuid();
        var remedied = files.Single(f => f.GetProperty("memberId").GetGuid() == scenario.Members[2]).GetProperty("id").GetGuid();

        var first = await secretary.GetJsonAsync($"/api/files/{disciplined}");
        var noComment = await RatingScenario.Refused(secretary.PostJsonAsync($"/api/files/{disciplined}/submit", new
        {
            content = new { criteria = first.GetProperty("form").GetProperty("criteria").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, _ => "T"),
                achievements = "Hoàn thành nhiệm vụ.", shortcomings = "Không có.", proposedLevel = "HTTNV" },
            version = 0,
        }), HttpStatusCode.BadRequest);
        Assert.Contains("branchComment", noComment.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));

        foreach (var file in new[] { disciplined, remedied })
        {
            var detail = await secretary.GetJsonAsync($"/api/files/{file}");
            await RatingScenario.Ok(secretary.PostJsonAsync($"/api/files/{file}/submit", new
            {
                content = RatingScenario.Content(detail.GetProperty("form"), RatingLevel.Good), version = detail.GetProperty("file").GetProperty("version").GetInt32(),
            }));
        }

        var version = (await RatingScenario.FileAsync(inspection, disciplined)).GetProperty("version").GetInt32();
        await RatingScenario.Ok(inspection.PostJsonAsync($"/api/files/{disciplined}/inspection", new
        {
            opinion = "Vi phạm quy định về những điều đảng viên không được làm.", degradation = false, version,
            disciplines = new[]
            {
                new { memberId = scenario.Members[1], form = "Reprimand", decidedOn = "2024-06-12", selfRemedied = false, note = "Khiển trách" },
                new { memberId = scenario.Members[2], form = "Reprimand", decidedOn = "2024-03-02", selfRemedied = true, note = "Tự phát hiện, đã khắc phục" },
            },
        }));

        var capped = await RatingScenario.FileAsync(board, disciplined);
        Assert.Equal("KHTNV", capped.GetProperty("capLevel").GetString());
        Assert.Contains("Discipline", capped.GetProperty("capFacts").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(JsonValueKind.Null, (await RatingScenario.FileAsync(board, remedied)).GetProperty("capLevel").ValueKind);

        var refused = await RatingScenario.Refused(board.PostJsonAsync($"/api/files/{disciplined}/review", new { action = "propose", level = "HTTNV", version = capped.GetProperty("version").GetInt32() }),
            HttpStatusCode.BadRequest);
        Assert.Contains("không được phép", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        await RatingScenario.Ok(board.PostJsonAsync($"/api/files/{disciplined}/review", new
        {
            action = "propose", level = "KHTNV", reason = "Bị kỷ luật khiển trách trong năm.", version = capped.GetProperty("version").GetInt32(),
        }));
        var timeline = (await secretary.GetJsonAsync($"/api/files/{disciplined}")).GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["Submitted", "DisciplineRecorded", "DisciplineRecorded", "InspectionOpinion", "Proposed"], timeline);
    }

    [Fact]
    public async Task A_returned_file_loops_back_and_is_resubmitted_with_its_history_kept()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(2);
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        using var inspection = await scenario.UserAsync(Roles.InspectionCommittee, scenario.DecidingUnitId);
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
        var roundId = await scenario.OpenRoundAsync(standing, 2025, "366-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var file = (await RatingScenario.FilesAsync(secretary, roundId)).Single().GetProperty("id").GetGuid(); // the secretary sees only their unit's file
        var detail = await secretary.GetJsonAsync($"/api/files/{file}");
        Assert.Equal("Points", detail.GetProperty("scoring").GetString());

        await RatingScenario.Ok(secretary.PostJsonAsync($"/api/files/{file}/submit", new { content = RatingScenario.Content(detail.GetProperty("form"), RatingLevel.Excellent, points: true), version = 0 }));
        Assert.Equal("HTXSNV", (await RatingScenario.FileAsync(board, file)).GetProperty("suggestedLevel").GetString());
        await RatingScenario.Ok(board.PostJsonAsync($"/api/files/{file}/review", new { action = "return", reason = "Thiếu biên bản họp chi bộ có chữ ký.", version = 1 }));

        // The return reaches the branch at once (docs/adr/0010): the inspection's pending request is withdrawn, not waited for.
        var returned = await RatingScenario.FileAsync(secretary, file);
        Assert.Equal("Returned", returned.GetProperty("status").GetString());
        var atReturn = await board.GetJsonAsync($"/api/files/{file}");
        Assert.Equal(["selfAssessment"], atReturn.GetProperty("openTasks").EnumerateArray().Select(t => t.GetProperty("elementId").GetString()));
        await RatingScenario.Refused(inspection.PostJsonAsync($"/api/files/{file}/inspection", new { opinion = "Không có vi phạm.", degradation = false, version = 2 }), HttpStatusCode.Conflict);
        Assert.Contains("Thiếu biên bản họp chi bộ có chữ ký.", await secretary.GetStringAsync($"/Files/{file}"), StringComparison.Ordinal);

        // Resubmitted: both reviews are asked again, on the file as it now stands.
        await RatingScenario.Ok(secretary.PostJsonAsync($"/api/files/{file}/submit", new { content = RatingScenario.Content(detail.GetProperty("form"), RatingLevel.Good, points: true), version = 2 }));
        var view = await board.GetJsonAsync($"/api/files/{file}");
        Assert.Equal(["Submitted", "Returned", "Submitted"], view.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(["boardReview", "inspectionOpinion"], view.GetProperty("openTasks").EnumerateArray().Select(t => t.GetProperty("elementId").GetString()).Order());
        Assert.Equal("HTTNV", view.GetProperty("file").GetProperty("selfLevel").GetString());
        await RatingScenario.Ok(inspection.PostJsonAsync($"/api/files/{file}/inspection", new { opinion = "Không có vi phạm.", degradation = false, version = 3 }));
    }

    [Fact]
    public async Task Two_reviewers_proposing_at_once_one_wins_and_the_other_gets_a_409()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(1);
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var board1 = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId, "btc1");
        using var board2 = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId, "btc2");
        using var admin = await host.SignInAsync("admin");
        var roundId = await scenario.OpenRoundAsync(standing, 2024, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var file = (await RatingScenario.FilesAsync(admin, roundId)).Single().GetProperty("id").GetGuid();
        var detail = await admin.GetJsonAsync($"/api/files/{file}");
        await RatingScenario.Ok(admin.PostJsonAsync($"/api/files/{file}/submit", new { content = RatingScenario.Content(detail.GetProperty("form"), RatingLevel.Good), version = 0 }));

        var responses = await Task.WhenAll(
            board1.PostJsonAsync($"/api/files/{file}/review", new { action = "propose", level = "HTTNV", version = 1 }),
            board2.PostJsonAsync($"/api/files/{file}/review", new { action = "propose", level = "HTNV", reason = "Còn hạn chế", version = 1 }));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
        Assert.Contains("Tải lại", (await loser.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);
        var events = (await admin.GetJsonAsync($"/api/files/{file}")).GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "Proposed");
        Assert.Equal(1, events);
    }

    [Fact]
    public async Task A_secretary_cannot_read_another_units_file_and_bad_input_changes_nothing()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(2);
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var mine = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
        using var admin = await host.SignInAsync("admin");
        var roundId = await scenario.OpenRoundAsync(standing, 2023, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var files = await RatingScenario.FilesAsync(admin, roundId);
        var own = files.Single(f => f.GetProperty("subjectUnitId").GetGuid() == scenario.Grassroots[0]).GetProperty("id").GetGuid();
        var other = files.Single(f => f.GetProperty("subjectUnitId").GetGuid() == scenario.Grassroots[1]).GetProperty("id").GetGuid();

        await RatingScenario.Refused(mine.GetAsync($"/api/files/{other}"), HttpStatusCode.NotFound);
        await RatingScenario.Refused(mine.PostJsonAsync($"/api/files/{other}/submit", new { content = new { }, version = 0 }), HttpStatusCode.NotFound);

        // Incomplete: every missing field is named, in Vietnamese; nothing is saved.
        var incomplete = await RatingScenario.Refused(mine.PostJsonAsync($"/api/files/{own}/submit", new { content = new { criteria = new { ctt = "T" } }, version = 0 }), HttpStatusCode.BadRequest);
        var fields = incomplete.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("criteria.tccb", fields);
        Assert.Contains("achievements", fields);
        Assert.Contains("meeting.date", fields);
        Assert.Contains("proposedLevel", fields);
        Assert.StartsWith("Hồ sơ chưa đủ để nộp", incomplete.GetProperty("message").GetString(), StringComparison.Ordinal);
        var unchanged = await RatingScenario.FileAsync(mine, own);
        Assert.Equal(("Opened", 0), (unchanged.GetProperty("status").GetString(), unchanged.GetProperty("version").GetInt32()));

        var detail = await mine.GetJsonAsync($"/api/files/{own}");
        var wrongLevel = await RatingScenario.Refused(mine.PostJsonAsync($"/api/files/{own}/submit", new
        {
            content = WithLevel(RatingScenario.Content(detail.GetProperty("form"), RatingLevel.Good), "XUATSAC"), version = 0,
        }), HttpStatusCode.BadRequest);
        Assert.Contains("proposedLevel", wrongLevel.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
        await RatingScenario.Refused(mine.PostJsonAsync($"/api/files/{own}/submit", "{not json"), HttpStatusCode.BadRequest);
        var wrongType = await RatingScenario.Refused(standing.PostJsonAsync("/api/rounds", new { year = "hai nghìn", decidingUnitId = (Guid?)null }), HttpStatusCode.BadRequest);
        Assert.Equal("Trường year có giá trị không hợp lệ hoặc sai kiểu.", wrongType.GetProperty("message").GetString());
        var noRound = await RatingScenario.Refused(standing.PostJsonAsync("/api/rounds", new { year = 1990, subjectTypes = Array.Empty<string>() }), HttpStatusCode.BadRequest);
        Assert.Equal(["year", "ruleSetId", "decidingUnitId", "subjectTypes", "selfAssessmentDue", "reviewDue", "decisionDue"],
            noRound.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));

        // A draft may be incomplete, but what it holds must be valid.
        var badDraft = await RatingScenario.Refused(mine.PutJsonAsync($"/api/files/{own}/self-assessment", new { content = new { criteria = new { ctt = "ZZ" } }, version = 0 }), HttpStatusCode.BadRequest);
        Assert.Equal(["criteria.ctt"], badDraft.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
        await RatingScenario.Ok(mine.PutJsonAsync($"/api/files/{own}/self-assessment", new { content = new { criteria = new { ctt = "XS" }, achievements = "Đang soạn" }, version = 0 }));
        var draft = await mine.GetJsonAsync($"/api/files/{own}");
        Assert.Equal(("Draft", "XS"), (draft.GetProperty("file").GetProperty("status").GetString(), draft.GetProperty("content").GetProperty("criteria").GetProperty("ctt").GetString()));
        await RatingScenario.Refused(mine.PutJsonAsync($"/api/files/{own}/self-assessment", new { content = new { criteria = new { ctt = "XS" } }, version = 0 }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Evidence_is_accepted_by_content_refused_when_disguised_or_oversized_and_private_to_the_files_readers()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(2);
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
        using var other = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[1]);
        var roundId = await scenario.OpenRoundAsync(standing, 2023, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var file = (await RatingScenario.FilesAsync(secretary, roundId)).Single().GetProperty("id").GetGuid();

        async Task<HttpResponseMessage> UploadAsync(WebSession who, string name, byte[] bytes)
        {
            using var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf"); // what a browser may claim
            form.Add(part, "file", name);
            var page = await who.GetStringAsync("/Account/ChangePassword");
            var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/files/{file}/evidence", UriKind.Relative)) { Content = form };
            request.Headers.Add("RequestVerificationToken", WebUtility.HtmlDecode(token));
            return await who.Client.SendAsync(request);
        }

        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        var created = await RatingScenario.Ok(UploadAsync(secretary, "Biên bản họp chi bộ.pdf", pdf));
        Assert.Equal("application/pdf", created.GetProperty("contentType").GetString());
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        var image = await RatingScenario.Ok(UploadAsync(secretary, "anh.pdf", png)); // the content decides, not the name
        Assert.Equal(("image/png", "anh.png"), (image.GetProperty("contentType").GetString(), image.GetProperty("fileName").GetString()));

        var disguised = await RatingScenario.Refused(UploadAsync(secretary, "bao-cao.pdf", "MZ\u0090\u0000 this is a program"u8.ToArray()), HttpStatusCode.BadRequest);
        Assert.Contains("Chỉ nhận tệp PDF", disguised.GetProperty("message").GetString(), StringComparison.Ordinal);
        await RatingScenario.Refused(UploadAsync(secretary, "lon.pdf", [.. pdf, .. new byte[10 * 1024 * 1024]]), HttpStatusCode.BadRequest);
        await RatingScenario.Refused(UploadAsync(other, "x.pdf", pdf), HttpStatusCode.NotFound);

        var download = await secretary.GetAsync($"/Files/{file}?handler=Evidence&evidenceId={created.GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Files/{file}?handler=Evidence&evidenceId={created.GetProperty("id").GetGuid()}")).StatusCode);
        var timeline = (await secretary.GetJsonAsync($"/api/files/{file}")).GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "EvidenceAdded");
        Assert.Equal(2, timeline);
    }

    [Fact]
    public async Task A_rule_set_may_allow_exceeding_the_quota_only_with_a_recorded_reason()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(5);
        var code = await scenario.RuleSetCopyAsync("124-QĐ/TW", basis => basis with { Quota = basis.Quota with { OverQuota = OverQuotaPolicy.RequireReason } },
            "Quy định thử (vượt tỷ lệ cần lý do)");
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        using var admin = await host.SignInAsync("admin");
        var roundId = await scenario.OpenRoundAsync(standing, 2021, code, scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var files = await RatingScenario.FilesAsync(board, roundId);
        RatingLevel[] levels = [RatingLevel.Excellent, RatingLevel.Excellent, RatingLevel.Good, RatingLevel.Good, RatingLevel.Good];
        for (var i = 0; i < files.Count; i++)
        {
            await RatingScenario.DriveToProposalAsync(admin, board, admin, files[i].GetProperty("id").GetGuid(), levels[i]);
        }

        var request = new
        {
            roundId, decidingUnitId = scenario.DecidingUnitId, subjectType = "GrassrootsOrganization", number = "3-QĐ/ĐU", decidedOn = "2022-01-10",
            signerName = "Trần Văn A", signerTitle = "Bí thư", acceptProposals = true, overQuotaReason = (string?)null,
        };
        var refused = await RatingScenario.Refused(standing.PostJsonAsync("/api/decisions", request), HttpStatusCode.BadRequest);
        Assert.Contains("overQuotaReason", refused.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
        var decided = await RatingScenario.Ok(standing.PostJsonAsync("/api/decisions", request with { overQuotaReason = "Hai đơn vị có thành tích đột xuất được Tỉnh ủy khen thưởng." }));
        Assert.Equal(("Hai đơn vị có thành tích đột xuất được Tỉnh ủy khen thưởng.", 1), (decided.GetProperty("overQuotaReason").GetString(), decided.GetProperty("maxExcellent").GetInt32()));
    }

    [Fact]
    public async Task The_inbox_lists_what_each_person_may_act_on_and_claiming_takes_a_task_from_the_group()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(2);
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var board1 = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId, "btc1");
        using var board2 = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId, "btc2");
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
        var roundId = await scenario.OpenRoundAsync(standing, 2023, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var files = await RatingScenario.FilesAsync(standing, roundId);

        // The secretary sees only their own unit's self-assessment; the board nothing yet.
        var inbox = await secretary.GetStringAsync("/Inbox?view=all");
        Assert.Contains(files.Single(f => f.GetProperty("subjectUnitId").GetGuid() == scenario.Grassroots[0]).GetProperty("subjectName").GetString()!, inbox, StringComparison.Ordinal);
        Assert.DoesNotContain(files.Single(f => f.GetProperty("subjectUnitId").GetGuid() == scenario.Grassroots[1]).GetProperty("subjectName").GetString()!, inbox, StringComparison.Ordinal);
        // (Other tests leave tasks offered to every organization board; the search keeps to this round's subjects.)
        var ours = Uri.EscapeDataString(files[0].GetProperty("subjectName").GetString()!.Split(" số ")[0]);
        Assert.Contains("data-testid=\"inbox-empty\"", await board1.GetStringAsync($"/Inbox?q={ours}"), StringComparison.Ordinal);

        var file = files.Single(f => f.GetProperty("subjectUnitId").GetGuid() == scenario.Grassroots[0]).GetProperty("id").GetGuid();
        var detail = await secretary.GetJsonAsync($"/api/files/{file}");
        await RatingScenario.Ok(secretary.PostJsonAsync($"/api/files/{file}/submit", new { content = RatingScenario.Content(detail.GetProperty("form"), RatingLevel.Good), version = 0 }));
        var taskId = await host.Factory.InScopeAsync((_, db) => db.WfTasks.Where(t => t.BusinessKey == file.ToString() && t.ElementId == "boardReview").Select(t => t.Id).SingleAsync());
        Assert.Contains("Ban Tổ chức thẩm định", await board2.GetStringAsync($"/Inbox?q={ours}"), StringComparison.Ordinal);

        // board1 claims it: board2 no longer has it among the unassigned, and cannot claim it.
        var claimed = await board1.PostFormAsync("/Inbox?view=all", new() { ["taskId"] = taskId.ToString() }, "/Inbox?handler=Claim");
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        Assert.Contains("data-testid=\"inbox-empty\"", await board2.GetStringAsync($"/Inbox?assigned=unassigned&q={ours}"), StringComparison.Ordinal);
        await board2.PostFormAsync("/Inbox?view=all", new() { ["taskId"] = taskId.ToString() }, "/Inbox?handler=Claim");
        var assignee = await host.Factory.InScopeAsync((_, db) => db.WfTasks.Where(t => t.Id == taskId).Select(t => t.Assignee).SingleAsync());
        Assert.StartsWith("btc1.", assignee, StringComparison.Ordinal);
        await RatingScenario.Refused(board2.PostJsonAsync($"/api/files/{file}/review", new { action = "propose", level = "HTTNV", version = 1 }), HttpStatusCode.Forbidden);
        Assert.Contains("Trả về nhóm", await board1.GetStringAsync($"/Inbox?handler=Detail&taskId={taskId}"), StringComparison.Ordinal);
    }

    private static JsonElement WithLevel(object content, string level)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(content, WebSession.JsonOptions))!;
        node["proposedLevel"] = level;
        return JsonSerializer.SerializeToElement(node);
    }

    [Fact]
    public async Task A_complaint_is_reverified_by_the_superior_and_yields_an_amended_decision()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(1);
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
        using var superiorBoard = await scenario.UserAsync(Roles.OrganizationBoard, scenario.ParentUnitId, "btc-tu");
        using var superiorStanding = await scenario.UserAsync(Roles.StandingCommittee, scenario.ParentUnitId, "btv-tu");
        using var admin = await host.SignInAsync("admin");
        var roundId = await scenario.OpenRoundAsync(standing, 2023, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var file = (await RatingScenario.FilesAsync(secretary, roundId)).Single().GetProperty("id").GetGuid();
        await RatingScenario.DriveToProposalAsync(secretary, board, admin, file, RatingLevel.Good);
        var original = await RatingScenario.Ok(standing.PostJsonAsync("/api/decisions", new
        {
            // Decided today: the complaint window (15 days from the decision) is still open.
            roundId, decidingUnitId = scenario.DecidingUnitId, subjectType = "GrassrootsOrganization", number = "10-QĐ/ĐU",
            decidedOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            signerName = "Trần Văn A", signerTitle = "Bí thư", acceptProposals = false,
            choices = new[] { new { fileId = file, level = "HTNV", reason = "Chưa hoàn thành chỉ tiêu kết nạp đảng viên." } },
        }));

        var decided = await RatingScenario.FileAsync(secretary, file);
        Assert.Equal(("Decided", "HTNV"), (decided.GetProperty("status").GetString(), decided.GetProperty("decidedLevel").GetString()));
        // The reason stays in the file's record; the Decision every branch reads prints it only when marked for publication.
        Assert.Equal("Chưa hoàn thành chỉ tiêu kết nạp đảng viên.", decided.GetProperty("decisionReason").GetString());
        Assert.DoesNotContain("Chưa hoàn thành chỉ tiêu kết nạp", await standing.GetStringAsync($"/Decisions/{original.GetProperty("id").GetGuid()}"), StringComparison.Ordinal);
        // The subject's secretary hears of the Decision under the bell.
        var bell = await secretary.GetJsonAsync("/api/notifications");
        Assert.Contains(bell.GetProperty("items").EnumerateArray(), n => n.GetProperty("text").GetString()!.StartsWith("Quyết định số 10-QĐ/ĐU", StringComparison.Ordinal)
            && n.GetProperty("text").GetString()!.Contains("\"Hoàn thành nhiệm vụ\"", StringComparison.Ordinal));
        await RatingScenario.Refused(board.PostJsonAsync($"/api/files/{file}/complaint", new { reason = "x", version = decided.GetProperty("version").GetInt32() }), HttpStatusCode.Forbidden);
        await RatingScenario.Ok(secretary.PostJsonAsync($"/api/files/{file}/complaint", new
        {
            reason = "Chỉ tiêu kết nạp đã đạt theo nghị quyết điều chỉnh giữa năm.", version = decided.GetProperty("version").GetInt32(),
        }));

        var complained = await RatingScenario.FileAsync(superiorBoard, file);
        Assert.Equal("Complained", complained.GetProperty("status").GetString());
        await RatingScenario.Ok(superiorBoard.PostJsonAsync($"/api/files/{file}/reverify", new
        {
            action = "propose", level = "HTTNV", reason = "Xác minh: chỉ tiêu đã được điều chỉnh, đơn vị đạt.", version = complained.GetProperty("version").GetInt32(),
        }));
        var version = (await RatingScenario.FileAsync(superiorStanding, file)).GetProperty("version").GetInt32();
        await RatingScenario.Refused(standing.PostJsonAsync($"/api/files/{file}/redecide", new
        {
            level = "HTTNV", number = "20-QĐ/TU", decidedOn = "2024-02-01", signerName = "B", signerTitle = "Bí thư", version,
        }), HttpStatusCode.Forbidden); // the deciding unit's own committee is not the superior's
        var amended = await RatingScenario.Ok(superiorStanding.PostJsonAsync($"/api/files/{file}/redecide", new
        {
            level = "HTTNV", reason = "Chấp nhận khiếu nại.", number = "20-QĐ/TU", decidedOn = "2024-02-01", signerName = "Nguyễn Văn B", signerTitle = "Phó Bí thư Thường trực", version,
            publishReason = true,
        }));
        Assert.Contains("Chấp nhận khiếu nại.", await superiorStanding.GetStringAsync($"/Decisions/{amended.GetProperty("id").GetGuid()}"), StringComparison.Ordinal);
        Assert.Equal(original.GetProperty("id").GetGuid(), amended.GetProperty("amendsDecisionId").GetGuid());
        var final = await RatingScenario.FileAsync(secretary, file);
        Assert.Equal(("Decided", "HTTNV"), (final.GetProperty("status").GetString(), final.GetProperty("decidedLevel").GetString()));
        var instance = await host.Factory.InScopeAsync((_, db) => db.WfInstances.FirstAsync(i => i.BusinessKey == file.ToString()));
        Assert.Equal((int)Engine.Runtime.InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public async Task An_extra_step_is_a_BPMN_edit_a_round_opened_on_the_new_version_runs_through_it()
    {
        // The shipped flow with a deputy secretary's review inserted before the parallel review: an edit of the file, no code.
        var shipped = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "workflows", "rating-subject.bpmn"));
        var edited = shipped
            .Replace("""<bpmn:sequenceFlow id="toFork" sourceRef="selfAssessment" targetRef="review" />""",
                """
                <bpmn:sequenceFlow id="toFork" sourceRef="selfAssessment" targetRef="deputyReview" />
                <bpmn:userTask id="deputyReview" name="Phó bí thư rà soát" camunda:candidateGroups="BranchSecretary:${subjectUnitId}" camunda:formKey="custom:deputy-review" />
                <bpmn:sequenceFlow id="toFork2" sourceRef="deputyReview" targetRef="review" />
                """, StringComparison.Ordinal)
            .Replace("<bpmn:incoming>toFork</bpmn:incoming>", "<bpmn:incoming>toFork2</bpmn:incoming>", StringComparison.Ordinal);
        Assert.NotEqual(shipped, edited);
        try
        {
            await DeployAsync(edited);
            var scenario = await new RatingScenario(host).BuildTreeAsync(1);
            using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
            using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
            using var inspection = await scenario.UserAsync(Roles.InspectionCommittee, scenario.DecidingUnitId);
            using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
            var roundId = await scenario.OpenRoundAsync(standing, 2024, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
            var file = (await RatingScenario.FilesAsync(secretary, roundId)).Single().GetProperty("id").GetGuid();
            var detail = await secretary.GetJsonAsync($"/api/files/{file}");
            await RatingScenario.Ok(secretary.PostJsonAsync($"/api/files/{file}/submit", new { content = RatingScenario.Content(detail.GetProperty("form"), RatingLevel.Good), version = 0 }));

            var step = (await secretary.GetJsonAsync($"/api/files/{file}")).GetProperty("myTasks").EnumerateArray().Single();
            Assert.Equal(("deputyReview", "custom:deputy-review"), (step.GetProperty("elementId").GetString(), step.GetProperty("formKey").GetString()));
            await RatingScenario.Refused(board.PostJsonAsync($"/api/files/{file}/review", new { action = "propose", level = "HTTNV", version = 1 }), HttpStatusCode.Conflict);
            await RatingScenario.Ok(secretary.PostJsonAsync($"/api/files/{file}/tasks/{step.GetProperty("id").GetGuid()}/complete", new { action = "approve", comment = "Đã rà soát số liệu.", version = 1 }));

            await RatingScenario.Ok(board.PostJsonAsync($"/api/files/{file}/review", new { action = "propose", level = "HTTNV", version = 2 }));
            await RatingScenario.Ok(inspection.PostJsonAsync($"/api/files/{file}/inspection", new { opinion = "Không có vi phạm.", degradation = false, version = 3 }));
            await RatingScenario.Ok(standing.PostJsonAsync("/api/decisions", new
            {
                roundId, decidingUnitId = scenario.DecidingUnitId, subjectType = "GrassrootsOrganization", number = $"{Guid.NewGuid():N}"[..8] + "-QĐ/ĐU",
                decidedOn = "2025-01-05", signerName = "Trần Văn A", signerTitle = "Bí thư", acceptProposals = true,
            }));
            var timeline = (await secretary.GetJsonAsync($"/api/files/{file}")).GetProperty("timeline").EnumerateArray().ToList();
            Assert.Contains(timeline, e => e.GetProperty("text").GetString()!.StartsWith("Phó bí thư rà soát: đồng ý", StringComparison.Ordinal));
            Assert.Equal("Decided", (await RatingScenario.FileAsync(secretary, file)).GetProperty("status").GetString());
        }
        finally
        {
            await DeployAsync(shipped); // later tests run on the shipped flow again (as its next version)
        }
    }

    private async Task DeployAsync(string xml)
    {
        using var admin = host.Factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin:" + WebSession.DemoPassword)));
        using var content = new MultipartFormDataContent { { new StringContent("rating-subject"), "deployment-name" } };
        content.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(xml)), "rating-subject.bpmn", "rating-subject.bpmn");
        var response = await admin.PostAsync(new Uri("/engine-rest/deployment/create", UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteRatingRoundTests(SqliteHost host) : RatingRoundTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresRatingRoundTests(PostgresHost host) : RatingRoundTests(host);
