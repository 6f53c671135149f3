using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Engine.Runtime;
using Workflow.Web.Designer;
using Workflow.Web.Processes;

namespace Workflow.Browser.Tests.Designer;

/// <summary>An admin designs a task form with form-js; a task that uses it is completed from the inbox with the form-js viewer.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FormDesignerBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task Admin_designs_a_form_and_a_task_is_completed_with_it_from_the_inbox()
    {
        var errors = new List<string>();
        var page = await host.SignedInPageAsync("admin", errors, expected: "400");

        // A new form from the forms page: the editor starts with one "Ý kiến" field.
        var formKey = $"bt-{Guid.NewGuid():N}"[..14];
        await page.GotoAsync("/Admin/Forms");
        await page.GetByLabel("Mã biểu mẫu (không dấu)").FillAsync(formKey);
        await page.GetByLabel("Tên", new() { Exact = true }).FillAsync("Phiếu xác nhận số liệu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mở trình thiết kế" }).ClickAsync();
        var editor = page.Locator("[data-form-editor]");
        await Assertions.Expect(editor).ToHaveAttributeAsync("data-ready", "true");
        // form-js's palette in Vietnamese.
        await Assertions.Expect(page.Locator(".fjs-palette-field[data-field-type='number']")).ToContainTextAsync("Số");
        await Assertions.Expect(page.Locator(".fjs-palette-header")).ToContainTextAsync("Thành phần");

        // Drag a number field from the palette into the form, then give it a label, a key and a range.
        var palette = page.Locator(".fjs-palette-field[data-field-type='number']");
        await palette.DragToAsync(page.Locator(".fjs-form-container .fjs-drop-container-vertical").First);
        var field = page.Locator(".fjs-editor-container .fjs-form-field-number");
        await Assertions.Expect(field).ToHaveCountAsync(1);
        // A new field starts with a Vietnamese label (not form-js's "Number"), and the palette's hover text is Vietnamese.
        await Assertions.Expect(field.Locator("label")).ToContainTextAsync("Số mới");
        await Assertions.Expect(palette).ToHaveAttributeAsync("title", "Thêm số");
        // A dropped field is selected already (a second click would unselect it): the panel shows the number field.
        var panel = page.Locator(".fjs-properties-panel");
        if (!(await panel.Locator(".bio-properties-panel-header-type").InnerTextAsync()).Equals("Số", StringComparison.OrdinalIgnoreCase))
        {
            await field.ClickAsync();
        }

        await Assertions.Expect(panel.Locator(".bio-properties-panel-header-type")).ToHaveTextAsync("Số");
        if (!await panel.Locator("#bio-properties-panel-label").IsVisibleAsync())
        {
            await panel.Locator(".bio-properties-panel-group-header", new() { HasText = "Thông tin chung" }).ClickAsync();
        }

        await panel.Locator("#bio-properties-panel-label").FillAsync("Số đảng viên dự họp");
        await panel.Locator("#bio-properties-panel-key").FillAsync("present");
        await Assertions.Expect(field).ToContainTextAsync("Số đảng viên dự họp");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "form-designer.png") });
        await page.GetByTestId("save-form").ClickAsync();
        await Assertions.Expect(editor.Locator("[data-status]")).ToContainTextAsync("Đã lưu phiên bản 1");
        var saved = await host.Factory.InScopeAsync(async (sp, _) => await sp.GetRequiredService<FormLibrary>().LatestAsync(formKey, CancellationToken.None));
        Assert.Contains("\"key\":\"present\"", saved!.Schema, StringComparison.Ordinal);

        // A process whose task uses the form; an instance waits there for the admins.
        var key = $"bt_form_{Guid.NewGuid():N}"[..16];
        var instanceId = await host.Factory.InScopeAsync(async (sp, _) =>
        {
            var designer = sp.GetRequiredService<ProcessDesigner>();
            var xml = $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
                  <bpmn:process id="{key}" name="Xác nhận số liệu" isExecutable="true">
                    <bpmn:startEvent id="start" />
                    <bpmn:userTask id="confirm" name="Xác nhận số liệu" camunda:candidateGroups="Admin" camunda:formKey="form:{formKey}" />
                    <bpmn:endEvent id="end" />
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="confirm" />
                    <bpmn:sequenceFlow id="f2" sourceRef="confirm" targetRef="end" />
                  </bpmn:process>
                  <bpmndi:BPMNDiagram id="di"><bpmndi:BPMNPlane id="p" bpmnElement="{key}">
                    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="160" y="100" width="36" height="36" /></bpmndi:BPMNShape>
                    <bpmndi:BPMNShape id="confirm_di" bpmnElement="confirm"><dc:Bounds x="250" y="78" width="100" height="80" /></bpmndi:BPMNShape>
                    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="400" y="100" width="36" height="36" /></bpmndi:BPMNShape>
                  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
                </bpmn:definitions>
                """;
            await designer.SaveAsync(key, xml, "admin", CancellationToken.None);
            await designer.PublishAsync(key, "admin", CancellationToken.None);
            return (await sp.GetRequiredService<WorkflowEngine>().StartByKeyAsync(key)).Id;
        });

        // The inbox renders the form with form-js: the required "Ý kiến" is checked in the browser first.
        var taskId = await host.Factory.InScopeAsync((_, db) => db.WfTasks.Where(t => t.InstanceId == instanceId).Select(t => t.Id).SingleAsync());
        await page.GotoAsync($"/Inbox#t-{taskId}");
        await page.Locator($"tr[data-task='{taskId}']").ClickAsync();
        var form = page.GetByTestId("custom-form");
        await Assertions.Expect(form).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(form).ToContainTextAsync("Phiếu xác nhận số liệu (v1)");
        await form.GetByLabel("Số đảng viên dự họp").FillAsync("27");
        await form.GetByTestId("submit-form").ClickAsync();
        await Assertions.Expect(form.Locator(".fjs-form-field-error")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(form.Locator(".fjs-form-field-error").First).ToContainTextAsync("Trường này là bắt buộc.");
        await form.GetByLabel("Ý kiến").FillAsync("Số liệu khớp biên bản");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "form-inbox.png") });
        await form.GetByTestId("submit-form").ClickAsync();
        await Assertions.Expect(page.Locator($"tr[data-task='{taskId}']")).ToHaveCountAsync(0);

        // The values are the task's variables; the instance is done.
        var instance = await host.Factory.InScopeAsync(async (sp, _) => await sp.GetRequiredService<WorkflowEngine>().Store.LoadInstanceAsync(instanceId, CancellationToken.None));
        Assert.Equal(InstanceStatus.Completed, instance!.Status);
        Assert.Equal("Số liệu khớp biên bản", instance.Variables["comment"].Value!.GetValue<string>());
        Assert.Equal(27, instance.Variables["present"].Value!.GetValue<long>());
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }
}
