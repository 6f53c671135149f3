using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;

namespace Workflow.Web.Processes;

/// <summary>
/// The engine's store on the product database, on the request's DbContext, so an engine command and the domain change
/// that caused it commit together. Instances are written with prepared ADO.NET commands (reused across a batch) on
/// the context's connection and transaction: an optimistic UPDATE ... WHERE Version = @loaded, then the projections
/// of the instance's wait states are replaced. Identifiers are quoted, so one SQL text serves SQLite and PostgreSQL.
/// </summary>
public sealed class EfWorkflowStore(AppDbContext db) : IWorkflowStore
{
    private static readonly JsonSerializerOptions Json = new();

    private bool IsSqlite => db.Database.IsSqlite();

    // ---- definitions ----------------------------------------------------------------------------------------------

    public async Task<DeployedDefinition?> GetDefinitionAsync(string id, CancellationToken ct = default) =>
        ToDefinition(await db.WfDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct));

    public async Task<DeployedDefinition?> GetLatestDefinitionAsync(string key, CancellationToken ct = default) =>
        ToDefinition(await db.WfDefinitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct));

    public async Task<IReadOnlyList<DeployedDefinition>> GetLatestDefinitionsAsync(CancellationToken ct = default)
    {
        var latest = await db.WfDefinitions.AsNoTracking()
            .Where(d => d.Version == db.WfDefinitions.Where(x => x.Key == d.Key).Max(x => x.Version))
            .OrderBy(d => d.Key).ToListAsync(ct);
        return latest.Select(d => ToDefinition(d)!).ToList();
    }

    public async Task SaveDeploymentAsync(Deployment deployment, IReadOnlyList<DeployedDefinition> definitions, CancellationToken ct = default)
    {
        db.WfDeployments.Add(new WfDeployment { Id = deployment.Id, Name = deployment.Name, Source = deployment.Source, DeployedAtUtc = deployment.DeployedAt.UtcDateTime });
        db.WfDefinitions.AddRange(definitions.Select(d => new WfDefinition
        {
            Id = d.Id, Key = d.Key, Version = d.Version, Name = d.Name, ResourceName = d.ResourceName, Xml = d.Xml, Hash = d.Hash,
            DeploymentId = d.DeploymentId, DeployedAtUtc = d.DeployedAt.UtcDateTime,
        }));
        await db.SaveChangesAsync(ct);
    }

    private static DeployedDefinition? ToDefinition(WfDefinition? d) => d is null
        ? null
        : new DeployedDefinition(d.Id, d.Key, d.Version, d.Name, d.ResourceName, d.Xml, d.Hash, d.DeploymentId,
            new DateTimeOffset(DateTime.SpecifyKind(d.DeployedAtUtc, DateTimeKind.Utc)));

    // ---- instances ------------------------------------------------------------------------------------------------

    public async Task<ProcessInstance?> LoadInstanceAsync(Guid id, CancellationToken ct = default)
    {
        var state = await db.WfInstances.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.State, i.Version }).FirstOrDefaultAsync(ct);
        if (state is null)
        {
            return null;
        }

        var instance = JsonSerializer.Deserialize<ProcessInstance>(state.State, Json)!;
        instance.Version = state.Version;
        return instance;
    }

    public async Task<Guid?> FindInstanceOfTaskAsync(Guid taskId, CancellationToken ct = default) =>
        await db.WfTasks.Where(t => t.Id == taskId).Select(t => (Guid?)t.InstanceId).FirstOrDefaultAsync(ct);

    public async Task<Guid?> FindInstanceOfExternalTaskAsync(Guid externalTaskId, CancellationToken ct = default) =>
        await db.WfExternalTasks.Where(t => t.Id == externalTaskId).Select(t => (Guid?)t.InstanceId).FirstOrDefaultAsync(ct);

    public async Task<Guid?> FindInstanceOfIncidentAsync(Guid incidentId, CancellationToken ct = default) =>
        await db.WfIncidents.Where(i => i.Id == incidentId).Select(i => (Guid?)i.InstanceId).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<Guid>> FindSubscribedInstancesAsync(string messageName, string? businessKey, CancellationToken ct = default) =>
        await db.WfSubscriptions.Where(s => s.MessageName == messageName && (businessKey == null || s.BusinessKey == businessKey))
            .GroupBy(s => s.InstanceId).OrderBy(g => g.Min(s => s.CreatedAtUtc)).Select(g => g.Key).ToListAsync(ct);

    /// <summary>
    /// Saves instances inside the caller's transaction (or its own). A stale version, or SQLite refusing a write on a
    /// snapshot another writer has overtaken, is a <see cref="ConcurrencyException"/>: the caller's race was lost.
    /// </summary>
    public async Task SaveAsync(IReadOnlyCollection<ProcessInstance> instances, CancellationToken ct = default)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var writer = new Writer(db.Database.GetDbConnection(), db.Database.CurrentTransaction!.GetDbTransaction(), IsSqlite);
            foreach (var instance in instances)
            {
                await writer.WriteAsync(instance, ct);
            }

            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            throw new ConcurrencyException("Dữ liệu vừa được người khác thay đổi; vui lòng thử lại.");
        }
        catch (DbException ex) when (ex.SqlState is "40001")
        {
            throw new ConcurrencyException("Dữ liệu vừa được người khác thay đổi; vui lòng thử lại.");
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }

        foreach (var instance in instances)
        {
            instance.Version++;
            instance.NewJournal.Clear();
        }
    }

    /// <summary>Prepared commands for one save; a batch of many instances reuses them.</summary>
    private sealed class Writer(DbConnection connection, DbTransaction transaction, bool sqlite)
    {
        private readonly Dictionary<string, DbCommand> _commands = [];

        public async Task WriteAsync(ProcessInstance i, CancellationToken ct)
        {
            var state = JsonSerializer.Serialize(i, Json);
            if (i.Version == 0)
            {
                await Exec("insert-instance", """
                    INSERT INTO "WfInstances" ("Id","DefinitionId","DefinitionKey","DefinitionVersion","BusinessKey","ParentInstanceId","Status","StartedAtUtc","EndedAtUtc","StartedBy","Version","State")
                    VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8,@p9,1,@p10)
                    """, ct, G(i.Id), i.DefinitionId, i.DefinitionKey, i.DefinitionVersion, i.BusinessKey, G(i.ParentInstanceId), (int)i.Status,
                    i.StartedAt.UtcDateTime, i.EndedAt?.UtcDateTime, i.StartedBy, state);
            }
            else
            {
                var updated = await Exec("update-instance", """
                    UPDATE "WfInstances" SET "State" = @p0, "Version" = @p1 + 1, "Status" = @p2, "EndedAtUtc" = @p3
                    WHERE "Id" = @p4 AND "Version" = @p1
                    """, ct, state, i.Version, (int)i.Status, i.EndedAt?.UtcDateTime, G(i.Id));
                if (updated == 0)
                {
                    throw new ConcurrencyException("Dữ liệu vừa được người khác thay đổi; vui lòng tải lại và thử lại.");
                }

                foreach (var table in new[] { "WfTasks", "WfTimers", "WfSubscriptions", "WfExternalTasks", "WfIncidents" })
                {
                    await Exec("delete-" + table, $"DELETE FROM \"{table}\" WHERE \"InstanceId\" = @p0", ct, G(i.Id));
                }
            }

            foreach (var t in i.Tasks)
            {
                await Exec("insert-task", """
                    INSERT INTO "WfTasks" ("Id","InstanceId","ElementId","Name","Assignee","Owner","CandidateUsers","CandidateGroups","DueAtUtc","FollowUpAtUtc","Priority","FormKey","CreatedAtUtc","DelegationState","DefinitionId","DefinitionKey","BusinessKey")
                    VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8,@p9,@p10,@p11,@p12,@p13,@p14,@p15,@p16)
                    """, ct, G(t.Id), G(i.Id), t.ElementId, t.Name, t.Assignee, t.Owner, Delimited(t.CandidateUsers), Delimited(t.CandidateGroups),
                    t.DueAt?.UtcDateTime, t.FollowUpAt?.UtcDateTime, t.Priority, t.FormKey, t.CreatedAt.UtcDateTime, t.DelegationState,
                    i.DefinitionId, i.DefinitionKey, i.BusinessKey);
            }

            foreach (var t in i.Timers)
            {
                await Exec("insert-timer", """
                    INSERT INTO "WfTimers" ("Id","InstanceId","ElementId","DueAtUtc") VALUES (@p0,@p1,@p2,@p3)
                    """, ct, t.Id, G(i.Id), t.ElementId, t.DueAt.UtcDateTime);
            }

            foreach (var s in i.Subscriptions)
            {
                await Exec("insert-subscription", """
                    INSERT INTO "WfSubscriptions" ("Id","InstanceId","MessageName","ElementId","BusinessKey","CreatedAtUtc") VALUES (@p0,@p1,@p2,@p3,@p4,@p5)
                    """, ct, G(s.Id), G(i.Id), s.MessageName, s.ElementId, i.BusinessKey, s.CreatedAt.UtcDateTime);
            }

            foreach (var t in i.ExternalTasks)
            {
                await Exec("insert-external", """
                    INSERT INTO "WfExternalTasks" ("Id","InstanceId","ElementId","Topic","Priority","WorkerId","LockExpiresAtUtc","Retries","ErrorMessage","NotBeforeUtc","CreatedAtUtc","DefinitionId","DefinitionKey","BusinessKey")
                    VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8,@p9,@p10,@p11,@p12,@p13)
                    """, ct, G(t.Id), G(i.Id), t.ElementId, t.Topic, t.Priority, t.WorkerId, t.LockExpiresAt?.UtcDateTime, t.Retries, t.ErrorMessage,
                    t.NotBefore?.UtcDateTime, t.CreatedAt.UtcDateTime, i.DefinitionId, i.DefinitionKey, i.BusinessKey);
            }

            foreach (var x in i.Incidents)
            {
                await Exec("insert-incident", """
                    INSERT INTO "WfIncidents" ("Id","InstanceId","ActivityInstanceId","ElementId","Type","Message","ExternalTaskId","CreatedAtUtc","DefinitionId")
                    VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8)
                    """, ct, G(x.Id), G(i.Id), G(x.ActivityInstanceId), x.ElementId, x.Type, x.Message, G(x.ExternalTaskId), x.CreatedAt.UtcDateTime, i.DefinitionId);
            }

            foreach (var j in i.NewJournal)
            {
                await Exec("insert-journal", """
                    INSERT INTO "WfJournal" ("Id","InstanceId","ActivityInstanceId","ElementId","ElementKind","Event","AtUtc","Actor","Detail")
                    VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8)
                    """, ct, G(j.Id), G(j.InstanceId), G(j.ActivityInstanceId), j.ElementId, j.ElementKind, (int)j.Event, j.At.UtcDateTime, j.Actor, j.Detail);
            }
        }

        private async Task<int> Exec(string key, string sql, CancellationToken ct, params object?[] values)
        {
            if (!_commands.TryGetValue(key, out var command))
            {
                command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                for (var n = 0; n < values.Length; n++)
                {
                    var p = command.CreateParameter();
                    p.ParameterName = "@p" + n;
                    command.Parameters.Add(p);
                }

                _commands[key] = command;
            }

            for (var n = 0; n < values.Length; n++)
            {
                command.Parameters[n].Value = values[n] ?? DBNull.Value;
            }

            return await command.ExecuteNonQueryAsync(ct);
        }

        /// <summary>EF Core stores GUIDs as upper-case text on SQLite; ADO.NET would bind a BLOB.</summary>
        private object? G(Guid? id) => id is null ? null : sqlite ? id.Value.ToString().ToUpperInvariant() : id.Value;

        private static string? Delimited(List<string> values) => values.Count == 0 ? null : "," + string.Join(",", values) + ",";
    }
}
