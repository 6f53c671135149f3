using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Web.Identity;
using Workflow.Web.Org;
using Workflow.Web.Ratings;

namespace Workflow.Web.Tests.Ratings;

/// <summary>
/// Builds what a rating test needs on the shared host: a fresh deciding unit with its grassroots organizations (and
/// members), users bound to it by role, a round opened over HTTP; and drives files through the workflow over HTTP.
/// </summary>
public sealed class RatingScenario(AppHost host)
{
    public const string Password = "Test@2026";

    public Guid DecidingUnitId { get; private set; }
    public Guid ParentUnitId { get; private set; }
    public List<Guid> Grassroots { get; } = [];
    public List<Guid> Members { get; } = [];
    private readonly string _tag = Guid.NewGuid().ToString("N")[..6];

    /// <summary>A direct committee under the province with <paramref name="grassroots"/> organizations, each with <paramref name="membersEach"/> members.</summary>
    public async Task<RatingScenario> BuildTreeAsync(int grassroots, int membersEach = 0)
    {
        await host.Factory.InScopeAsync(async (_, db) =>
        {
            var province = await db.Units.FirstAsync(u => u.Code == "TU");
            ParentUnitId = province.Id;
            var deciding = NewUnit(province, UnitKind.DirectCommittee, $"Đảng bộ thử {_tag}", 0);
            db.Units.Add(deciding);
            DecidingUnitId = deciding.Id;
            for (var i = 0; i < grassroots; i++)
            {
                var unit = NewUnit(deciding, UnitKind.GrassrootsBranch, $"Chi bộ thử {_tag} số {i + 1:000}", i);
                db.Units.Add(unit);
                Grassroots.Add(unit.Id);
                for (var m = 0; m < membersEach; m++)
                {
                    var member = new PartyMember
                    {
                        UnitId = unit.Id, FullName = $"Đảng viên {_tag} {i + 1}-{m + 1}", DateOfBirth = new DateOnly(1980, 1, 1),
                        JoinedOn = new DateOnly(2005, 5, 19), WorksInPoliticalSystem = true, Position = m == 0 ? "Trưởng phòng" : "Chuyên viên",
                    };
                    member.SearchName = TextFolding.Fold(member.FullName);
                    db.Members.Add(member);
                    Members.Add(member.Id);
                }
            }

            await db.SaveChangesAsync();
        });
        return this;
    }

    private static Unit NewUnit(Unit parent, UnitKind kind, string name, int order)
    {
        var unit = new Unit { ParentId = parent.Id, Kind = kind, Name = name, SearchName = TextFolding.Fold(name), Depth = parent.Depth + 1, SortOrder = order, ValidFrom = new DateOnly(2021, 1, 1) };
        unit.Path = Unit.PathUnder(parent, unit.Id);
        return unit;
    }

    /// <summary>A user with one role bound to a unit; returns a signed-in session.</summary>
    public async Task<WebSession> UserAsync(string role, Guid unitId, string? name = null, Guid? memberId = null)
    {
        var userName = $"{name ?? role.ToLowerInvariant()}.{_tag}.{unitId.ToString("N")[^8..]}";
        await host.Factory.InScopeAsync(async (sp, _) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync(userName) is null)
            {
                var user = new AppUser { UserName = userName, FullName = "Người dùng thử " + role, UnitId = unitId, MemberId = memberId };
                Assert.True((await users.CreateAsync(user, Password)).Succeeded);
                await users.AddToRoleAsync(user, role);
            }
        });
        return await host.SignInAsync(userName, Password);
    }

    /// <summary>
    /// A rule set of the test's own: a copy of <paramref name="basisCode"/>'s first version, changed by
    /// <paramref name="change"/>, valid for every year (other tests save edited versions of the shipped rule sets).
    /// </summary>
    public async Task<string> RuleSetCopyAsync(string basisCode, Func<RuleSetDefinition, RuleSetDefinition> change, string name)
    {
        var code = "THU-" + Guid.NewGuid().ToString("N")[..6];
        await host.Factory.InScopeAsync(async (_, db) =>
        {
            var basis = (await db.RuleSets.FirstAsync(r => r.Code == basisCode && r.Version == 1)).Parse();
            db.RuleSets.Add(new RuleSet
            {
                Code = code, Name = name, FromYear = 2000, ToYear = 2100, CreatedAtUtc = DateTime.UtcNow, Definition = change(basis).ToJson(),
            });
            await db.SaveChangesAsync();
        });
        return code;
    }

    public Task<Guid> RuleSetAsync(string code) =>
        host.Factory.InScopeAsync((_, db) => db.RuleSets.Where(r => r.Code == code).OrderByDescending(r => r.Version).Select(r => r.Id).FirstAsync());

    /// <summary>Opens a round over HTTP and waits for the background job to finish creating its files.</summary>
    public async Task<Guid> OpenRoundAsync(WebSession opener, int year, string ruleSet, Guid decidingUnitId, params SubjectType[] types)
    {
        var response = await opener.PostJsonAsync("/api/rounds", new
        {
            year, ruleSetId = await RuleSetAsync(ruleSet), decidingUnitId, subjectTypes = types,
            selfAssessmentDue = new DateTime(year, 12, 10, 17, 0, 0), reviewDue = new DateTime(year, 12, 20, 17, 0, 0),
            decisionDue = new DateTime(year, 12, 28, 17, 0, 0), complaintDays = 15,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        var status = await Eventually.ValueAsync(async () => (await opener.GetJsonAsync($"/api/rounds/{id}")).GetProperty("status").GetString(),
            s => s is "Open" or "Failed");
        Assert.Equal("Open", status);
        return id;
    }

    public static async Task<List<JsonElement>> FilesAsync(WebSession reader, Guid roundId, string? type = null)
    {
        var all = new List<JsonElement>();
        Guid? after = null;
        while (true)
        {
            var page = await reader.GetJsonAsync($"/api/rounds/{roundId}/files?take=500{(type is null ? "" : "&type=" + type)}{(after is { } a ? "&after=" + a : "")}");
            var items = page.EnumerateArray().ToList();
            all.AddRange(items);
            if (items.Count < 500)
            {
                return all;
            }

            after = items[^1].GetProperty("id").GetGuid();
        }
    }

    public static async Task<JsonElement> FileAsync(WebSession reader, Guid fileId) =>
        (await reader.GetJsonAsync($"/api/files/{fileId}")).GetProperty("file");

    /// <summary>Answers that make the rule set suggest <paramref name="level"/> (all criteria at one grade).</summary>
    public static object Content(JsonElement form, RatingLevel level, bool points = false)
    {
        var grade = level switch { RatingLevel.Excellent => "XS", RatingLevel.Good => "T", RatingLevel.Complete => "TB", _ => "K" };
        var criteria = form.GetProperty("criteria").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => points
            ? Math.Round(c.GetProperty("maxPoints").GetInt32() * (level switch { RatingLevel.Excellent => 0.95m, RatingLevel.Good => 0.8m, RatingLevel.Complete => 0.6m, _ => 0.3m }), 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : grade);
        return new
        {
            criteria,
            onTimePercent = points ? 100 : (int?)null,
            exceedingPercent = points ? 40 : (int?)null,
            achievements = "Hoàn thành các chỉ tiêu nghị quyết năm; lãnh đạo cơ quan hoàn thành tốt nhiệm vụ chuyên môn.",
            shortcomings = "Sinh hoạt chuyên đề có lúc chưa đều.",
            meeting = new { date = "2022-12-05", membersTotal = 20, membersPresent = 19, votesFor = 18 },
            branchComment = "Chi bộ nhất trí với bản tự kiểm điểm.",
            proposedLevel = RatingText.Code(level),
        };
    }

    /// <summary>Self-assessment (by <paramref name="secretary"/>), the board's proposal and the inspection opinion: the file waits for the decision.</summary>
    public static async Task DriveToProposalAsync(WebSession secretary, WebSession board, WebSession inspection, Guid fileId, RatingLevel level)
    {
        var detail = await secretary.GetJsonAsync($"/api/files/{fileId}");
        var version = detail.GetProperty("file").GetProperty("version").GetInt32();
        await Ok(secretary.PostJsonAsync($"/api/files/{fileId}/submit", new { content = Content(detail.GetProperty("form"), level, detail.GetProperty("scoring").GetString() == "Points"), version }));
        version = (await FileAsync(board, fileId)).GetProperty("version").GetInt32();
        await Ok(board.PostJsonAsync($"/api/files/{fileId}/review", new { action = "propose", level = RatingText.Code(level), version }));
        version = (await FileAsync(inspection, fileId)).GetProperty("version").GetInt32();
        await Ok(inspection.PostJsonAsync($"/api/files/{fileId}/inspection", new { opinion = "Không có vi phạm.", degradation = false, version }));
    }

    public static async Task<JsonElement> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> Refused(Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
