using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Audit;
using Workflow.Web.Data;
using Workflow.Web.Processes;
namespace Workflow.Web.Designer;

/// <summary>Per element of a process version: what is there now and how long it took when it was done.</summary>
public sealed record ElementStatistics(string ElementId, int Active, int Incidents, int Completed, double? AverageMs, double? P90Ms);

public sealed record InstanceListRow(Guid Id, string DefinitionKey, int DefinitionVersion, string DefinitionId, string? BusinessKey, string State,
    DateTime StartedAtUtc, DateTime? EndedAtUtc, string? StartedBy, int Incidents, string? Subject);

public sealed record InstanceFilter(string? Key, int? Version, string? BusinessKey, string? State, bool? WithIncident, int Page, int PageSize);

/// <summary>
/// What Camunda sells as Cockpit: per process version the counts of active activity instances and incidents on each
/// element and a heatmap of the time spent per element (average and p90 over completed activity instances), each one
/// SQL query over the journal; per instance the activity tree, the completed path, variables, journal and incidents,
/// with retry, cancel and an audited variable edit; an instance list with filters and paging.
/// </summary>
public sealed class ProcessOperations(AppDbContext db, WorkflowEngine engine, TimeProvider clock, IEnumerable<IInstanceSubjects> sources)
{
    public async Task<List<ElementStatistics>> StatisticsAsync(string definitionId, CancellationToken ct)
    {
        if (!await db.WfDefinitions.AnyAsync(d => d.Id == definitionId, ct))
        {
            throw DomainException.NotFound($"phiên bản quy trình \"{definitionId}\"");
        }

        // Active: activity instances started and neither completed nor cancelled, in the version's running instances.
        var active = await db.Database.SqlQuery<CountRow>(Sql($$"""
            SELECT s."ElementId" AS "ElementId", COUNT(*) AS "Count"
            FROM "WfJournal" s JOIN "WfInstances" i ON i."Id" = s."InstanceId"
            WHERE i."DefinitionId" = {0} AND i."Status" = {{(int)InstanceStatus.Active}} AND s."Event" = {{(int)JournalEvent.ActivityStarted}}
              AND s."ElementId" IS NOT NULL AND s."ActivityInstanceId" IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM "WfJournal" e WHERE e."InstanceId" = s."InstanceId" AND e."ActivityInstanceId" = s."ActivityInstanceId"
                              AND e."Event" IN ({{(int)JournalEvent.ActivityCompleted}}, {{(int)JournalEvent.ActivityCancelled}}))
            GROUP BY s."ElementId"
            """, definitionId)).ToListAsync(ct);

        // Time spent: started → completed per activity instance; average, and p90 by nearest rank (window functions,
        // which SQLite and PostgreSQL both have).
        var duration = db.Database.IsSqlite()
            ? """CAST((julianday(e."AtUtc") - julianday(s."AtUtc")) * 86400000.0 AS REAL)"""
            : """CAST(EXTRACT(EPOCH FROM (e."AtUtc" - s."AtUtc")) * 1000.0 AS double precision)""";
        var heat = await db.Database.SqlQuery<HeatRow>(Sql($$"""
            WITH d AS (
                SELECT s."ElementId" AS el, {{duration}} AS ms
                FROM "WfJournal" s
                JOIN "WfInstances" i ON i."Id" = s."InstanceId"
                JOIN "WfJournal" e ON e."InstanceId" = s."InstanceId" AND e."ActivityInstanceId" = s."ActivityInstanceId"
                                  AND e."Event" = {{(int)JournalEvent.ActivityCompleted}}
                WHERE i."DefinitionId" = {0} AND s."Event" = {{(int)JournalEvent.ActivityStarted}} AND s."ElementId" IS NOT NULL
            ), r AS (
                SELECT el, ms, ROW_NUMBER() OVER (PARTITION BY el ORDER BY ms) AS rn, COUNT(*) OVER (PARTITION BY el) AS n FROM d
            )
            SELECT el AS "ElementId", MAX(n) AS "Completed", AVG(ms) AS "AverageMs", MIN(CASE WHEN rn >= 0.9 * n THEN ms END) AS "P90Ms"
            FROM r GROUP BY el
            """, definitionId)).ToListAsync(ct);

        var incidents = await db.WfIncidents.AsNoTracking().Where(i => i.DefinitionId == definitionId).GroupBy(i => i.ElementId)
            .Select(g => new { ElementId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.ElementId, g => g.Count, ct);
        var activeBy = active.ToDictionary(a => a.ElementId, a => (int)a.Count);
        var heatBy = heat.ToDictionary(h => h.ElementId);
        return activeBy.Keys.Union(incidents.Keys).Union(heatBy.Keys).Order(StringComparer.Ordinal).Select(e =>
        {
            var h = heatBy.GetValueOrDefault(e);
            return new ElementStatistics(e, activeBy.GetValueOrDefault(e), incidents.GetValueOrDefault(e), (int)(h?.Completed ?? 0),
                h is null ? null : Math.Round(h.AverageMs, 1), h is null ? null : Math.Round(h.P90Ms, 1));
        }).ToList();
    }

    private static FormattableString Sql(string format, params object[] arguments) => FormattableStringFactory.Create(format, arguments);

    public static string StateName(int status) => (InstanceStatus)status switch
    {
        InstanceStatus.Active => "active",
        InstanceStatus.Completed => "completed",
        InstanceStatus.Terminated => "terminated",
        _ => "cancelled",
    };

    /// <summary>One page of instances and the total; a page past the end is the last page.</summary>
    public async Task<(List<InstanceListRow> Rows, int Total, int Page)> InstancesAsync(InstanceFilter filter, CancellationToken ct)
    {
        var query = db.WfInstances.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Key))
        {
            query = query.Where(i => i.DefinitionKey == filter.Key);
        }

        if (filter.Version is { } version)
        {
            query = query.Where(i => i.DefinitionVersion == version);
        }

        if (!string.IsNullOrWhiteSpace(filter.BusinessKey))
        {
            var text = filter.BusinessKey.Trim();
            // The business key, or the name of what the instance runs for (a rating file's subject).
            var subjects = InstanceSubjects.All(sources);
            if (subjects is null)
            {
                query = query.Where(i => i.BusinessKey != null && i.BusinessKey.Contains(text));
            }
            else
            {
                var named = subjects.Where(s => s.Name.Contains(text)).Select(s => s.InstanceId);
                query = query.Where(i => (i.BusinessKey != null && i.BusinessKey.Contains(text)) || named.Contains(i.Id));
            }
        }

        if (filter.State is { Length: > 0 } state)
        {
            var status = state switch
            {
                "active" => (int)InstanceStatus.Active,
                "completed" => (int)InstanceStatus.Completed,
                "terminated" => (int)InstanceStatus.Terminated,
                "cancelled" => (int)InstanceStatus.Cancelled,
                _ => throw DomainException.Invalid($"Trạng thái \"{state}\" không có; chọn active, completed, terminated hoặc cancelled."),
            };
            query = query.Where(i => i.Status == status);
        }

        if (filter.WithIncident == true)
        {
            query = query.Where(i => db.Set<WfIncident>().Any(x => x.InstanceId == i.Id));
        }

        var total = await query.CountAsync(ct);
        var size = Math.Clamp(filter.PageSize, 1, 200);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + size - 1) / size));
        var rows = await query.OrderByDescending(i => i.StartedAtUtc).ThenByDescending(i => i.Id).Skip((page - 1) * size).Take(size)
            .Select(i => new { i.Id, i.DefinitionKey, i.DefinitionVersion, i.DefinitionId, i.BusinessKey, i.Status, i.StartedAtUtc, i.EndedAtUtc, i.StartedBy,
                Incidents = db.Set<WfIncident>().Count(x => x.InstanceId == i.Id) })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var names = InstanceSubjects.All(sources) is not { } all ? [] : (await all.Where(s => ids.Contains(s.InstanceId)).ToListAsync(ct))
            .GroupBy(s => s.InstanceId).ToDictionary(g => g.Key, g => g.First().Name);
        return (rows.Select(r => new InstanceListRow(r.Id, r.DefinitionKey, r.DefinitionVersion, r.DefinitionId, r.BusinessKey, StateName(r.Status),
            r.StartedAtUtc, r.EndedAtUtc, r.StartedBy, r.Incidents, names.GetValueOrDefault(r.Id))).ToList(), total, page);
    }

    /// <summary>Everything the instance viewer shows.</summary>
    public async Task<object> InstanceAsync(Guid id, CancellationToken ct)
    {
        var row = await db.WfInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw DomainException.NotFound("lượt chạy quy trình");
        var state = await engine.Store.LoadInstanceAsync(id, ct);
        var journal = await db.WfJournal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.AtUtc).ThenBy(j => j.Id).Take(2000).ToListAsync(ct);
        var incidents = await db.WfIncidents.AsNoTracking().Where(i => i.InstanceId == id).OrderBy(i => i.CreatedAtUtc).ToListAsync(ct);
        var completed = journal.Where(j => j.Event == (int)JournalEvent.ActivityCompleted && j.ElementId is not null).Select(j => j.ElementId!).Distinct().ToList();
        var current = state?.Activities.Where(a => !a.IsMultiInstanceBody).Select(a => a.ElementId).Distinct().ToList() ?? [];
        // Gateways say which flows they took; the viewer highlights those (and every flow out of other completed elements).
        var choices = journal.Where(j => j.Event == (int)JournalEvent.ActivityCompleted && j.ElementId is not null && TakenFlows.Parse(j.Detail).Count > 0).ToList();
        var decided = choices.Select(j => j.ElementId!).Distinct().ToList();
        var taken = choices.SelectMany(j => TakenFlows.Parse(j.Detail)).Distinct().ToList();

        object Node(ActivityInstance a) => new
        {
            id = a.Id, elementId = a.ElementId, multiInstance = a.IsMultiInstanceBody,
            children = state!.ChildrenOf(a.Id).Select(Node).ToList(),
        };

        return new
        {
            id = row.Id, definitionKey = row.DefinitionKey, definitionVersion = row.DefinitionVersion, definitionId = row.DefinitionId,
            businessKey = row.BusinessKey, state = StateName(row.Status), startedAtUtc = row.StartedAtUtc, endedAtUtc = row.EndedAtUtc, startedBy = row.StartedBy,
            current, completed, decided, taken,
            tree = state?.ChildrenOf(null).Select(Node).ToList() ?? [],
            variables = state is null ? [] : TypedVariableJson.Render(state.Variables),
            journal = journal.Select(j => new
            {
                j.AtUtc, @event = ((JournalEvent)j.Event).ToString(), j.ElementId, j.ElementKind, j.Actor, j.Detail,
            }),
            incidents = incidents.Select(i => new { i.Id, i.ElementId, i.Type, i.Message, i.CreatedAtUtc }),
        };
    }

    public Task RetryAsync(Guid incidentId, string actor, CancellationToken ct) => engine.RetryIncidentAsync(incidentId, actor, ct);

    public async Task CancelAsync(Guid id, string? reason, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw DomainException.Invalid("Cần ghi lý do hủy lượt chạy quy trình.", [new FieldError("reason", "Bắt buộc.")]);
        }

        await engine.CancelInstanceAsync(id, reason.Trim(), actor, ct);
    }

    /// <summary>Sets one variable (a typed value, as the REST API takes it) and writes an audit row with the values before and after.</summary>
    public async Task SetVariableAsync(Guid id, string name, JsonElement value, string actor, Guid? actorId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            throw DomainException.Invalid("Tên biến không hợp lệ.", [new FieldError("name", "Bắt buộc, tối đa 200 ký tự.")]);
        }

        var state = await engine.Store.LoadInstanceAsync(id, ct) ?? throw DomainException.NotFound("lượt chạy quy trình");
        TypedValue parsed;
        try
        {
            parsed = TypedVariableJson.ParseValue(name, value, "value");
        }
        catch (VariableFormatException e)
        {
            throw DomainException.Invalid(e.Message, [new FieldError("value", e.Message)]);
        }

        var before = state.Variables.TryGetValue(name, out var old) ? JsonSerializer.Serialize(TypedVariableJson.Render(old)) : null;
        await engine.SetVariablesAsync(id, new Dictionary<string, TypedValue> { [name] = parsed }, null, actor, ct);
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime, ActorId = actorId, ActorName = actor, Action = before is null ? AuditAction.Create : AuditAction.Update,
            EntityType = "ProcessVariable", EntityId = $"{id}:{name}", Label = $"{state.DefinitionId} · {name}",
            Before = before, After = JsonSerializer.Serialize(TypedVariableJson.Render(parsed)),
        });
        await db.SaveChangesAsync(ct);
    }
}
