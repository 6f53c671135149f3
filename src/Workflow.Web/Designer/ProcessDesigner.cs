using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Engine.Bpmn;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.Designer;

/// <summary>One row of the process list.</summary>
public sealed record ProcessRow(string Key, string? Name, int? LatestVersion, string? LatestId, DateTime? PublishedAtUtc, bool HasDraft,
    DateTime? DraftSavedAtUtc, string? DraftSavedBy, int Running, int Incidents);

/// <summary>A problem found in a diagram: on an element (or the whole file), an error (blocks publishing) or a warning.</summary>
public sealed record DesignProblem(string? ElementId, string? ElementName, Message Message, string Severity);

public sealed record VersionRow(int Version, string Id, DateTime DeployedAtUtc, string? Source, int Running, int Completed);

/// <summary>
/// Drafts, validation, publishing and versions of the processes the admins design in the browser. Validation is the
/// engine's own reader and validator (what a deployment would refuse is an error), plus the product's checks on what
/// the engine cannot know (candidate groups naming no role, form keys and topics nobody serves are warnings).
/// </summary>
public sealed partial class ProcessDesigner(AppDbContext db, WorkflowEngine engine, TopicRegistry topics, ProductProcesses products, TimeProvider clock)
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public const string Error = "error";
    public const string Warning = "warning";

    /// <summary>The forms the product renders itself, by form key.</summary>
    public static readonly IReadOnlyDictionary<string, string> BuiltInForms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["rating:self-assessment"] = "Tự đánh giá, xếp loại (chi bộ, đảng viên)",
        ["rating:board-review"] = "Thẩm định của Ban Tổ chức",
        ["rating:inspection-opinion"] = "Ý kiến của Ủy ban Kiểm tra",
        ["rating:complaint-review"] = "Xác minh khiếu nại",
        ["rating:redecision"] = "Ban Thường vụ quyết định lại",
    };

    public const string CustomFormPrefix = "form:";

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-]{0,199}$")]
    private static partial Regex KeyPattern();

    public async Task<List<ProcessRow>> ListAsync(CancellationToken ct)
    {
        var latest = await db.WfDefinitions.AsNoTracking()
            .GroupBy(d => d.Key).Select(g => g.OrderByDescending(d => d.Version).Select(d => new { d.Key, d.Name, d.Version, d.Id, d.DeployedAtUtc }).First())
            .ToListAsync(ct);
        var drafts = await db.ProcessDrafts.AsNoTracking().Select(d => new { d.Key, d.Name, d.SavedAtUtc, d.SavedBy }).ToListAsync(ct);
        var running = await db.WfInstances.AsNoTracking().Where(i => i.Status == (int)InstanceStatus.Active)
            .GroupBy(i => i.DefinitionKey).Select(g => new { Key = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var incidents = await (from i in db.WfIncidents.AsNoTracking()
                               join d in db.WfDefinitions.AsNoTracking() on i.DefinitionId equals d.Id
                               group i by d.Key into g
                               select new { Key = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var keys = latest.Select(l => l.Key).Union(drafts.Select(d => d.Key)).Order(StringComparer.Ordinal);
        return keys.Select(k =>
        {
            var l = latest.FirstOrDefault(x => x.Key == k);
            var d = drafts.FirstOrDefault(x => x.Key == k);
            return new ProcessRow(k, d?.Name ?? l?.Name, l?.Version, l?.Id, l?.DeployedAtUtc, d is not null, d?.SavedAtUtc, d?.SavedBy,
                running.GetValueOrDefault(k), incidents.GetValueOrDefault(k));
        }).ToList();
    }

    /// <summary>What the modeler opens: the draft if there is one, else the latest version.</summary>
    public async Task<(string Xml, bool IsDraft, int? LatestVersion, int? BasedOn)> OpenAsync(string key, CancellationToken ct)
    {
        var draft = await db.ProcessDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.Key == key, ct);
        var latest = await db.WfDefinitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Version)
            .Select(d => new { d.Version, d.Xml }).FirstOrDefaultAsync(ct);
        if (draft is not null)
        {
            return (draft.Xml, true, latest?.Version, draft.BasedOnVersion);
        }

        return latest is null ? throw DomainException.NotFound($"quy trình \"{key}\"") : (latest.Xml, false, latest.Version, latest.Version);
    }

    /// <summary>Starts a new process: a draft with a start and an end event, never deployed until published.</summary>
    public async Task<string> CreateAsync(string? key, string? name, string user, CancellationToken ct)
    {
        key = key?.Trim() ?? "";
        name = string.IsNullOrWhiteSpace(name) ? key : name.Trim();
        if (!KeyPattern().IsMatch(key))
        {
            throw DomainException.Invalid("Mã quy trình chỉ gồm chữ cái không dấu, chữ số, '_', '-', '.', bắt đầu bằng chữ cái hoặc '_', tối đa 200 ký tự.",
                [new FieldError("key", "Mã quy trình không hợp lệ.")]);
        }

        if (await db.WfDefinitions.AnyAsync(d => d.Key == key, ct) || await db.ProcessDrafts.AnyAsync(d => d.Key == key, ct))
        {
            throw DomainException.Conflict($"Đã có quy trình mã \"{key}\". Hãy mở quy trình đó để sửa, hoặc chọn mã khác.");
        }

        await SaveAsync(key, Starter(key, name!), user, ct);
        return key;
    }

    /// <summary>
    /// Saves the draft of <paramref name="key"/>. A draft may have errors (that is what drafts are for), but it must be
    /// a readable BPMN file of this one process: anything else is refused and the previous draft is kept.
    /// </summary>
    public async Task<IReadOnlyList<DesignProblem>> SaveAsync(string key, string xml, string user, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        var (processKey, processName, problems) = Inspect(bytes);
        if (processKey != key)
        {
            throw DomainException.Invalid(processKey is null
                ? "Tệp không chứa quy trình nào."
                : $"Mã quy trình trong sơ đồ (\"{processKey}\") khác với quy trình đang sửa (\"{key}\"). Đổi lại mã, hoặc nhập tệp thành một quy trình mới.");
        }

        var latest = await db.WfDefinitions.Where(d => d.Key == key).MaxAsync(d => (int?)d.Version, ct);
        var draft = await db.ProcessDrafts.FirstOrDefaultAsync(d => d.Key == key, ct);
        if (draft is null)
        {
            draft = new ProcessDraft { Key = key, Xml = xml, SavedBy = user, BasedOnVersion = latest };
            db.ProcessDrafts.Add(draft);
        }

        draft.Xml = xml;
        draft.Name = processName;
        draft.SavedBy = user;
        draft.SavedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return problems;
    }

    public async Task<bool> DiscardAsync(string key, CancellationToken ct) =>
        await db.ProcessDrafts.Where(d => d.Key == key).ExecuteDeleteAsync(ct) > 0;

    /// <summary>The problems of a diagram as the modeler shows them, without saving anything.</summary>
    public IReadOnlyList<DesignProblem> Validate(string xml) => Inspect(Encoding.UTF8.GetBytes(xml)).Problems;

    /// <summary>Deploys the draft as version N+1 and removes it. Refused while it has errors or equals the latest version.</summary>
    public async Task<(int Version, string Id)> PublishAsync(string key, string user, CancellationToken ct)
    {
        var draft = await db.ProcessDrafts.FirstOrDefaultAsync(d => d.Key == key, ct)
            ?? throw DomainException.NotFound($"bản nháp của quy trình \"{key}\"");
        var problems = Validate(draft.Xml);
        var errors = problems.Where(p => p.Severity == Error).ToList();
        if (errors.Count > 0)
        {
            throw DomainException.Invalid($"Bản nháp còn {errors.Count} lỗi; sửa hết lỗi rồi mới phát hành được.",
                errors.Select(e => new FieldError(e.ElementId ?? "", e.Message)).ToList());
        }

        var result = await engine.DeployAsync($"Thiết kế: {key}", [($"{key}.bpmn", Encoding.UTF8.GetBytes(draft.Xml))], $"designer:{user}", changedOnly: true, ct);
        if (result.Deployed.Count == 0)
        {
            var same = result.Unchanged.Count > 0 ? result.Unchanged[0] : null;
            throw DomainException.Conflict($"Bản nháp giống hệt phiên bản {same?.Version} đang dùng: không có gì mới để phát hành. Có thể bỏ bản nháp.");
        }

        db.ProcessDrafts.Remove(draft);
        await db.SaveChangesAsync(ct);
        var deployed = result.Deployed[0];
        return (deployed.Version, deployed.Id);
    }

    public async Task<List<VersionRow>> VersionsAsync(string key, CancellationToken ct)
    {
        var versions = await db.WfDefinitions.AsNoTracking().Where(d => d.Key == key)
            .Join(db.WfDeployments.AsNoTracking(), d => d.DeploymentId, p => p.Id, (d, p) => new { d.Version, d.Id, d.DeployedAtUtc, p.Source })
            .OrderByDescending(d => d.Version).ToListAsync(ct);
        var counts = await db.WfInstances.AsNoTracking().Where(i => i.DefinitionKey == key)
            .GroupBy(i => new { i.DefinitionVersion, Active = i.Status == (int)InstanceStatus.Active })
            .Select(g => new { g.Key.DefinitionVersion, g.Key.Active, Count = g.Count() }).ToListAsync(ct);
        return versions.Select(v => new VersionRow(v.Version, v.Id, v.DeployedAtUtc, v.Source,
            counts.Where(c => c.DefinitionVersion == v.Version && c.Active).Sum(c => c.Count),
            counts.Where(c => c.DefinitionVersion == v.Version && !c.Active).Sum(c => c.Count))).ToList();
    }

    public async Task<string> VersionXmlAsync(string key, int version, CancellationToken ct) =>
        await db.WfDefinitions.AsNoTracking().Where(d => d.Key == key && d.Version == version).Select(d => d.Xml).FirstOrDefaultAsync(ct)
        ?? throw DomainException.NotFound($"phiên bản {version} của quy trình \"{key}\"");

    /// <summary>
    /// Imports a .bpmn file as the draft of the process it contains (a new one, or the existing key's draft). The file
    /// must be safe, readable BPMN with exactly one process; its errors, if any, are the draft's to fix.
    /// </summary>
    public async Task<(string Key, IReadOnlyList<DesignProblem> Problems)> ImportAsync(byte[] content, string user, CancellationToken ct)
    {
        if (content.Length > MaxBytes)
        {
            throw DomainException.Invalid($"Tệp quá lớn (giới hạn {MaxBytes / 1024 / 1024} MB).");
        }

        var (key, _, _) = Inspect(content);
        if (key is null)
        {
            throw DomainException.Invalid("Tệp không chứa quy trình nào đọc được.");
        }

        if (!KeyPattern().IsMatch(key))
        {
            throw DomainException.Invalid($"Mã quy trình \"{key}\" trong tệp không hợp lệ.");
        }

        string xml;
        try
        {
            xml = new UTF8Encoding(false, true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw DomainException.Invalid("Tệp không phải văn bản UTF-8.");
        }

        return (key, await SaveAsync(key, xml, user, ct));
    }

    /// <summary>Reads a file as the engine would; refuses what is not safe BPMN with exactly one process.</summary>
    private (string? Key, string? Name, IReadOnlyList<DesignProblem> Problems) Inspect(byte[] content)
    {
        if (content.Length > MaxBytes)
        {
            throw DomainException.Invalid($"Sơ đồ quá lớn (giới hạn {MaxBytes / 1024 / 1024} MB).");
        }

        var document = SafeXml.Load(content, out var unsafeReason);
        if (unsafeReason is not null)
        {
            throw DomainException.Invalid($"Tệp BPMN không đọc được: {unsafeReason}");
        }

        var processes = document.Root?.Name == BpmnReader.Bpmn + "definitions"
            ? document.Root.Elements(BpmnReader.Bpmn + "process").ToList()
            : throw DomainException.Invalid("Tệp không phải BPMN 2.0: phần tử gốc phải là bpmn:definitions.");
        if (processes.Count != 1)
        {
            throw DomainException.Invalid(processes.Count == 0
                ? "Tệp không chứa quy trình nào (bpmn:process)."
                : $"Tệp chứa {processes.Count} quy trình; trình thiết kế sửa từng quy trình một, hãy tách thành các tệp riêng.");
        }

        var process = processes[0];
        var key = (string?)process.Attribute("id");
        var name = (string?)process.Attribute("name");
        var read = BpmnReader.Read(content, $"{key}.bpmn", engine.ReadOptions);
        var problems = read.Problems.Concat(products.CheckDeployment(read.Processes))
            .Select(p => new DesignProblem(p.ElementId, p.ElementName, p.Message, Error)).ToList();
        // The designed forms' keys, read once and only when a task names one.
        problems.AddRange(Warnings(process, new Lazy<HashSet<string>>(() => db.FormDefinitions.Select(f => f.Key).Distinct().ToHashSet(StringComparer.Ordinal))));
        return (key, name, problems);
    }

    /// <summary>The product's checks: what the engine runs but nobody here would serve.</summary>
    private IEnumerable<DesignProblem> Warnings(XElement process, Lazy<HashSet<string>> customForms)
    {
        var camunda = BpmnReader.Camunda;
        foreach (var element in process.Descendants())
        {
            var id = (string?)element.Attribute("id");
            var name = (string?)element.Attribute("name");
            if (element.Name == BpmnReader.Bpmn + "userTask")
            {
                var groups = (string?)element.Attribute(camunda + "candidateGroups");
                var users = (string?)element.Attribute(camunda + "candidateUsers");
                var assignee = (string?)element.Attribute(camunda + "assignee");
                if (string.IsNullOrWhiteSpace(groups) && string.IsNullOrWhiteSpace(users) && string.IsNullOrWhiteSpace(assignee))
                {
                    yield return new(id, name, "Chưa giao cho ai: chọn nhóm xử lý (vai trò × đơn vị), người dùng hoặc người được giao.", Warning);
                }

                foreach (var group in (groups ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var role = group.Split(':', 2)[0];
                    if (!role.Contains("${", StringComparison.Ordinal) && !Roles.All.Contains(role, StringComparer.Ordinal))
                    {
                        yield return new(id, name, $"Nhóm \"{group}\" không ứng với vai trò nào của hệ thống ({string.Join(", ", Roles.All)}).", Warning);
                    }
                }

                var formKey = (string?)element.Attribute(camunda + "formKey");
                if (!string.IsNullOrWhiteSpace(formKey) && !formKey.Contains("${", StringComparison.Ordinal) && !BuiltInForms.ContainsKey(formKey)
                    && !(formKey.StartsWith(CustomFormPrefix, StringComparison.Ordinal) && customForms.Value.Contains(formKey[CustomFormPrefix.Length..])))
                {
                    yield return new(id, name, $"Không có biểu mẫu \"{formKey}\": chọn một biểu mẫu có sẵn hoặc thiết kế biểu mẫu mới.", Warning);
                }
            }
            else if (element.Name == BpmnReader.Bpmn + "serviceTask" || element.Name == BpmnReader.Bpmn + "sendTask")
            {
                var topic = (string?)element.Attribute(camunda + "topic");
                if (!string.IsNullOrWhiteSpace(topic) && !topics.IsInProcess(topic))
                {
                    yield return new(id, name, $"Chủ đề \"{topic}\" không do hệ thống tự xử lý: việc sẽ chờ một bộ xử lý bên ngoài (fetchAndLock).", Warning);
                }
            }
        }
    }

    /// <summary>The diagram of a new process: start → end, with its layout.</summary>
    public static string Starter(string key, string name)
    {
        var n = System.Security.SecurityElement.Escape(name);
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_{key}" targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="{key}" name="{n}" isExecutable="true">
                <bpmn:startEvent id="start" name="Bắt đầu">
                  <bpmn:outgoing>flow_start_end</bpmn:outgoing>
                </bpmn:startEvent>
                <bpmn:endEvent id="end" name="Kết thúc">
                  <bpmn:incoming>flow_start_end</bpmn:incoming>
                </bpmn:endEvent>
                <bpmn:sequenceFlow id="flow_start_end" sourceRef="start" targetRef="end" />
              </bpmn:process>
              <bpmndi:BPMNDiagram id="Diagram_{key}">
                <bpmndi:BPMNPlane id="Plane_{key}" bpmnElement="{key}">
                  <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="160" y="100" width="36" height="36" /></bpmndi:BPMNShape>
                  <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="400" y="100" width="36" height="36" /></bpmndi:BPMNShape>
                  <bpmndi:BPMNEdge id="flow_start_end_di" bpmnElement="flow_start_end"><di:waypoint x="196" y="118" /><di:waypoint x="400" y="118" /></bpmndi:BPMNEdge>
                </bpmndi:BPMNPlane>
              </bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
    }
}
