using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.EngineRest;

/// <summary>
/// Incidents, history (derived from the journal), the activity-instance tree of a running instance and per-element
/// statistics of a definition. History needs Admin, as in Camunda's default authorizations for cockpit data.
/// </summary>
public static class HistoryEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/incident", async (AppDbContext db, string? processInstanceId, string? incidentType, string? activityId, string? processDefinitionId,
            int? firstResult, int? maxResults, CancellationToken ct) =>
        {
            var page = Paging.From(firstResult, maxResults);
            var query = db.WfIncidents.AsNoTracking();
            query = Guid.TryParse(processInstanceId, out var pid) ? query.Where(i => i.InstanceId == pid) : query;
            query = incidentType is null ? query : query.Where(i => i.Type == incidentType);
            query = activityId is null ? query : query.Where(i => i.ElementId == activityId);
            query = processDefinitionId is null ? query : query.Where(i => i.DefinitionId == processDefinitionId);
            var rows = await query.OrderBy(i => i.CreatedAtUtc).Skip(page.First).Take(page.Max).ToListAsync(ct);
            return Results.Ok(rows.Select(i => new
            {
                id = i.Id.ToString(),
                processDefinitionId = i.DefinitionId,
                processInstanceId = i.InstanceId.ToString(),
                executionId = i.InstanceId.ToString(),
                incidentTimestamp = RestJson.Date(i.CreatedAtUtc),
                incidentType = i.Type,
                activityId = i.ElementId,
                failedActivityId = i.ElementId,
                causeIncidentId = i.Id.ToString(),
                rootCauseIncidentId = i.Id.ToString(),
                configuration = i.ExternalTaskId?.ToString(),
                incidentMessage = i.Message,
                tenantId = (string?)null,
                jobDefinitionId = (string?)null,
                annotation = (string?)null,
            }));
        }).RequireAuthorization(EngineRestFeature.AdminPolicy);

        var history = api.MapGroup("/history").RequireAuthorization(EngineRestFeature.AdminPolicy);

        history.MapGet("/process-instance", async (AppDbContext db, string? processInstanceId, string? processDefinitionKey, string? processInstanceBusinessKey,
            bool? finished, bool? unfinished, int? firstResult, int? maxResults, CancellationToken ct) =>
        {
            var page = Paging.From(firstResult, maxResults);
            var query = db.WfInstances.AsNoTracking();
            query = Guid.TryParse(processInstanceId, out var pid) ? query.Where(i => i.Id == pid) : query;
            query = processDefinitionKey is null ? query : query.Where(i => i.DefinitionKey == processDefinitionKey);
            query = processInstanceBusinessKey is null ? query : query.Where(i => i.BusinessKey == processInstanceBusinessKey);
            query = finished == true ? query.Where(i => i.Status != (int)InstanceStatus.Active) : query;
            query = unfinished == true ? query.Where(i => i.Status == (int)InstanceStatus.Active) : query;
            var rows = await query.OrderBy(i => i.Id).Skip(page.First).Take(page.Max).Select(HistoricInstance.Columns).ToListAsync(ct);
            return Results.Ok(rows.Select(HistoricInstance.Render));
        });

        history.MapGet("/process-instance/{id}", async (AppDbContext db, string id, CancellationToken ct) =>
        {
            var row = Guid.TryParse(id, out var pid)
                ? await db.WfInstances.AsNoTracking().Where(i => i.Id == pid).Select(HistoricInstance.Columns).FirstOrDefaultAsync(ct)
                : null;
            return row is null
                ? throw RestException.NotFound($"Không tìm thấy lịch sử phiên bản quy trình {id}.")
                : Results.Ok(HistoricInstance.Render(row));
        });

        // Camunda lists a variable's history; the engine keeps each instance's variables with the instance (ended ones too),
        // so this answers their values as they stand, for the instances named (processInstanceId or processInstanceIdIn).
        history.MapGet("/variable-instance", async (AppDbContext db, WorkflowEngine engine, string? processInstanceId, string? processInstanceIdIn,
            string? variableName, string? variableNameLike, int? firstResult, int? maxResults, CancellationToken ct) =>
        {
            var page = Paging.From(firstResult, maxResults);
            var ids = (processInstanceIdIn ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append(processInstanceId ?? "")
                .Where(x => x.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count == 0)
            {
                throw RestException.BadRequest("Cần processInstanceId hoặc processInstanceIdIn: lịch sử biến được đọc theo phiên bản quy trình.");
            }

            if (ids.Count > 100 || ids.Any(x => !Guid.TryParse(x, out _)))
            {
                throw RestException.BadRequest("processInstanceIdIn nhận tối đa 100 mã phiên bản quy trình hợp lệ, cách nhau bởi dấu phẩy.");
            }

            var like = variableNameLike is null ? null
                : new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(variableNameLike).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$",
                    System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(200));
            var instanceIds = ids.Select(Guid.Parse).Order().ToList();
            // When each variable was first set, for every instance asked for, in one query.
            var firstSet = (await db.WfJournal.AsNoTracking()
                    .Where(j => instanceIds.Contains(j.InstanceId) && j.Event == (int)JournalEvent.VariableSet && j.Detail != null)
                    .GroupBy(j => new { j.InstanceId, j.Detail }).Select(g => new { g.Key.InstanceId, g.Key.Detail, At = g.Min(j => j.AtUtc) }).ToListAsync(ct))
                .ToDictionary(x => (x.InstanceId, x.Detail!), x => x.At);
            var rows = new List<object>();
            foreach (var id in instanceIds)
            {
                var instance = await engine.Store.LoadInstanceAsync(id, ct);
                if (instance is null)
                {
                    continue;
                }

                foreach (var (name, value) in instance.Variables.OrderBy(v => v.Key, StringComparer.Ordinal))
                {
                    if ((variableName is not null && name != variableName) || (like is not null && !like.IsMatch(name)))
                    {
                        continue;
                    }

                    rows.Add(new
                    {
                        id = $"{instance.Id}:{name}",
                        name,
                        type = value.Type,
                        value = value.Type == "Json" ? value.Value?.ToJsonString() : (object?)value.Value,
                        valueInfo = new Dictionary<string, object>(),
                        processDefinitionKey = instance.DefinitionKey,
                        processDefinitionId = instance.DefinitionId,
                        processInstanceId = instance.Id.ToString(),
                        executionId = instance.Id.ToString(),
                        activityInstanceId = instance.Id.ToString(),
                        rootProcessInstanceId = instance.Id.ToString(),
                        caseDefinitionKey = (string?)null,
                        caseDefinitionId = (string?)null,
                        caseInstanceId = (string?)null,
                        caseExecutionId = (string?)null,
                        taskId = (string?)null,
                        tenantId = (string?)null,
                        errorMessage = (string?)null,
                        state = "CREATED",
                        createTime = RestJson.Date(firstSet.TryGetValue((id, name), out var at) ? at : instance.StartedAt.UtcDateTime),
                        removalTime = (string?)null,
                    });
                }
            }

            return Results.Ok(rows.Skip(page.First).Take(page.Max));
        });

        // Incidents open and resolved, from the journal (an open one also has its row in WfIncidents).
        history.MapGet("/incident", async (AppDbContext db, string? processInstanceId, string? incidentType, string? activityId, bool? open, bool? resolved,
            int? firstResult, int? maxResults, CancellationToken ct) =>
        {
            var page = Paging.From(firstResult, maxResults);
            int[] events = [(int)JournalEvent.IncidentCreated, (int)JournalEvent.IncidentResolved];
            var query = db.WfJournal.AsNoTracking().Where(j => events.Contains(j.Event) && j.ActivityInstanceId != null);
            query = Guid.TryParse(processInstanceId, out var pid) ? query.Where(j => j.InstanceId == pid) : query;
            query = activityId is null ? query : query.Where(j => j.ElementId == activityId);
            var lines = await query.OrderBy(j => j.AtUtc).ThenBy(j => j.Id).Take(50_000).ToListAsync(ct);
            var instanceIds = lines.Select(l => l.InstanceId).Distinct().ToList();
            var instances = await db.WfInstances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
                .Select(i => new { i.Id, i.DefinitionId, i.DefinitionKey }).ToDictionaryAsync(i => i.Id, ct);
            var openRows = await db.WfIncidents.AsNoTracking().Where(i => instanceIds.Contains(i.InstanceId)).ToListAsync(ct);
            // One incident per (activity instance, creation): its resolution is the next resolved line of that activity instance.
            var rows = new List<HistoricIncidentRow>();
            foreach (var group in lines.GroupBy(l => l.ActivityInstanceId!.Value))
            {
                HistoricIncidentRow? current = null;
                foreach (var line in group)
                {
                    if (line.Event == (int)JournalEvent.IncidentCreated)
                    {
                        var stillOpen = openRows.FirstOrDefault(o => o.ActivityInstanceId == group.Key && Math.Abs((o.CreatedAtUtc - line.AtUtc).TotalSeconds) < 1);
                        current = new HistoricIncidentRow((stillOpen?.Id ?? line.Id).ToString(), line.InstanceId, line.ElementId ?? "", stillOpen?.Type ?? (line.ElementKind is "serviceTask" or "sendTask" or "businessRuleTask" ? "failedExternalTask" : "failedExpression"),
                            line.Detail, line.AtUtc, null, stillOpen?.ExternalTaskId);
                        rows.Add(current);
                    }
                    else if (current is not null && current.End is null)
                    {
                        rows[^1] = current = current with { End = line.AtUtc };
                    }
                }
            }

            var result = rows
                .Where(r => incidentType is null || r.Type == incidentType)
                .Where(r => open != true || r.End is null)
                .Where(r => resolved != true || r.End is not null)
                .OrderBy(r => r.Created).Skip(page.First).Take(page.Max)
                .Select(r => new
                {
                    id = r.Id,
                    processDefinitionKey = instances.GetValueOrDefault(r.InstanceId)?.DefinitionKey,
                    processDefinitionId = instances.GetValueOrDefault(r.InstanceId)?.DefinitionId,
                    processInstanceId = r.InstanceId.ToString(),
                    executionId = r.InstanceId.ToString(),
                    rootProcessInstanceId = r.InstanceId.ToString(),
                    createTime = RestJson.Date(r.Created),
                    endTime = RestJson.Date(r.End),
                    removalTime = (string?)null,
                    incidentType = r.Type,
                    activityId = r.ElementId,
                    failedActivityId = r.ElementId,
                    causeIncidentId = r.Id,
                    rootCauseIncidentId = r.Id,
                    configuration = r.ExternalTaskId?.ToString(),
                    historyConfiguration = (string?)null,
                    incidentMessage = r.Message,
                    tenantId = (string?)null,
                    jobDefinitionId = (string?)null,
                    open = r.End is null,
                    deleted = false,
                    resolved = r.End is not null,
                    annotation = (string?)null,
                });
            return Results.Ok(result);
        });

        history.MapGet("/activity-instance", async (AppDbContext db, string? processInstanceId, string? activityId, string? activityType,
            int? firstResult, int? maxResults, CancellationToken ct) =>
        {
            var page = Paging.From(firstResult, maxResults);
            var rows = await ActivityHistoryAsync(db, processInstanceId, activityId, activityType, ct);
            return Results.Ok(rows.Skip(page.First).Take(page.Max));
        });

        history.MapGet("/task", async (AppDbContext db, string? processInstanceId, string? taskDefinitionKey, int? firstResult, int? maxResults, CancellationToken ct) =>
        {
            var page = Paging.From(firstResult, maxResults);
            var rows = await ActivityHistoryAsync(db, processInstanceId, taskDefinitionKey, "userTask", ct);
            return Results.Ok(rows.Skip(page.First).Take(page.Max).Select(a => new
            {
                id = a.id,
                processInstanceId = a.processInstanceId,
                processDefinitionId = a.processDefinitionId,
                taskDefinitionKey = a.activityId,
                startTime = a.startTime,
                endTime = a.endTime,
                durationInMillis = a.durationInMillis,
                assignee = a.assignee,
                deleteReason = a.canceled ? "deleted" : a.endTime is null ? null : "completed",
            }));
        });

        api.MapGet("/process-instance/{id:guid}/activity-instances", async (WorkflowEngine engine, Guid id, CancellationToken ct) =>
        {
            var instance = await engine.Store.LoadInstanceAsync(id, ct) ?? throw RestException.NotFound($"Không tìm thấy phiên bản quy trình {id}.");
            object Node(ActivityInstance a) => new
            {
                id = a.Id.ToString(),
                parentActivityInstanceId = (a.ParentId ?? instance.Id).ToString(),
                activityId = a.ElementId,
                activityType = a.IsMultiInstanceBody ? "multiInstanceBody" : null,
                processInstanceId = instance.Id.ToString(),
                processDefinitionId = instance.DefinitionId,
                childActivityInstances = instance.ChildrenOf(a.Id).Select(Node).ToList(),
                childTransitionInstances = Array.Empty<object>(),
                executionIds = new[] { instance.Id.ToString() },
                incidentIds = instance.Incidents.Where(i => i.ActivityInstanceId == a.Id).Select(i => i.Id.ToString()).ToList(),
            };
            return Results.Ok(new
            {
                id = instance.Id.ToString(),
                parentActivityInstanceId = (string?)null,
                activityId = instance.DefinitionId,
                activityType = "processDefinition",
                processInstanceId = instance.Id.ToString(),
                processDefinitionId = instance.DefinitionId,
                childActivityInstances = instance.ChildrenOf(null).Select(Node).ToList(),
                childTransitionInstances = Array.Empty<object>(),
                executionIds = new[] { instance.Id.ToString() },
            });
        }).RequireAuthorization(EngineRestFeature.AdminPolicy);

        api.MapGet("/process-definition/{id}/statistics", async (AppDbContext db, WorkflowEngine engine, string id, CancellationToken ct) =>
        {
            await DefinitionEndpoints.ById(db, id, ct);
            var ids = await db.WfInstances.AsNoTracking().Where(i => i.DefinitionId == id && i.Status == (int)InstanceStatus.Active).Select(i => i.Id).ToListAsync(ct);
            var counts = new Dictionary<string, int>();
            foreach (var instanceId in ids)
            {
                var instance = await engine.Store.LoadInstanceAsync(instanceId, ct);
                foreach (var a in instance?.Activities.Where(a => !a.IsMultiInstanceBody) ?? [])
                {
                    counts[a.ElementId] = counts.GetValueOrDefault(a.ElementId) + 1;
                }
            }

            var incidents = await db.WfIncidents.AsNoTracking().Where(i => i.DefinitionId == id).GroupBy(i => new { i.ElementId, i.Type })
                .Select(g => new { g.Key.ElementId, g.Key.Type, Count = g.Count() }).ToListAsync(ct);
            var elements = counts.Keys.Union(incidents.Select(i => i.ElementId)).Order(StringComparer.Ordinal);
            return Results.Ok(elements.Select(e => new
            {
                id = e,
                instances = counts.GetValueOrDefault(e),
                failedJobs = 0,
                incidents = incidents.Where(i => i.ElementId == e).Select(i => new { incidentType = i.Type, incidentCount = i.Count }),
            }));
        }).RequireAuthorization(EngineRestFeature.AdminPolicy);
    }

    private sealed record HistoricIncidentRow(string Id, Guid InstanceId, string ElementId, string Type, string? Message, DateTime Created, DateTime? End, Guid? ExternalTaskId);

    private sealed record ActivityRow(string id, string activityId, string? activityType, string processInstanceId, string processDefinitionId,
        string? startTime, string? endTime, long? durationInMillis, bool canceled, string? assignee);

    /// <summary>Pairs the journal's started/completed/cancelled lines per activity instance into Camunda's history rows.</summary>
    private static async Task<List<ActivityRow>> ActivityHistoryAsync(AppDbContext db, string? processInstanceId, string? activityId, string? activityType, CancellationToken ct)
    {
        if (!Guid.TryParse(processInstanceId, out var pid))
        {
            throw RestException.BadRequest("processInstanceId là bắt buộc cho lịch sử hoạt động.");
        }

        var definitionId = await db.WfInstances.Where(i => i.Id == pid).Select(i => i.DefinitionId).FirstOrDefaultAsync(ct)
            ?? throw RestException.NotFound($"Không tìm thấy phiên bản quy trình {pid}.");
        int[] events = [(int)JournalEvent.ActivityStarted, (int)JournalEvent.ActivityCompleted, (int)JournalEvent.ActivityCancelled, (int)JournalEvent.TaskAssigned];
        var lines = await db.WfJournal.AsNoTracking().Where(j => j.InstanceId == pid && j.ActivityInstanceId != null && events.Contains(j.Event))
            .OrderBy(j => j.AtUtc).ThenBy(j => j.Id).ToListAsync(ct);
        return lines.GroupBy(j => j.ActivityInstanceId!.Value)
            .Select(g =>
            {
                var started = g.FirstOrDefault(j => j.Event == (int)JournalEvent.ActivityStarted);
                var ended = g.LastOrDefault(j => j.Event is (int)JournalEvent.ActivityCompleted or (int)JournalEvent.ActivityCancelled);
                var first = started ?? ended ?? g.First();
                var start = (started ?? ended ?? first).AtUtc;
                return new ActivityRow(g.Key.ToString(), first.ElementId ?? "", g.Select(j => j.ElementKind).FirstOrDefault(k => k is not null), pid.ToString(), definitionId,
                    RestJson.Date(start), RestJson.Date(ended?.AtUtc), ended is null ? null : (long)(ended.AtUtc - start).TotalMilliseconds,
                    ended?.Event == (int)JournalEvent.ActivityCancelled, g.LastOrDefault(j => j.Event == (int)JournalEvent.TaskAssigned)?.Detail);
            })
            .Where(a => a.activityId.Length > 0 && (activityId is null || a.activityId == activityId) && (activityType is null || a.activityType == activityType))
            .OrderBy(a => a.startTime, StringComparer.Ordinal)
            .ToList();
    }
}
