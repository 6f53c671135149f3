using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Engine.Runtime;
using Workflow.Web.Processes;

namespace Workflow.Browser.Tests.Designer;

/// <summary>
/// An admin designs a process in Chromium: a new draft, a user task from the palette dropped on the flow, its group
/// picked in the properties panel (the validation marker appears, then goes), publish, an instance of the new version
/// opened in the instance viewer with the task highlighted, and the operations view.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerBrowserTests(BrowserHost host)
{
    private static Task<byte[]> ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, $"designer-{name}.png") });

    /// <summary>Shapes that overlap one another, or lie under the palette that floats over the canvas's left edge.</summary>
    private const string LayoutProblems = """
        () => {
          const shapes = designer.get('elementRegistry').filter((e) => !e.waypoints && !e.labelTarget && e.parent && e.type !== 'bpmn:Process');
          const problems = [];
          for (let i = 0; i < shapes.length; i++) {
            for (let j = i + 1; j < shapes.length; j++) {
              const [a, b] = [shapes[i], shapes[j]];
              if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) problems.push(`${a.id} overlaps ${b.id}`);
            }
          }
          const palette = document.querySelector('.djs-palette').getBoundingClientRect();
          for (const s of shapes) {
            const r = document.querySelector(`.djs-element[data-element-id="${s.id}"]`).getBoundingClientRect();
            if (r.left < palette.right && r.top < palette.bottom && r.bottom > palette.top) problems.push(`${s.id} is under the palette`);
          }
          return problems;
        }
        """;

    [Fact]
    public async Task Admin_adds_a_user_task_picks_its_group_publishes_and_sees_an_instance_wait_there()
    {
        var errors = new List<string>();
        var page = await host.SignedInPageAsync("admin", errors, expected: "favicon");
        var key = $"bt_{Guid.NewGuid():N}"[..14];

        // A new process from the list page: a draft with a start and an end event.
        await page.GotoAsync("/Admin/Processes");
        await page.GetByLabel("Mã quy trình (không dấu)").FillAsync(key);
        await page.GetByLabel("Tên", new() { Exact = true }).FillAsync("Duyệt thử trên trình duyệt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tạo bản nháp" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/Admin/Processes/Edit\\?key={key}$"));
        var designer = page.Locator("[data-designer]");
        await Assertions.Expect(designer).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.GetByTestId("draft-state")).ToHaveTextAsync("Bản nháp (chưa chạy)");
        // The palette in Vietnamese, and the bpmn.io mark kept.
        await Assertions.Expect(page.Locator(".djs-palette .entry[aria-label='Thêm công việc']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".bjs-powered-by")).ToBeVisibleAsync();

        // A task from the palette, dropped on the flow from start to end (bpmn-js splits the flow).
        await page.Locator(".djs-palette .entry[aria-label='Thêm công việc']").ClickAsync();
        var flow = await page.EvaluateAsync<double[]>("""
            () => {
              const flow = designer.get('elementRegistry').get('flow_start_end');
              const box = document.querySelector('[data-canvas] .djs-container').getBoundingClientRect();
              const vb = designer.get('canvas').viewbox();
              const [a, b] = flow.waypoints;
              return [box.left + ((a.x + b.x) / 2 - vb.x) * vb.scale, box.top + ((a.y + b.y) / 2 - vb.y) * vb.scale];
            }
            """);
        await page.Mouse.MoveAsync((float)flow[0] - 20, (float)flow[1]);
        await page.Mouse.MoveAsync((float)flow[0], (float)flow[1]);
        await page.Mouse.ClickAsync((float)flow[0], (float)flow[1]);
        var taskId = await page.EvaluateAsync<string>("() => designer.get('elementRegistry').filter(e => e.type === 'bpmn:Task')[0].id");
        Assert.Empty(await page.EvaluateAsync<string[]>(LayoutProblems));

        // A second task dropped on the short flow between the new task and the end: it lands right of the task and the
        // end event moves right to make room (as the space tool would); one undo takes all of it back.
        var endX = await page.EvaluateAsync<double>("() => designer.get('elementRegistry').get('end').x");
        var movedEndX = await page.EvaluateAsync<double>($$"""
            () => {
              const registry = designer.get('elementRegistry');
              const flow = registry.get('{{taskId}}').outgoing[0];
              const [a, b] = flow.waypoints.slice(-2);
              const shape = designer.get('elementFactory').createShape({ type: 'bpmn:Task' });
              designer.get('modeling').createElements([shape], { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, flow);
              return registry.get('end').x;
            }
            """);
        Assert.True(movedEndX > endX, "the end event did not move to make room");
        Assert.Equal(2, await page.EvaluateAsync<int>("() => designer.get('elementRegistry').filter(e => e.type === 'bpmn:Task').length"));
        Assert.Empty(await page.EvaluateAsync<string[]>(LayoutProblems));
        await ShotAsync(page, "0-make-space");
        await page.EvaluateAsync("() => designer.get('commandStack').undo()");
        Assert.Equal(endX, await page.EvaluateAsync<double>("() => designer.get('elementRegistry').get('end').x"));
        Assert.Equal(1, await page.EvaluateAsync<int>("() => designer.get('elementRegistry').filter(e => e.type === 'bpmn:Task').length"));

        // Make it a user task with the replace menu (the wrench of its context pad).
        // (a new shape opens its label for typing: leave it; the shape stays selected with its context pad)
        await page.Keyboard.PressAsync("Escape");
        await page.Locator(".djs-context-pad .entry[data-action='replace']").ClickAsync();
        await page.Locator(".djs-popup [data-id='replace-with-user-task']").ClickAsync();
        var userTaskId = await page.EvaluateAsync<string>("() => designer.get('elementRegistry').filter(e => e.type === 'bpmn:UserTask')[0].id");
        // Its name in the properties panel's general group.
        var general = page.Locator(".bio-properties-panel-group-header", new() { HasText = "Thông tin chung" });
        if (await general.GetAttributeAsync("class") is { } cls && !cls.Contains("open", StringComparison.Ordinal))
        {
            await general.ClickAsync();
        }

        await page.Locator("[data-properties] textarea[name='name'], [data-properties] input[name='name']").First.FillAsync("Phê duyệt");

        // Offered to nobody yet: the engine-side check puts a warning marker on it.
        var marker = page.Locator($"[data-testid='problem-marker'][data-element-id='{userTaskId}']");
        await Assertions.Expect(marker).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("problems")).ToContainTextAsync("Chưa giao cho ai");
        await ShotAsync(page, "1-warning");

        // The product's group in the properties panel: role Admin, any unit → the marker goes.
        await page.Locator(".bio-properties-panel-group-header", new() { HasText = "Hệ thống" }).ClickAsync();
        await page.Locator("select[name='product-role']").SelectOptionAsync("Admin");
        await page.Locator("select[name='product-unit']").SelectOptionAsync("");
        await Assertions.Expect(marker).ToHaveCountAsync(0);
        Assert.Equal("Admin", await page.EvaluateAsync<string>($"() => designer.get('elementRegistry').get('{userTaskId}').businessObject.get('camunda:candidateGroups')"));

        // Undo brings the warning back, redo removes it again (bpmn-js's keyboard in our page).
        await page.Locator("[data-canvas] .djs-container").ClickAsync(new() { Position = new() { X = 750, Y = 60 } });
        await page.Keyboard.PressAsync("Control+z");
        await page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(marker).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Control+y");
        await page.Keyboard.PressAsync("Control+y");
        await Assertions.Expect(marker).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("problem-count")).ToHaveTextAsync("Không có lỗi");
        await ShotAsync(page, "2-designer");

        // Copy and paste (bpmn-js's keyboard): a second user task, then undone.
        var box = (await page.Locator($".djs-element[data-element-id='{userTaskId}'] .djs-hit").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.Keyboard.PressAsync("Control+c");
        await page.Keyboard.PressAsync("Control+v");
        await page.Mouse.MoveAsync(box.X + (box.Width / 2) + 10, box.Y + 250);
        await page.Mouse.ClickAsync(box.X + (box.Width / 2) + 20, box.Y + 260);
        const string UserTasks = "() => designer.get('elementRegistry').filter(e => e.type === 'bpmn:UserTask').length";
        Assert.Equal(2, await page.EvaluateAsync<int>(UserTasks));
        await page.Keyboard.PressAsync("Control+z");
        Assert.Equal(1, await page.EvaluateAsync<int>(UserTasks));
        await Assertions.Expect(page.GetByTestId("problem-count")).ToHaveTextAsync("Không có lỗi");

        // Publish (confirmed): version 1.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(page.Locator("[data-status]")).ToContainTextAsync("Đã phát hành phiên bản 1");
        await Assertions.Expect(page.GetByTestId("draft-state")).ToHaveTextAsync("Đang dùng phiên bản 1");

        // English is available: the palette follows the language box (kept for this browser), then back to Vietnamese.
        await page.GetByTestId("language").SelectOptionAsync("en");
        await Assertions.Expect(page.Locator("[data-designer]")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.Locator(".djs-palette .entry[aria-label='Create task']")).ToBeVisibleAsync();
        await page.GetByTestId("language").SelectOptionAsync("vi");
        await Assertions.Expect(page.Locator(".djs-palette .entry[aria-label='Thêm công việc']")).ToBeVisibleAsync();

        // The change-type menu offers only what the engine runs.
        var offered = await page.EvaluateAsync<string[]>($$"""
            () => {
              const element = window.designer.get('elementRegistry').get('{{userTaskId}}');
              window.designer.get('popupMenu').open(element, 'bpmn-replace', { x: 200, y: 200 });
              const ids = [...document.querySelectorAll('.djs-popup [data-id]')].map((e) => e.getAttribute('data-id'));
              window.designer.get('popupMenu').close();
              return ids;
            }
            """);
        Assert.Contains("replace-with-service-task", offered);
        Assert.Contains("replace-with-expanded-subprocess", offered);
        Assert.DoesNotContain(offered, id => id.Contains("ad-hoc", StringComparison.Ordinal) || id.Contains("script", StringComparison.Ordinal)
            || id.Contains("transaction", StringComparison.Ordinal) || id.Contains("rule-task", StringComparison.Ordinal));

        // An instance of the new version waits at the task; the instance viewer highlights it.
        var instanceId = await host.Factory.InScopeAsync(async (sp, _) => (await sp.GetRequiredService<WorkflowEngine>().StartByKeyAsync(key)).Id);
        await page.GotoAsync($"/Admin/Instances?key={key}");
        await page.Locator($"tr[data-instance='{instanceId}']").GetByRole(AriaRole.Link, new() { Name = "Xem" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-instance-view]")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.Locator($".djs-element.current[data-element-id='{userTaskId}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".djs-element.done[data-element-id='start']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".djs-connection.done-flow")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("activity-tree")).ToContainTextAsync("Phê duyệt");
        // The journal reads in Vietnamese, with times in Vietnam time as dd/MM/yyyy.
        await Assertions.Expect(page.GetByTestId("journal")).ToContainTextAsync("Bắt đầu bước");
        await Assertions.Expect(page.GetByTestId("journal")).Not.ToContainTextAsync("ActivityStarted");
        await Assertions.Expect(page.GetByTestId("journal").Locator("tbody tr").First.Locator("td").First)
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{2}/\d{2}/\d{4}"));
        var shown = DateTime.ParseExact(await page.GetByTestId("journal").Locator("tbody tr").First.Locator("td").First.InnerTextAsync(), "dd/MM/yyyy HH:mm:ss",
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs((shown - DateTime.UtcNow.AddHours(7)).TotalMinutes) < 5, $"{shown} is not Vietnam time");
        await ShotAsync(page, "3-instance");

        // Two more instances pass the task: the operations view of version 1 shows one waiting and the time spent (heatmap).
        await host.Factory.InScopeAsync(async (sp, db) =>
        {
            var engine = sp.GetRequiredService<WorkflowEngine>();
            for (var i = 0; i < 2; i++)
            {
                var done = await engine.StartByKeyAsync(key);
                var task = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.WfTasks, t => t.InstanceId == done.Id);
                await engine.CompleteTaskAsync(task.Id, actor: "admin");
            }

            return true;
        });
        await page.GotoAsync($"/Admin/Processes/Versions?key={key}");
        await page.Locator("[data-testid='versions'] a[aria-label^='Vận hành']").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-process-operations]")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.Locator($"[data-testid='active-count'][data-element-id='{userTaskId}']")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator($".djs-element.heat-5[data-element-id='{userTaskId}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"[data-testid='element-stats'] tr[data-element-id='{userTaskId}'] td").Nth(3)).ToHaveTextAsync("2");
        await ShotAsync(page, "4-operations");
        // Version 2 renames the task and adds a second one; the versions page compares it with version 1.
        await host.Factory.InScopeAsync(async (sp, _) =>
        {
            var designer = sp.GetRequiredService<Workflow.Web.Designer.ProcessDesigner>();
            var v1 = await designer.VersionXmlAsync(key, 1, CancellationToken.None);
            var v2 = v1.Replace("name=\"Phê duyệt\"", "name=\"Phê duyệt lần cuối\"", StringComparison.Ordinal);
            await designer.SaveAsync(key, v2, "admin", CancellationToken.None);
            return await designer.PublishAsync(key, "admin", CancellationToken.None);
        });
        await page.GotoAsync($"/Admin/Processes/Versions?key={key}&v=2&compare=1");
        await Assertions.Expect(page.Locator("[data-process-versions]")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.Locator($"[data-testid='diff-list'] [data-kind='changed'][data-element-id='{userTaskId}']")).ToContainTextAsync("name: \"Phê duyệt\" → \"Phê duyệt lần cuối\"");
        await Assertions.Expect(page.Locator($"[data-testid='diff-right'] .djs-element.diff-changed[data-element-id='{userTaskId}']")).ToHaveCountAsync(1);
        await ShotAsync(page, "5-diff");
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }
}

/// <summary>The shipped rating workflow opens in the designer with no errors, and its operations view draws.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ShippedWorkflowDesignerTests(BrowserHost host)
{
    [Fact]
    public async Task The_rating_workflow_opens_without_errors_and_its_user_tasks_show_the_product_pickers()
    {
        var errors = new List<string>();
        var page = await host.SignedInPageAsync("admin", errors, expected: "favicon");

        await page.GotoAsync("/Admin/Processes");
        await Assertions.Expect(page.Locator("tr[data-key='rating-subject']")).ToBeVisibleAsync();
        await page.GotoAsync("/Admin/Processes/Edit?key=rating-subject");
        await Assertions.Expect(page.Locator("[data-designer]")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.GetByTestId("problem-count")).ToHaveTextAsync("Không có lỗi");
        await Assertions.Expect(page.GetByTestId("publish")).ToBeDisabledAsync();

        // The board's review: the product's group shows its role and the unit variable from the file.
        await page.EvaluateAsync("() => designer.get('selection').select(designer.get('elementRegistry').filter(e => e.businessObject.get && e.businessObject.get('camunda:formKey') === 'rating:board-review')[0])");
        await page.Locator(".bio-properties-panel-group-header", new() { HasText = "Hệ thống" }).ClickAsync();
        Assert.Equal("OrganizationBoard", await page.Locator("select[name='product-role']").InputValueAsync());
        Assert.Equal("${decidingUnitId}", await page.Locator("select[name='product-unit']").InputValueAsync());
        Assert.Equal("rating:board-review", await page.Locator("select[name='product-form']").InputValueAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "designer-rating-subject.png") });

        // Versions and operations of the deployed version draw too.
        await page.GotoAsync("/Admin/Processes/Versions?key=rating-subject");
        await page.Locator("[data-testid='versions'] a[aria-label^='Vận hành']").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-process-operations]")).ToHaveAttributeAsync("data-ready", "true");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "operations-rating-subject.png") });
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }
}
