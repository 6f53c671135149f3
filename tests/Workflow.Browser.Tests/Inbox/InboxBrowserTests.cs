using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Web.Identity;
using Workflow.Web.Org;
using Workflow.Web.Ratings;

namespace Workflow.Browser.Tests.Inbox;

/// <summary>
/// A reviewer's morning in Chromium: 31 files wait for the organization board. Twenty are worked with the keyboard
/// only (j, Enter, a), ten are accepted in one bulk action, and the last one is completed by a colleague in another
/// browser while the first reviewer watches it disappear. Screenshots of the list, the pane, the bulk result, the
/// empty state and a tablet-width layout are kept and looked at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxBrowserTests(BrowserHost host)
{
    private const string Password = "Test@2026";
    private const int Files = 31;

    private async Task<IPage> SignInAsync(string userName, int width = 1366, int height = 768)
    {
        var page = await host.NewPageAsync(width, height);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("greeting")).ToBeVisibleAsync();
        return page;
    }

    private static Task<byte[]> ShotAsync(IPage page, string name, bool full = false) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, $"inbox-{name}.png"), FullPage = full });

    /// <summary>A deciding unit with <see cref="Files"/> branches, two board members, a round, every file submitted.</summary>
    private async Task<(string Tag, Guid RoundId)> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        var roundId = Guid.Empty;
        await host.Factory.InScopeAsync(async (sp, db) =>
        {
            var province = await db.Units.FirstAsync(u => u.Code == "TU");
            var deciding = new Unit { ParentId = province.Id, Kind = UnitKind.DirectCommittee, Name = $"Đảng bộ Khối Cơ quan {tag}", Depth = 1, ValidFrom = new DateOnly(2021, 1, 1) };
            deciding.SearchName = TextFolding.Fold(deciding.Name);
            deciding.Path = Unit.PathUnder(province, deciding.Id);
            db.Units.Add(deciding);
            string[] places = ["Sở Tài chính", "Sở Y tế", "Bình Giang", "Sở Giáo dục", "Văn phòng Tỉnh ủy", "Sở Tư pháp", "Kho bạc"];
            for (var i = 0; i < Files; i++)
            {
                var branch = new Unit
                {
                    ParentId = deciding.Id, Kind = UnitKind.GrassrootsBranch, Name = $"Chi bộ {places[i % places.Length]} {i + 1:00} ({tag})", Depth = 2, SortOrder = i,
                    ValidFrom = new DateOnly(2021, 1, 1),
                };
                branch.SearchName = TextFolding.Fold(branch.Name);
                branch.Path = Unit.PathUnder(deciding, branch.Id);
                db.Units.Add(branch);
            }

            await db.SaveChangesAsync();
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            foreach (var (name, full) in new[] { ("btc1", "Đặng Quốc Huy"), ("btc2", "Lê Thu Trang") })
            {
                var user = new AppUser { UserName = $"{name}.{tag}", FullName = full, UnitId = deciding.Id };
                Assert.True((await users.CreateAsync(user, Password)).Succeeded);
                await users.AddToRoleAsync(user, Roles.OrganizationBoard);
            }

            var ruleSet = await db.RuleSets.Where(r => r.Code == "124-QĐ/TW").Select(r => r.Id).FirstAsync();
            var now = DateTime.UtcNow;
            var round = await sp.GetRequiredService<OpenRound>().RunAsync(new OpenRoundRequest(null, 2024, ruleSet, deciding.Id,
                [SubjectType.GrassrootsOrganization], now.AddDays(-1), now.AddHours(30), now.AddDays(10), 15), Admin(), CancellationToken.None);
            roundId = round.Id;
        });

        // The opening runs as a background job; then every branch submits (answers worth HTTNV, proposing HTTNV).
        Assert.True(await Eventually.TrueAsync(async () =>
            await host.Factory.InScopeAsync((_, db) => db.Rounds.Where(r => r.Id == roundId).Select(r => r.Status).FirstAsync()) == RoundStatus.Open), "the round did not open");

        await host.Factory.InScopeAsync(async (sp, db) =>
        {
            var files = await db.Files.IgnoreQueryFilters().Where(f => f.RoundId == roundId).Select(f => f.Id).ToListAsync();
            Assert.Equal(Files, files.Count);
            foreach (var fileId in files)
            {
                await using var scope = sp.CreateAsyncScope();
                var view = await scope.ServiceProvider.GetRequiredService<ReadFile>().RunAsync(fileId, Admin(), CancellationToken.None);
                var content = new SelfAssessment
                {
                    Criteria = view.Form!.Criteria.ToDictionary(c => c.Code, _ => "T"),
                    Achievements = "Lãnh đạo cơ quan hoàn thành tốt nhiệm vụ chính trị năm 2024.",
                    Shortcomings = "Sinh hoạt chuyên đề có lúc chưa đều.",
                    Meeting = new MeetingRecord(new DateOnly(2024, 12, 5), 18, 17, 17),
                    ProposedLevel = "HTTNV",
                };
                await scope.ServiceProvider.GetRequiredService<SaveSelfAssessment>().RunAsync(fileId, content, submit: true, view.File.Version, Admin(), CancellationToken.None);
            }
        });
        return (tag, roundId);
    }

    private static Actor Admin() =>
        Actor.From(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, Roles.Admin), new Claim(AppClaims.FullName, "Quản trị")], "test")));

    private static async Task ExpectTotalAsync(IPage page, int total) =>
        await Assertions.Expect(page.GetByTestId("inbox-total")).ToHaveTextAsync(total.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 15000 });

    [Fact]
    public async Task A_reviewer_works_the_queue_by_keyboard_accepts_ten_at_once_and_sees_a_colleagues_change_live()
    {
        var (tag, roundId) = await ArrangeAsync();
        var reviewer = await SignInAsync($"btc1.{tag}");
        var errors = new List<string>();
        reviewer.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text + " " + message.Location);
            }
        };
        reviewer.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors.Add($"{response.Status} {response.Url}");
            }
        };

        // The board lands on the files waiting for its examination, the earliest first, due soon.
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "Việc cần làm" }).First.ClickAsync();
        await Assertions.Expect(reviewer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("task=boardReview"));
        await ExpectTotalAsync(reviewer, Files);
        await Assertions.Expect(reviewer.Locator("[data-inbox][data-live='connected']")).ToHaveCountAsync(1, new() { Timeout = 15000 });
        await Assertions.Expect(reviewer.Locator("[data-due='soon']").First).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.Locator("[data-view-count='b:review']")).ToHaveTextAsync(Files.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ShotAsync(reviewer, "1-list");

        // Tablet width: the list and the pane stack, nothing overflows sideways.
        var tablet = await SignInAsync($"btc1.{tag}", 820, 1180);
        await tablet.GotoAsync("/Inbox");
        await ExpectTotalAsync(tablet, Files);
        var overflow = await tablet.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the inbox scrolls sideways at tablet width");
        await ShotAsync(tablet, "5-tablet", full: true);
        // There, a task opens in a drawer over the list (not below the whole list); Esc closes it and the row keeps the focus.
        await tablet.Locator("[data-task]").Last.ClickAsync();
        await Assertions.Expect(tablet.GetByTestId("detail-review")).ToBeInViewportAsync();
        await Assertions.Expect(tablet.GetByTestId("close-detail")).ToBeVisibleAsync();
        await ShotAsync(tablet, "5b-tablet-drawer");
        await tablet.Keyboard.PressAsync("Escape");
        await Assertions.Expect(tablet.GetByTestId("detail-pane")).ToBeHiddenAsync();
        await Assertions.Expect(tablet.Locator("[data-task]:focus")).ToHaveCountAsync(1);
        await tablet.Locator("[data-task]").First.ClickAsync();
        await tablet.GetByTestId("close-detail").ClickAsync();
        await Assertions.Expect(tablet.GetByTestId("detail-pane")).ToBeHiddenAsync();
        await tablet.Context.CloseAsync();
        // Keyboard only: the help, then j / Enter opens the first file in the pane with its diagram.
        await reviewer.Keyboard.PressAsync("?");
        await Assertions.Expect(reviewer.GetByTestId("shortcuts")).ToBeVisibleAsync();
        await reviewer.Keyboard.PressAsync("Escape");
        await Assertions.Expect(reviewer.GetByTestId("shortcuts")).ToBeHiddenAsync();
        await reviewer.Keyboard.PressAsync("j");
        await reviewer.Keyboard.PressAsync("Enter");
        await Assertions.Expect(reviewer.GetByTestId("detail-review")).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.Locator("[data-diagram][data-ready='true']")).ToHaveCountAsync(1, new() { Timeout = 15000 });
        await Assertions.Expect(reviewer.Locator(".djs-element.inbox-step")).ToHaveCountAsync(1);
        await Assertions.Expect(reviewer.GetByTestId("detail-vote")).ToContainTextAsync("tán thành 17");
        await ShotAsync(reviewer, "2-detail");

        // The diagram can be enlarged and shrunk again.
        await reviewer.GetByTestId("diagram-enlarge").ClickAsync();
        await Assertions.Expect(reviewer.GetByTestId("diagram")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("inbox-diagram-large"));
        await ShotAsync(reviewer, "2b-diagram-large");
        await reviewer.GetByTestId("diagram-enlarge").ClickAsync();
        await Assertions.Expect(reviewer.GetByTestId("diagram")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("inbox-diagram-large"));

        // Twenty approvals with "a": each proposes the self-proposed level, says so in a toast, and moves on to the next file.
        string? previous = null;
        for (var done = 1; done <= 20; done++)
        {
            if (previous is not null)
            {
                await Assertions.Expect(reviewer.GetByTestId("detail-subject")).Not.ToHaveTextAsync(previous); // the pane has moved on
            }

            var subject = await reviewer.GetByTestId("detail-subject").InnerTextAsync();
            previous = subject;
            await reviewer.Keyboard.PressAsync("a");
            await ExpectTotalAsync(reviewer, Files - done);
            await Assertions.Expect(reviewer.GetByTestId("toast").Last).ToContainTextAsync($"Đề xuất mức — {subject.Trim()}, mức HTTNV");
            await Assertions.Expect(reviewer.GetByTestId("detail-review")).ToBeVisibleAsync();
        }

        Assert.Equal(20, await host.Factory.InScopeAsync((_, db) => db.Files.IgnoreQueryFilters().CountAsync(f => f.RoundId == roundId && f.ProposedLevel == RatingLevel.Good)));

        // Bulk: select ten with x and accept their self-proposed levels, after a confirmation listing them.
        await reviewer.Keyboard.PressAsync("Escape");
        for (var i = 0; i < 10; i++)
        {
            await reviewer.Keyboard.PressAsync("x");
            await reviewer.Keyboard.PressAsync("j");
        }

        await Assertions.Expect(reviewer.Locator("[data-selected-count]")).ToHaveTextAsync("Đã chọn 10 việc");
        await reviewer.GetByTestId("bulk-accept").ClickAsync();
        await Assertions.Expect(reviewer.Locator("[data-bulk-items] li")).ToHaveCountAsync(10);
        await Assertions.Expect(reviewer.Locator("[data-bulk-items] li").First).ToContainTextAsync("đề xuất HTTNV");
        await reviewer.GetByTestId("bulk-go").ClickAsync();
        await Assertions.Expect(reviewer.Locator("[data-bulk-summary]")).ToHaveTextAsync("Thành công 10, không thực hiện được 0.", new() { Timeout = 30000 });
        await Assertions.Expect(reviewer.Locator("[data-bulk-items] li[data-ok='true']")).ToHaveCountAsync(10);
        await ShotAsync(reviewer, "3-bulk");
        await reviewer.Keyboard.PressAsync("Escape");
        await ExpectTotalAsync(reviewer, 1);

        // A colleague in another browser completes the last one: it leaves the first reviewer's list without a reload.
        var colleague = await SignInAsync($"btc2.{tag}");
        await colleague.GotoAsync("/Inbox");
        await ExpectTotalAsync(colleague, 1);
        await colleague.Locator("tr[data-task]").First.ClickAsync();
        await colleague.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(colleague.GetByTestId("detail-done")).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByTestId("inbox-empty")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await ExpectTotalAsync(reviewer, 0);
        await ShotAsync(reviewer, "4-empty");
        Assert.Equal(Files, await host.Factory.InScopeAsync((_, db) => db.Files.IgnoreQueryFilters().CountAsync(f => f.RoundId == roundId && f.ProposedLevel == RatingLevel.Good)));

        Assert.True(errors.TrueForAll(e => e.Contains("favicon", StringComparison.Ordinal)), string.Join("\n", errors));
    }
}
