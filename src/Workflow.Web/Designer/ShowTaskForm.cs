using System.Security.Claims;
using System.Text.Json.Nodes;
using Workflow.Engine.Runtime;

namespace Workflow.Web.Designer;

/// <summary>A form as the inbox renders it: the schema, and the values the task already has for its fields.</summary>
public sealed record TaskFormView(Guid TaskId, string Key, int Version, string Name, JsonNode Schema, JsonObject Data);

/// <summary>Shows a task's designed form with the values its fields already have (the instance's variables).</summary>
public sealed class ShowTaskForm(FormLibrary forms, WorkflowEngine engine)
{
    /// <summary>The form of a task with the values its fields already have (the instance's variables).</summary>
    public async Task<TaskFormView> RunAsync(Guid taskId, ClaimsPrincipal user, CancellationToken ct)
    {
        var (task, form) = await forms.ForTaskAsync(taskId, user, ct);
        var schema = JsonNode.Parse(form.Schema)!;
        var data = new JsonObject();
        if (await engine.Store.LoadInstanceAsync(task.InstanceId, ct) is { } instance)
        {
            foreach (var (component, _) in FormSchemaRules.Walk(schema.AsObject()))
            {
                if ((string?)component["key"] is { } key && instance.Variables.TryGetValue(key, out var value) && value.Value is not null)
                {
                    data[key] = value.Value.DeepClone();
                }
            }
        }

        return new TaskFormView(task.Id, form.Key, form.Version, form.Name, schema, data);
    }
}
