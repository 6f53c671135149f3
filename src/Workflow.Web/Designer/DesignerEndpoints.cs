using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.Designer;

public sealed record CreateProcessRequest(string? Key, string? Name);

public sealed record DiagramRequest(string? Xml);

public sealed record CancelInstanceRequest(string? Reason);

public sealed record SetVariableRequest(JsonElement? Value);

public sealed record SaveFormRequest(string? Name, JsonElement? Schema);

public sealed record SubmitFormRequest(System.Text.Json.Nodes.JsonObject? Values);

/// <summary>The designer endpoints.</summary>
public static class DesignerEndpoints
{
    private static string User(HttpContext http) => http.User.Identity?.Name ?? "";

    private static string Xml(DiagramRequest body) =>
        string.IsNullOrWhiteSpace(body.Xml) ? throw DomainException.Invalid("Thiếu nội dung sơ đồ (xml).", [new FieldError("xml", "Bắt buộc.")]) : body.Xml;

    public static void MapDesigner(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin").RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .AddEndpointFilter(ApiAntiforgery.RequireForChanges).WithTags("Thiết kế quy trình");

        api.MapGet("/processes", async (ProcessDesigner designer, CancellationToken ct) => await designer.ListAsync(ct));

        api.MapPost("/processes", async (ProcessDesigner designer, HttpContext http, CreateProcessRequest body, CancellationToken ct) =>
        {
            var key = await designer.CreateAsync(body.Key, body.Name, User(http), ct);
            return Results.Created($"/api/admin/processes/{key}", new { key });
        });

        api.MapGet("/processes/{key}", async (ProcessDesigner designer, string key, CancellationToken ct) =>
        {
            var (xml, isDraft, latest, basedOn) = await designer.OpenAsync(key, ct);
            return new { key, xml, isDraft, latestVersion = latest, basedOnVersion = basedOn, problems = designer.Validate(xml) };
        });

        api.MapPut("/processes/{key}/draft", async (ProcessDesigner designer, HttpContext http, string key, DiagramRequest body, CancellationToken ct) =>
            new { saved = true, problems = await designer.SaveAsync(key, Xml(body), User(http), ct) });

        api.MapDelete("/processes/{key}/draft", async (ProcessDesigner designer, string key, CancellationToken ct) =>
            await designer.DiscardAsync(key, ct) ? Results.NoContent() : throw DomainException.NotFound($"bản nháp của quy trình \"{key}\""));

        api.MapPost("/processes/validate", (ProcessDesigner designer, DiagramRequest body) => new { problems = designer.Validate(Xml(body)) });

        api.MapPost("/processes/{key}/publish", async (ProcessDesigner designer, HttpContext http, string key, CancellationToken ct) =>
        {
            var (version, id) = await designer.PublishAsync(key, User(http), ct);
            return new { key, version, id };
        });

        api.MapGet("/processes/{key}/versions", async (ProcessDesigner designer, string key, CancellationToken ct) => await designer.VersionsAsync(key, ct));

        api.MapGet("/processes/{key}/versions/{version:int}", async (ProcessDesigner designer, string key, int version, CancellationToken ct) =>
            new { key, version, xml = await designer.VersionXmlAsync(key, version, ct) });

        // Export: the file as deployed, which Camunda Modeler opens as it is.
        api.MapGet("/processes/{key}/versions/{version:int}/download", async (ProcessDesigner designer, string key, int version, CancellationToken ct) =>
            Results.File(Encoding.UTF8.GetBytes(await designer.VersionXmlAsync(key, version, ct)), "application/xml", $"{key}-v{version}.bpmn"));

        api.MapPost("/processes/import", async (ProcessDesigner designer, HttpContext http, CancellationToken ct) =>
        {
            if (!http.Request.HasFormContentType)
            {
                throw DomainException.Invalid("Cần gửi tệp .bpmn (multipart/form-data).");
            }

            var form = await http.Request.ReadFormAsync(ct);
            var file = form.Files.Count > 0 ? form.Files[0] : throw DomainException.Invalid("Chưa chọn tệp .bpmn.", [new FieldError("file", "Bắt buộc.")]);
            if (file.Length > ProcessDesigner.MaxBytes)
            {
                throw DomainException.Invalid($"Tệp quá lớn (giới hạn {ProcessDesigner.MaxBytes / 1024 / 1024} MB).");
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var (key, problems) = await designer.ImportAsync(buffer.ToArray(), User(http), ct);
            return new { key, problems };
        }).DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ProcessDesigner.MaxBytes + 64 * 1024));

        // What the properties panel offers: roles (a group is "Role:unitId" or "Role:${unitVariable}"), forms, topics.
        api.MapGet("/designer/catalog", async (AppDbContext db, TopicRegistry topics, FormLibrary taskForms, CancellationToken ct) =>
        {
            var units = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => u.ValidTo == null).OrderBy(u => u.Depth).ThenBy(u => u.Name)
                .Select(u => new { u.Id, u.Name, u.Depth }).Take(300).ToListAsync(ct);
            var forms = await taskForms.LatestAsync(ct);
            return new
            {
                roles = Roles.All.Where(r => r != Roles.Worker).Select(r => new { id = r, name = Roles.DisplayName(r) }),
                unitVariables = new[]
                {
                    new { id = "${subjectUnitId}", name = "Đơn vị được đánh giá" },
                    new { id = "${decidingUnitId}", name = "Cấp ủy quyết định" },
                    new { id = "${superiorUnitId}", name = "Cấp trên của cấp ủy quyết định" },
                },
                units,
                forms = ProcessDesigner.BuiltInForms.Select(f => new { key = f.Key, name = f.Value, custom = false })
                    .Concat(forms.Select(f => new { key = ProcessDesigner.CustomFormPrefix + f.Key, name = $"{f.Name} (v{f.Version})", custom = true })),
                topics = topics.Topics.Order(StringComparer.Ordinal),
                dueDates = new[]
                {
                    new { id = "${selfAssessmentDue}", name = "Hạn tự đánh giá của đợt" },
                    new { id = "${reviewDue}", name = "Hạn thẩm định của đợt" },
                    new { id = "${decisionDue}", name = "Hạn quyết định của đợt" },
                    new { id = "P3D", name = "3 ngày sau khi giao việc" },
                    new { id = "P7D", name = "7 ngày sau khi giao việc" },
                },
            };
        });

        // Task forms (form-js): designed here, versioned.
        api.MapGet("/forms", async (FormLibrary forms, CancellationToken ct) =>
            (await forms.LatestAsync(ct)).Select(f => new { f.Key, f.Name, f.Version, f.SavedAtUtc, f.SavedBy, formKey = ProcessDesigner.CustomFormPrefix + f.Key }));

        api.MapGet("/forms/{key}", async (FormLibrary forms, string key, CancellationToken ct) =>
        {
            var versions = await forms.VersionsAsync(key, ct);
            var latest = versions.Count > 0 ? versions[0] : throw DomainException.NotFound($"biểu mẫu \"{key}\"");
            return new
            {
                latest.Key, latest.Name, latest.Version, schema = JsonDocument.Parse(latest.Schema).RootElement,
                versions = versions.Select(v => new { v.Version, v.SavedAtUtc, v.SavedBy }),
            };
        });

        api.MapPost("/forms/{key}", async (SaveFormVersion save, HttpContext http, string key, SaveFormRequest body, CancellationToken ct) =>
        {
            var schema = body.Schema is { ValueKind: JsonValueKind.String } text ? text.GetString() : body.Schema?.GetRawText();
            var saved = await save.RunAsync(key, body.Name, schema, User(http), ct);
            return new { saved.Key, saved.Version, formKey = ProcessDesigner.CustomFormPrefix + saved.Key };
        });

        // A task completed with its designed form (anyone the task is offered to).
        var tasks = app.MapGroup("/api/inbox/tasks").RequireAuthorization().AddEndpointFilter(ApiAntiforgery.RequireForChanges).WithTags("Việc cần làm");
        tasks.MapGet("/{id:guid}/form", async (ShowTaskForm show, HttpContext http, Guid id, CancellationToken ct) => await show.RunAsync(id, http.User, ct));
        tasks.MapPost("/{id:guid}/form", async (SubmitTaskForm submit, HttpContext http, Guid id, SubmitFormRequest body, CancellationToken ct) =>
            new { completed = true, formVersion = await submit.RunAsync(id, body.Values, http.User, ct) });

        // Operations.
        api.MapGet("/process-definitions/{id}/statistics", async (ProcessOperations operations, string id, CancellationToken ct) =>
            await operations.StatisticsAsync(id, ct));

        api.MapGet("/process-definitions/{id}", async (AppDbContext db, string id, CancellationToken ct) =>
            await db.WfDefinitions.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.Id, d.Key, d.Version, d.Name, d.Xml }).FirstOrDefaultAsync(ct)
            ?? throw DomainException.NotFound($"phiên bản quy trình \"{id}\""));

        api.MapGet("/instances", async (ProcessOperations operations, string? key, int? version, string? businessKey, string? state, bool? withIncident,
            int? page, int? pageSize, CancellationToken ct) =>
        {
            var filter = new InstanceFilter(key, version, businessKey, state, withIncident, page ?? 1, pageSize ?? 50);
            var (rows, total, current) = await operations.InstancesAsync(filter, ct);
            return new { total, page = current, pageSize = Math.Clamp(filter.PageSize, 1, 200), items = rows };
        });

        api.MapGet("/instances/{id:guid}", async (ProcessOperations operations, Guid id, CancellationToken ct) => await operations.InstanceAsync(id, ct));

        api.MapPost("/instances/{id:guid}/cancel", async (ProcessOperations operations, HttpContext http, Guid id, CancelInstanceRequest body, CancellationToken ct) =>
        {
            await operations.CancelAsync(id, body.Reason, User(http), ct);
            return Results.NoContent();
        });

        api.MapPut("/instances/{id:guid}/variables/{name}", async (ProcessOperations operations, HttpContext http, Guid id, string name, SetVariableRequest body, CancellationToken ct) =>
        {
            if (body.Value is not { ValueKind: JsonValueKind.Object } value)
            {
                throw DomainException.Invalid("Cần giá trị dạng {\"type\": ..., \"value\": ...}.", [new FieldError("value", "Bắt buộc.")]);
            }

            var actorId = Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var uid) ? uid : (Guid?)null;
            await operations.SetVariableAsync(id, name, value, User(http), actorId, ct);
            return Results.NoContent();
        });

        api.MapPost("/incidents/{id:guid}/retry", async (ProcessOperations operations, HttpContext http, Guid id, CancellationToken ct) =>
        {
            await operations.RetryAsync(id, User(http), ct);
            return Results.NoContent();
        });
    }
}
