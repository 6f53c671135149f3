using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;
using Workflow.Web.Tests.Ratings;

namespace Workflow.Web.Tests.Inbox;

/// <summary>The reviewer's inbox over HTTP: filters, sorting, keyset paging, views, actions, bulk, rights, live updates.</summary>
public abstract class InboxTests(AppHost host)
{
    /// <summary>A deciding unit with <paramref name="units"/> grassroots organizations and an open round over them.</summary>
    private async Task<(RatingScenario Scenario, Guid RoundId, List<JsonElement> Files, WebSession Admin)> RoundAsync(int units)
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(units);
        var admin = await host.SignInAsync("admin");
        var roundId = await scenario.OpenRoundAsync(admin, 2023, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var files = (await RatingScenario.FilesAsync(admin, roundId)).OrderBy(f => f.GetProperty("subjectName").GetString(), StringComparer.Ordinal).ToList();
        return (scenario, roundId, files, admin);
    }

    /// <summary>Submits a file's self-assessment with answers worth <paramref name="answers"/> and a self-proposed <paramref name="self"/>.</summary>
    private static async Task SubmitAsync(WebSession secretary, JsonElement file, RatingLevel answers, RatingLevel? self = null)
    {
        var id = file.GetProperty("id").GetGuid();
        var detail = await secretary.GetJsonAsync($"/api/files/{id}");
        var node = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(RatingScenario.Content(detail.GetProperty("form"), answers), WebSession.JsonOptions))!;
        node["proposedLevel"] = RatingText.Code(self ?? answers);
        await RatingScenario.Ok(secretary.PostJsonAsync($"/api/files/{id}/submit", new { content = node, version = detail.GetProperty("file").GetProperty("version").GetInt32() }));
    }

    /// <summary>Two board members of one deciding unit, a board member of a unit below it, and one submitted file's review task.</summary>
    private sealed record Team(RatingScenario Scenario, Guid RoundId, List<JsonElement> Files, WebSession Admin, WebSession Board1, WebSession Board2,
        WebSession Outsider, Guid Task) : IDisposable
    {
        public void Dispose()
        {
            foreach (var session in new[] { Admin, Board1, Board2, Outsider })
            {
                session.Dispose();
            }
        }
    }

    private async Task<Team> TeamAsync()
    {
        var (scenario, roundId, files, admin) = await RoundAsync(2);
        var board1 = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId, "btc1");
        var board2 = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId, "btc2");
        var outsider = await scenario.UserAsync(Roles.OrganizationBoard, scenario.Grassroots[1], "btc-ngoai");
        await SubmitAsync(admin, files[0], RatingLevel.Good);
        var task = (await InboxAsync(board1, $"round={roundId}")).GetProperty("items")[0].GetProperty("taskId").GetGuid();
        return new Team(scenario, roundId, files, admin, board1, board2, outsider, task);
    }

    private static async Task<JsonElement> InboxAsync(WebSession user, string query) => await user.GetJsonAsync("/api/inbox?" + query);

    private static List<string> Subjects(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString()!).ToList();

    [Fact]
    public async Task Filters_sorting_and_keyset_paging_cover_every_task_once_in_order()
    {
        var (scenario, roundId, files, admin) = await RoundAsync(55);
        using var _ = admin;

        // 55 self-assessments, in pages of 20 by the received order: every task once, never a skipped or repeated one.
        var seen = new List<Guid>();
        string? next = null;
        do
        {
            var page = await InboxAsync(admin, $"round={roundId}&take=20{(next is null ? "" : "&after=" + next)}");
            Assert.Equal(55, page.GetProperty("total").GetInt32());
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("taskId").GetGuid()));
            next = page.GetProperty("next").ValueKind == JsonValueKind.String ? page.GetProperty("next").GetString() : null;
        }
        while (next is not null);
        Assert.Equal(55, seen.Distinct().Count());
        Assert.Equal(seen.OrderBy(g => g.ToString(), StringComparer.Ordinal), seen); // version 7 ids: the received order

        // Sorted by subject, descending, across pages of 7 (keyset on the sort key then the id).
        var sorted = new List<string>();
        next = null;
        do
        {
            var page = await InboxAsync(admin, $"round={roundId}&sort=subject&desc=true&take=7{(next is null ? "" : "&after=" + next)}");
            sorted.AddRange(Subjects(page));
            next = page.GetProperty("next").ValueKind == JsonValueKind.String ? page.GetProperty("next").GetString() : null;
        }
        while (next is not null);
        Assert.Equal(files.Select(f => f.GetProperty("subjectName").GetString()!).OrderByDescending(s => s, StringComparer.Ordinal), sorted);

        // Search without diacritics, the due window, the task type, the level, the unit subtree.
        var tag = files[0].GetProperty("subjectName").GetString()!.Split(' ')[3];
        Assert.Equal(9, (await InboxAsync(admin, $"round={roundId}&q=chi+bo+thu+{tag}+so+00")).GetProperty("total").GetInt32());
        Assert.Equal(55, (await InboxAsync(admin, $"round={roundId}&due=overdue")).GetProperty("total").GetInt32()); // due 10/12/2023
        Assert.Equal(0, (await InboxAsync(admin, $"round={roundId}&due=today")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await InboxAsync(admin, $"round={roundId}&task=boardReview")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await InboxAsync(admin, $"round={roundId}&unit={scenario.Grassroots[3]}")).GetProperty("total").GetInt32());
        Assert.Equal(55, (await InboxAsync(admin, $"round={roundId}&unit={scenario.DecidingUnitId}")).GetProperty("total").GetInt32());

        // The board sees what was submitted, with the levels; filters by level and by who holds the task.
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        await SubmitAsync(admin, files[0], RatingLevel.Good);
        await SubmitAsync(admin, files[1], RatingLevel.Excellent);
        await SubmitAsync(admin, files[2], RatingLevel.Good);
        var boardPage = await InboxAsync(board, $"round={roundId}&sort=level");
        Assert.Equal(3, boardPage.GetProperty("total").GetInt32());
        Assert.Equal(["HTXSNV", "HTTNV", "HTTNV"], boardPage.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("suggested").GetString()!));
        Assert.Equal(2, (await InboxAsync(board, $"round={roundId}&level=HTTNV")).GetProperty("total").GetInt32());
        var first = boardPage.GetProperty("items")[0].GetProperty("taskId").GetGuid();
        await RatingScenario.Ok(board.PostJsonAsync($"/api/inbox/tasks/{first}/claim", null));
        Assert.Equal(1, (await InboxAsync(board, $"round={roundId}&assigned=mine")).GetProperty("total").GetInt32());
        Assert.Equal(2, (await InboxAsync(board, $"round={roundId}&assigned=unassigned")).GetProperty("total").GetInt32());

        // A tampered cursor starts from the beginning instead of failing.
        Assert.Equal(3, (await InboxAsync(board, $"round={roundId}&sort=due&after=not-a-cursor")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Saved_views_keep_a_filter_per_user_with_counts_and_each_role_lands_on_its_step()
    {
        var (scenario, roundId, files, admin) = await RoundAsync(3);
        using var _ = admin;
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        using var other = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId, "khac");
        await SubmitAsync(admin, files[0], RatingLevel.Good);
        await SubmitAsync(admin, files[1], RatingLevel.Good);

        var saved = await RatingScenario.Ok(board.PostJsonAsync("/api/inbox/views", new { name = "Đợt 2023 của tôi", query = $"round={roundId}&task=boardReview" }));
        var views = (await board.GetJsonAsync("/api/inbox/views")).EnumerateArray().ToList();
        var mine = views.Single(v => v.GetProperty("name").GetString() == "Đợt 2023 của tôi");
        Assert.Equal(2, mine.GetProperty("count").GetInt32());
        Assert.False(mine.GetProperty("builtIn").GetBoolean());
        Assert.Contains(views, v => v.GetProperty("key").GetString() == "b:review" && v.GetProperty("builtIn").GetBoolean());

        // Saving under the same name replaces the filter; another user neither sees nor deletes it.
        await RatingScenario.Ok(board.PostJsonAsync("/api/inbox/views", new { name = "Đợt 2023 của tôi", query = $"round={roundId}&task=boardReview&assigned=mine" }));
        views = (await board.GetJsonAsync("/api/inbox/views")).EnumerateArray().ToList();
        Assert.Equal(0, views.Single(v => v.GetProperty("name").GetString() == "Đợt 2023 của tôi").GetProperty("count").GetInt32());
        Assert.DoesNotContain((await other.GetJsonAsync("/api/inbox/views")).EnumerateArray(), v => v.GetProperty("name").GetString() == "Đợt 2023 của tôi");
        await RatingScenario.Refused(other.SendJsonAsync(HttpMethod.Delete, $"/api/inbox/views/{saved.GetProperty("key").GetString()}", null), HttpStatusCode.NotFound);
        var noName = await RatingScenario.Refused(board.PostJsonAsync("/api/inbox/views", new { name = " ", query = "" }), HttpStatusCode.BadRequest);
        Assert.Contains("tên bộ lọc", noName.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NoContent, (await board.SendJsonAsync(HttpMethod.Delete, $"/api/inbox/views/{saved.GetProperty("key").GetString()}", null)).StatusCode);

        // The board lands on the files waiting for its examination; the admin on everything.
        var landing = await board.GetAsync("/Inbox");
        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        Assert.Equal("/Inbox?task=boardReview", landing.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Inbox")).StatusCode);
        var page = await board.GetStringAsync($"/Inbox?task=boardReview&round={roundId}");
        Assert.Contains($"data-subject=\"{files[0].GetProperty("subjectName").GetString()}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-subject=\"{files[2].GetProperty("subjectName").GetString()}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claim_reassign_delegate_and_resolve_stay_within_the_group_and_notify_the_people_concerned()
    {
        using var team = await TeamAsync();
        var (scenario, roundId, files, admin, board1, board2, outsider, task) = team;
        var names = await host.Factory.InScopeAsync((_, db) => db.Users.Where(u => u.UserName!.Contains(scenario.DecidingUnitId.ToString("N").Substring(24))).Select(u => u.UserName!).ToListAsync());
        var b1 = names.Single(n => n.StartsWith("btc1.", StringComparison.Ordinal));
        var b2 = names.Single(n => n.StartsWith("btc2.", StringComparison.Ordinal));
        var outsiderName = await host.Factory.InScopeAsync((_, db) => db.Users.Where(u => u.UserName!.StartsWith("btc-ngoai.") && u.UnitId == scenario.Grassroots[1]).Select(u => u.UserName!).SingleAsync());

        // The people a task can go to: its group's members, never someone outside it.
        var people = (await board1.GetJsonAsync($"/api/inbox/tasks/{task}/people")).EnumerateArray().Select(p => p.GetProperty("userName").GetString()).ToList();
        Assert.Contains(b2, people);
        Assert.DoesNotContain(outsiderName, people);

        await RatingScenario.Ok(board1.PostJsonAsync($"/api/inbox/tasks/{task}/claim", null));
        var taken = await RatingScenario.Refused(board2.PostJsonAsync($"/api/inbox/tasks/{task}/claim", null), HttpStatusCode.Conflict);
        Assert.Equal($"Việc đã được {b1} nhận.", taken.GetProperty("message").GetString());
        var refused = await RatingScenario.Refused(board1.PostJsonAsync($"/api/inbox/tasks/{task}/reassign", new { user = outsiderName }), HttpStatusCode.Conflict);
        Assert.Contains("không thuộc nhóm được giao", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        // Bad input: nobody, someone who does not exist, an empty or oversized comment; nothing changes.
        Assert.Contains("Chưa chọn người", (await RatingScenario.Refused(board1.PostJsonAsync($"/api/inbox/tasks/{task}/delegate", new { user = " " }), HttpStatusCode.Conflict))
            .GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("Không tìm thấy người dùng", (await RatingScenario.Refused(board1.PostJsonAsync($"/api/inbox/tasks/{task}/reassign", new { user = "khong.ton.tai" }), HttpStatusCode.Conflict))
            .GetProperty("message").GetString(), StringComparison.Ordinal);
        await RatingScenario.Refused(board1.PostJsonAsync($"/api/inbox/tasks/{task}/comment", new { text = new string('x', 2001) }), HttpStatusCode.Conflict);
        await RatingScenario.Refused(board1.PostJsonAsync($"/api/inbox/tasks/{task}/comment", new { text = "" }), HttpStatusCode.Conflict);
        Assert.Equal(b1, await AssigneeAsync(task));

        // Reassigned to board2, who is told.
        var unreadBefore = (await board2.GetJsonAsync("/api/notifications")).GetProperty("unread").GetInt32();
        await RatingScenario.Ok(board1.PostJsonAsync($"/api/inbox/tasks/{task}/reassign", new { user = b2 }));
        Assert.Equal(b2, await AssigneeAsync(task));
        var bell = await board2.GetJsonAsync("/api/notifications");
        Assert.Equal(unreadBefore + 1, bell.GetProperty("unread").GetInt32());
        Assert.Contains("giao cho bạn việc", bell.GetProperty("items")[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        // board2 delegates it back to board1 with a note; board1 cannot decide it, only hand it back.
        await RatingScenario.Ok(board2.PostJsonAsync($"/api/inbox/tasks/{task}/delegate", new { user = b1, note = "Nhờ đồng chí kiểm tra biên bản họp." }));
        var delegated = await host.Factory.InScopeAsync((_, db) => db.WfTasks.AsNoTracking().SingleAsync(t => t.Id == task));
        Assert.Equal((b1, b2, "PENDING"), (delegated.Assignee, delegated.Owner, delegated.DelegationState));
        Assert.Contains("kiểm tra biên bản họp", (await board1.GetJsonAsync("/api/notifications")).GetProperty("items")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var fileId = files[0].GetProperty("id").GetGuid();
        var version = (await RatingScenario.FileAsync(board1, fileId)).GetProperty("version").GetInt32();
        await RatingScenario.Refused(board1.PostJsonAsync($"/api/files/{fileId}/review", new { action = "propose", level = "HTTNV", version }), HttpStatusCode.BadRequest);
        await RatingScenario.Ok(board1.PostJsonAsync($"/api/inbox/tasks/{task}/resolve", new { text = "Biên bản đủ chữ ký." }));
        Assert.Equal(b2, await AssigneeAsync(task));
        await RatingScenario.Ok(board2.PostJsonAsync($"/api/inbox/tasks/{task}/comment", new { text = "Đã xem, thống nhất đề xuất." }));
        await RatingScenario.Ok(board2.PostJsonAsync($"/api/files/{fileId}/review", new { action = "propose", level = "HTTNV", version }));

        var timeline = (await board2.GetJsonAsync($"/api/files/{fileId}")).GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("text").GetString() ?? "").ToList();
        Assert.Contains(timeline, t => t.Contains("Nhờ đồng chí kiểm tra biên bản họp.", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t.Contains("Biên bản đủ chữ ký.", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t.Contains("Đã xem, thống nhất đề xuất.", StringComparison.Ordinal));
        Assert.Equal(0, (await InboxAsync(board2, $"round={roundId}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_returned_file_notifies_the_secretary_and_the_bell_can_be_read()
    {
        var (scenario, roundId, files, admin) = await RoundAsync(1);
        using var _ = admin;
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
        await SubmitAsync(secretary, files[0], RatingLevel.Good);
        var fileId = files[0].GetProperty("id").GetGuid();
        var version = (await RatingScenario.FileAsync(board, fileId)).GetProperty("version").GetInt32();
        await RatingScenario.Ok(board.PostJsonAsync($"/api/files/{fileId}/review", new { action = "return", reason = "Thiếu biên bản họp chi bộ.", version }));
        // The return takes effect at once (docs/adr/0010): the inspection's pending request is withdrawn, the secretary told.
        version = (await RatingScenario.FileAsync(admin, fileId)).GetProperty("version").GetInt32();
        await RatingScenario.Refused(admin.PostJsonAsync($"/api/files/{fileId}/inspection", new { opinion = "Không có vi phạm.", degradation = false, version }), HttpStatusCode.Conflict);

        var bell = await secretary.GetJsonAsync("/api/notifications");
        Assert.Equal(1, bell.GetProperty("unread").GetInt32());
        Assert.Contains("Thiếu biên bản họp chi bộ.", bell.GetProperty("items")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await InboxAsync(secretary, $"round={roundId}&task=selfAssessment")).GetProperty("total").GetInt32());
        await RatingScenario.Ok(secretary.PostJsonAsync("/api/notifications/read", null));
        Assert.Equal(0, (await secretary.GetJsonAsync("/api/notifications")).GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task A_group_hears_once_a_day_what_waits_in_its_queue_not_once_per_file()
    {
        var (scenario, _, files, admin) = await RoundAsync(3);
        using var _ = admin;
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        using var inspection = await scenario.UserAsync(Roles.InspectionCommittee, scenario.DecidingUnitId);
        for (var i = 0; i < 3; i++)
        {
            using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[i], $"bt{i}");
            await SubmitAsync(secretary, files[i], RatingLevel.Good);
        }

        // One of the three is claimed: it is that board member's, no longer the group's queue.
        var claimed = (await InboxAsync(board, "task=boardReview")).GetProperty("items")[0].GetProperty("taskId").GetGuid();
        await RatingScenario.Ok(board.PostJsonAsync($"/api/inbox/tasks/{claimed}/claim", null));

        var sent = await host.Factory.InScopeAsync((sp, _) => sp.GetRequiredService<Workflow.Web.Reminders.QueueSummary>().SendAsync(DateTime.UtcNow, CancellationToken.None));
        Assert.True(sent >= 2);
        var boardBell = (await board.GetJsonAsync("/api/notifications")).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("text").GetString()!.StartsWith("Việc đang chờ nhóm", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(boardBell).GetProperty("text").GetString()!;
        Assert.Contains("Ban Tổ chức", line, StringComparison.Ordinal);
        Assert.Contains("2 việc đang chờ", line, StringComparison.Ordinal);
        var inspectionLine = Assert.Single((await inspection.GetJsonAsync("/api/notifications")).GetProperty("items").EnumerateArray(),
            n => n.GetProperty("text").GetString()!.StartsWith("Việc đang chờ nhóm", StringComparison.Ordinal)).GetProperty("text").GetString()!;
        Assert.Contains("Ủy ban Kiểm tra", inspectionLine, StringComparison.Ordinal);
        Assert.Contains("3 việc đang chờ", inspectionLine, StringComparison.Ordinal);

        // The inspection committee's home page lists its waiting step with the count, and the round's progress as bars.
        var home = await inspection.GetStringAsync("/");
        Assert.Matches(@"data-testid=""waiting-step"">\s*<td><a href=""/Inbox\?task=inspectionOpinion"">Ủy ban Kiểm tra cho ý kiến</a></td>\s*<td class=""text-end fw-semibold"">3</td>", home);
        Assert.Contains("3 chờ thẩm định", System.Net.WebUtility.HtmlDecode(home), StringComparison.Ordinal);

        // A second run the same day (a retry, a second node) adds nothing.
        await host.Factory.InScopeAsync((sp, _) => sp.GetRequiredService<Workflow.Web.Reminders.QueueSummary>().SendAsync(DateTime.UtcNow, CancellationToken.None));
        Assert.Single((await board.GetJsonAsync("/api/notifications")).GetProperty("items").EnumerateArray(),
            n => n.GetProperty("text").GetString()!.StartsWith("Việc đang chờ nhóm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bulk_accept_reports_each_task_and_only_the_allowed_ones_change()
    {
        var (scenario, roundId, files, admin) = await RoundAsync(5);
        using var _ = admin;
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId, "btc1");
        using var colleague = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId, "btc2");
        var foreign = await new RatingScenario(host).BuildTreeAsync(1);
        var foreignRound = await foreign.OpenRoundAsync(admin, 2023, "124-QĐ/TW", foreign.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var foreignFile = (await RatingScenario.FilesAsync(admin, foreignRound)).Single();
        await SubmitAsync(admin, foreignFile, RatingLevel.Good);
        var foreignTask = (await InboxAsync(admin, $"round={foreignRound}&task=boardReview")).GetProperty("items")[0].GetProperty("taskId").GetGuid();

        await SubmitAsync(admin, files[0], RatingLevel.Good);                            // accepted
        await SubmitAsync(admin, files[1], RatingLevel.Complete);                        // accepted
        await SubmitAsync(admin, files[2], RatingLevel.Good, RatingLevel.Excellent);     // self above suggested: needs a reason
        await SubmitAsync(admin, files[3], RatingLevel.Good);                            // taken by a colleague first
        var tasks = (await InboxAsync(board, $"round={roundId}&task=boardReview&sort=subject")).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("subject").GetString()!, i => i.GetProperty("taskId").GetGuid());
        Guid TaskOf(int i) => tasks[files[i].GetProperty("subjectName").GetString()!];
        await RatingScenario.Ok(colleague.PostJsonAsync($"/api/inbox/tasks/{TaskOf(3)}/claim", null));
        var selfTask = (await InboxAsync(admin, $"round={roundId}&task=selfAssessment")).GetProperty("items")[0].GetProperty("taskId").GetGuid();

        var result = await RatingScenario.Ok(board.PostJsonAsync("/api/inbox/bulk", new
        {
            action = "accept", taskIds = new[] { TaskOf(0), TaskOf(1), TaskOf(2), TaskOf(3), foreignTask, selfTask },
        }));
        Assert.Equal((2, 4), (result.GetProperty("succeeded").GetInt32(), result.GetProperty("failed").GetInt32()));
        var byTask = result.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("taskId").GetGuid());
        Assert.True(byTask[TaskOf(0)].GetProperty("ok").GetBoolean());
        Assert.Equal("Đã đề xuất HTNV.", byTask[TaskOf(1)].GetProperty("message").GetString());
        Assert.Contains("cần nêu lý do", byTask[TaskOf(2)].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Việc đã được btc2.", byTask[TaskOf(3)].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("bạn không được giao", byTask[foreignTask].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(byTask[selfTask].GetProperty("ok").GetBoolean());

        // Only the two accepted files moved; the others (and the foreign round) are as they were.
        Assert.Equal("HTTNV", (await RatingScenario.FileAsync(admin, files[0].GetProperty("id").GetGuid())).GetProperty("proposedLevel").GetString());
        Assert.Equal("HTNV", (await RatingScenario.FileAsync(admin, files[1].GetProperty("id").GetGuid())).GetProperty("proposedLevel").GetString());
        foreach (var untouched in new[] { files[2], files[3], foreignFile })
        {
            Assert.Equal(JsonValueKind.Null, (await RatingScenario.FileAsync(admin, untouched.GetProperty("id").GetGuid())).GetProperty("proposedLevel").ValueKind);
        }

        // Bulk claim of what is left: the colleague's task is refused by name.
        var claims = await RatingScenario.Ok(board.PostJsonAsync("/api/inbox/bulk", new { action = "claim", taskIds = new[] { TaskOf(2), TaskOf(3) } }));
        Assert.Equal((1, 1), (claims.GetProperty("succeeded").GetInt32(), claims.GetProperty("failed").GetInt32()));
        await RatingScenario.Refused(board.PostJsonAsync("/api/inbox/bulk", new { action = "delete", taskIds = new[] { TaskOf(2) } }), HttpStatusCode.BadRequest);
        await RatingScenario.Refused(board.PostJsonAsync("/api/inbox/bulk", new { action = "claim", taskIds = Array.Empty<Guid>() }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_user_outside_the_audience_sees_and_touches_nothing_of_a_task()
    {
        var (scenario, roundId, files, admin) = await RoundAsync(2);
        using var _ = admin;
        using var board = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId);
        using var outsider = await scenario.UserAsync(Roles.OrganizationBoard, scenario.Grassroots[1], "btc-ngoai");
        using var otherSecretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[1]);
        await SubmitAsync(admin, files[0], RatingLevel.Good);
        var task = (await InboxAsync(board, $"round={roundId}")).GetProperty("items")[0].GetProperty("taskId").GetGuid();
        var fileId = files[0].GetProperty("id").GetGuid();

        foreach (var stranger in new[] { outsider, otherSecretary })
        {
            Assert.Equal(0, (await InboxAsync(stranger, $"round={roundId}&task=boardReview")).GetProperty("total").GetInt32());
            Assert.Contains("data-testid=\"detail-gone\"", await stranger.GetStringAsync($"/Inbox?handler=Detail&taskId={task}"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NoContent, (await stranger.GetAsync($"/Inbox?handler=Diagram&taskId={task}")).StatusCode);
            // A task they may not see does not exist for them: 404, as every record.
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/inbox/tasks/{task}/people")).StatusCode);
            foreach (var action in new[] { "claim", "unclaim", "comment", "resolve" })
            {
                var refused = await RatingScenario.Refused(stranger.PostJsonAsync($"/api/inbox/tasks/{task}/{action}", new { text = "x" }), HttpStatusCode.NotFound);
                Assert.Contains("không được giao", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
            }

            var bulk = await RatingScenario.Ok(stranger.PostJsonAsync("/api/inbox/bulk", new { action = "accept", taskIds = new[] { task } }));
            Assert.Equal(0, bulk.GetProperty("succeeded").GetInt32());
            // The pane's file link leads nowhere for them either.
            Assert.NotEqual(HttpStatusCode.OK, (await stranger.GetAsync($"/Files/{fileId}")).StatusCode);
        }

        Assert.Null(await AssigneeAsync(task));
        Assert.Equal(JsonValueKind.Null, (await RatingScenario.FileAsync(admin, fileId)).GetProperty("proposedLevel").ValueKind);
        var detail = await board.GetStringAsync($"/Inbox?handler=Detail&taskId={task}");
        Assert.Contains("data-testid=\"detail-review\"", detail, StringComparison.Ordinal);
        Assert.Contains("rating-subject", await board.GetStringAsync($"/Inbox?handler=Diagram&taskId={task}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_reviewers_claiming_at_once_get_one_success_and_one_clear_refusal()
    {
        var (scenario, roundId, files, admin) = await RoundAsync(1);
        using var _ = admin;
        using var board1 = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId, "btc1");
        using var board2 = await scenario.UserAsync(Roles.OrganizationBoard, scenario.DecidingUnitId, "btc2");
        await SubmitAsync(admin, files[0], RatingLevel.Good);
        var task = (await InboxAsync(board1, $"round={roundId}")).GetProperty("items")[0].GetProperty("taskId").GetGuid();

        var responses = await Task.WhenAll(board1.PostJsonAsync($"/api/inbox/tasks/{task}/claim", null), board2.PostJsonAsync($"/api/inbox/tasks/{task}/claim", null));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var loser = responses.Single(r => r.StatusCode != HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
        var message = JsonDocument.Parse(await loser.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!;
        Assert.True(message.Contains("đã được btc", StringComparison.Ordinal) || message.StartsWith("Việc vừa được người khác xử lý", StringComparison.Ordinal), message);
        Assert.NotNull(await AssigneeAsync(task));
    }

    [Fact]
    public async Task Live_updates_reach_the_tasks_audience_and_nobody_else()
    {
        using var team = await TeamAsync();
        var (scenario, roundId, files, admin, board1, board2, outsider, task) = team;

        await using var watcher = await ConnectAsync(board1);
        await using var stranger = await ConnectAsync(outsider);
        await RatingScenario.Ok(board2.PostJsonAsync($"/api/inbox/tasks/{task}/claim", null));
        Assert.True(await watcher.Changed.WaitAsync(TimeSpan.FromSeconds(10)), "board1 heard nothing of a task of its group");

        var fileId = files[0].GetProperty("id").GetGuid();
        var version = (await RatingScenario.FileAsync(board2, fileId)).GetProperty("version").GetInt32();
        await RatingScenario.Ok(board2.PostJsonAsync($"/api/files/{fileId}/review", new { action = "propose", level = "HTTNV", version }));
        Assert.True(await watcher.Changed.WaitAsync(TimeSpan.FromSeconds(10)), "board1 heard nothing when the task was completed");
        Assert.Equal(0, (await InboxAsync(board1, $"round={roundId}&task=boardReview")).GetProperty("total").GetInt32());

        // The outsider's connection heard nothing of either change (the notification bell neither): a round trip on it
        // comes back after anything the server had sent it.
        await stranger.BarrierAsync();
        Assert.Equal(0, stranger.Count);
    }

    private Task<string?> AssigneeAsync(Guid task) =>
        host.Factory.InScopeAsync((_, db) => db.WfTasks.Where(t => t.Id == task).Select(t => t.Assignee).SingleOrDefaultAsync());

    private async Task<Listener> ConnectAsync(WebSession session)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri("http://localhost/hubs/inbox"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => new CookieContainerHandler(session.Cookies) { InnerHandler = host.Factory.Server.CreateHandler() };
            })
            .Build();
        var listener = new Listener(connection);
        await connection.StartAsync();
        return listener;
    }

    private sealed class Listener : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private int _count;

        public Listener(HubConnection connection)
        {
            _connection = connection;
            connection.On("tasksChanged", () => { Interlocked.Increment(ref _count); Changed.Release(); });
            connection.On("notificationsChanged", () => Interlocked.Increment(ref _count));
        }

        public SemaphoreSlim Changed { get; } = new(0);

        public int Count => Volatile.Read(ref _count);

        /// <summary>A round trip on this connection (a call the hub does not have): what the server sent it before has arrived.</summary>
        public async Task BarrierAsync()
        {
            try
            {
                await _connection.InvokeAsync("barrier");
            }
            catch (HubException)
            {
                // expected: the hub has no such method; the answer is what was waited for
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _connection.DisposeAsync();
            Changed.Dispose();
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteInboxTests(SqliteHost host) : InboxTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresInboxTests(PostgresHost host) : InboxTests(host);
