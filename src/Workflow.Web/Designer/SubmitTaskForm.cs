using System.Security.Claims;
using System.Text.Json.Nodes;
using Workflow.Engine.Runtime;
using Workflow.Web.Processes;

namespace Workflow.Web.Designer;

/// <summary>
/// Completes a task with its designed form once the form's rules pass on the server; the fields become task variables,
/// never a variable the product reserves, and never on a step the product drives by its own commands.
/// </summary>
public sealed class SubmitTaskForm(FormLibrary forms, WorkflowEngine engine, ProductProcesses products)
{
    /// <summary>Completes the task with the submitted values once the form's rules pass; the fields become task variables.</summary>
    public async Task<int> RunAsync(Guid taskId, JsonObject? values, ClaimsPrincipal user, CancellationToken ct)
    {
        var (task, form) = await forms.ForTaskAsync(taskId, user, ct);
        if (!TaskAccess.CanAct(task, Actor.From(user)))
        {
            throw DomainException.Conflict($"Việc đã được {task.Assignee} nhận.");
        }

        if (products.Registered(task.DefinitionKey) is { } product && product.CommandSteps.Contains(task.ElementId))
        {
            throw DomainException.Forbidden($"Bước \"{task.Name ?? task.ElementId}\" chỉ được xử lý tại trang {product.PageFor(task.BusinessKey)}.");
        }

        var (variables, errors) = FormSchemaRules.Validate(JsonNode.Parse(form.Schema)!.AsObject(), values);
        if (errors.Count > 0)
        {
            throw DomainException.Invalid($"Biểu mẫu chưa hợp lệ: {errors.Count} trường cần sửa.", errors);
        }

        if (await products.ReservedAmongAsync(engine, task.DefinitionId, variables.Keys, ct) is { Count: > 0 } reserved)
        {
            throw DomainException.Forbidden($"Biểu mẫu ghi vào biến do hệ thống quản lý ({string.Join(", ", reserved)}); báo quản trị viên đổi khóa trường.");
        }

        await engine.CompleteTaskAsync(task.Id, variables, Actor.From(user).UserName, ct);
        return form.Version;
    }
}
