using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
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
public sealed class EfWorkflowStore(AppDbContext db, DomainEvents? events = null) : IPreparingWorkflowStore
{
    private readonly bool _sqlite = db.Database.IsSqlite();

    private static readonly HashSet<string> ColumnBacked =
    [
        nameof(ProcessInstance.Id), nameof(ProcessInstance.DefinitionId), nameof(ProcessInstance.DefinitionKey),
        nameof(ProcessInstance.DefinitionVersion), nameof(ProcessInstance.BusinessKey), nameof(ProcessInstance.ParentInstanceId),
        nameof(ProcessInstance.Status), nameof(ProcessInstance.StartedAt), nameof(ProcessInstance.EndedAt),
        nameof(ProcessInstance.StartedBy), nameof(ProcessInstance.Version), nameof(ProcessInstance.IsEnded),
    ];

    /// <summary>
    /// The State column holds only what has no column of its own: the columns (id, definition, business key, status,
    /// times, version) are not repeated in the JSON, and nulls, zeros and false are left out. Smaller rows are faster bulk inserts.
    /// </summary>
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault,
        // Vietnamese task names and "+07:00" offsets stay as they are instead of \uXXXX escapes (a third of the row).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new TypedValueStateConverter() },
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    if (info.Type == typeof(ProcessInstance))
                    {
                        foreach (var property in info.Properties.Where(p => ColumnBacked.Contains(p.Name!)).ToList())
                        {
                            info.Properties.Remove(property);
                        }
                    }

                    // Empty lists are left out where the class initializes them (an absent list reads back as an empty one);
                    // nullable ones (null and empty may differ) are written as they are.
                    if (info.Type != typeof(ProcessInstance) && info.Type != typeof(UserTaskState))
                    {
                        return;
                    }

                    foreach (var property in info.Properties.Where(p => typeof(System.Collections.ICollection).IsAssignableFrom(p.PropertyType)))
                    {
                        property.ShouldSerialize = (_, value) => value is System.Collections.ICollection { Count: > 0 };
                    }
                },
            },
        },
    };

    /// <summary>The options the State column is read with (and what <see cref="InstanceStateWriter"/> writes is held equal to).</summary>
    public static JsonSerializerOptions StateJson => Json;

    // ---- definitions ----------------------------------------------------------------------------------------------

    public async Task<DeployedDefinition?> GetDefinitionAsync(string id, CancellationToken ct = default) =>
        ToDefinition(await db.WfDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct));

    public async Task<DeployedDefinition?> GetLatestDefinitionAsync(string key, CancellationToken ct = default) =>
        ToDefinition(await db.WfDefinitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct));

    public async Task<IReadOnlyList<DeployedDefinition>> GetLatestDefinitionsAsync(CancellationToken ct = default)
    {
        var latest = await db.WfDefinitions.AsNoTracking()
            .Where(d => d.Version == db.Set<WfDefinition>().Where(x => x.Key == d.Key).Max(x => x.Version))
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

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DeployedDefinition? ToDefinition(WfDefinition? d) => d is null
        ? null
        : new DeployedDefinition(d.Id, d.Key, d.Version, d.Name, d.ResourceName, d.Xml, d.Hash, d.DeploymentId,
            new DateTimeOffset(DateTime.SpecifyKind(d.DeployedAtUtc, DateTimeKind.Utc)));

    // ---- start timers ---------------------------------------------------------------------------------------------

    public async Task<IReadOnlyList<StartTimer>> GetStartTimersAsync(string definitionKey, CancellationToken ct = default) =>
        (await db.WfStartTimers.AsNoTracking().Where(t => t.DefinitionKey == definitionKey).ToListAsync(ct)).Select(ToStartTimer).ToList();

    public async Task<StartTimer?> GetStartTimerAsync(string id, CancellationToken ct = default) =>
        await db.WfStartTimers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is { } row ? ToStartTimer(row) : null;

    public async Task ReplaceStartTimersAsync(string definitionKey, IReadOnlyList<StartTimer> timers, CancellationToken ct = default)
    {
        await db.WfStartTimers.Where(t => t.DefinitionKey == definitionKey).ExecuteDeleteAsync(ct);
        db.WfStartTimers.AddRange(timers.Select(t => new WfStartTimer
        {
            Id = t.Id, DefinitionId = t.DefinitionId, DefinitionKey = t.DefinitionKey, ElementId = t.ElementId, DueAtUtc = t.DueAt.UtcDateTime,
            Occurrence = t.Occurrence, IsCycle = t.IsCycle, RemainingRepetitions = t.RemainingRepetitions, PeriodSeconds = t.Period?.TotalSeconds,
        }));
        await db.SaveChangesAsync(ct);
    }

    private static StartTimer ToStartTimer(WfStartTimer t) =>
        new(t.Id, t.DefinitionId, t.DefinitionKey, t.ElementId, Utc(t.DueAtUtc), t.Occurrence, t.IsCycle, t.RemainingRepetitions,
            t.PeriodSeconds is { } s ? TimeSpan.FromSeconds(s) : null);

    // ---- instances ------------------------------------------------------------------------------------------------

    public async Task<ProcessInstance?> LoadInstanceAsync(Guid id, CancellationToken ct = default)
    {
        var row = await db.WfInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        return row is null ? null : Remember(ToInstance(row));
    }

    /// <summary>
    /// Which projection tables held rows for each loaded instance (they mirror its state as saved): a later save
    /// deletes only from those, instead of from all five, which counts when a command saves thousands of instances.
    /// </summary>
    private readonly Dictionary<Guid, string[]> _loadedProjections = [];

    /// <summary>The audience of each loaded instance's open tasks: a save tells them (and the new audience) that it changed.</summary>
    private readonly Dictionary<Guid, string[]> _loadedAudience = [];

    private static string[] AudienceOf(ProcessInstance i) =>
        i.Tasks.SelectMany(t => WfTaskAudience.Of(t.Assignee, t.CandidateUsers, t.CandidateGroups)).Distinct(StringComparer.Ordinal).ToArray();

    private ProcessInstance Remember(ProcessInstance i, string[]? audience = null)
    {
        if (events is not null)
        {
            _loadedAudience[i.Id] = audience ?? AudienceOf(i);
        }

        _loadedProjections[i.Id] = new (string Table, bool Has)[]
        {
            ("WfTasks", i.Tasks.Count > 0), ("WfTaskAudience", i.Tasks.Count > 0), ("WfTimers", i.Timers.Count > 0), ("WfSubscriptions", i.Subscriptions.Count > 0),
            ("WfExternalTasks", i.ExternalTasks.Count > 0), ("WfIncidents", i.Incidents.Count > 0),
        }.Where(x => x.Has).Select(x => x.Table).ToArray();
        return i;
    }

    /// <summary>Many instances with one query per 500 ids (bulk commands such as a group decision).</summary>
    public async Task<IReadOnlyList<ProcessInstance>> LoadInstancesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        var result = new List<ProcessInstance>(ids.Count);
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db.WfInstances.AsNoTracking().Where(i => chunk.Contains(i.Id)).ToListAsync(ct);
            result.AddRange(rows.Select(r => Remember(ToInstance(r))));
        }

        return result;
    }

    private static ProcessInstance ToInstance(WfInstance row)
    {
        var instance = JsonSerializer.Deserialize<ProcessInstance>(row.State, Json)!;
        instance.Id = row.Id;
        instance.DefinitionId = row.DefinitionId;
        instance.DefinitionKey = row.DefinitionKey;
        instance.DefinitionVersion = row.DefinitionVersion;
        instance.BusinessKey = row.BusinessKey;
        instance.ParentInstanceId = row.ParentInstanceId;
        instance.Status = (InstanceStatus)row.Status;
        instance.StartedAt = Utc(row.StartedAtUtc);
        instance.EndedAt = row.EndedAtUtc is { } ended ? Utc(ended) : null;
        instance.StartedBy = row.StartedBy;
        instance.Version = row.Version;
        return instance;
    }

    public async Task<Guid?> FindInstanceOfTaskAsync(Guid taskId, CancellationToken ct = default) =>
        await db.WfTasks.Where(t => t.Id == taskId).Select(t => (Guid?)t.InstanceId).FirstOrDefaultAsync(ct);

    public async Task<Guid?> FindInstanceOfExternalTaskAsync(Guid externalTaskId, CancellationToken ct = default) =>
        await db.WfExternalTasks.Where(t => t.Id == externalTaskId).Select(t => (Guid?)t.InstanceId).FirstOrDefaultAsync(ct);

    public async Task<Guid?> FindInstanceOfIncidentAsync(Guid incidentId, CancellationToken ct = default) =>
        await db.WfIncidents.Where(i => i.Id == incidentId).Select(i => (Guid?)i.InstanceId).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<Guid>> FindActiveInstancesAsync(string businessKey, CancellationToken ct = default) =>
        await db.WfInstances.Where(i => i.BusinessKey == businessKey && i.Status == (int)InstanceStatus.Active)
            .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);

    public async Task<IReadOnlyList<Guid>> FindSubscribedInstancesAsync(string messageName, string? businessKey, CancellationToken ct = default) =>
        await db.WfSubscriptions.Where(s => s.MessageName == messageName && (businessKey == null || s.BusinessKey == businessKey))
            .GroupBy(s => s.InstanceId).OrderBy(g => g.Min(s => s.CreatedAtUtc)).Select(g => g.Key).ToListAsync(ct);

    /// <summary>
    /// Saves instances inside the caller's transaction (or its own). A stale version, or SQLite refusing a write on a
    /// snapshot another writer has overtaken, is a <see cref="ConcurrencyException"/>: the caller's race was lost.
    /// </summary>
    public Task SaveAsync(IReadOnlyCollection<ProcessInstance> instances, CancellationToken ct = default) =>
        WriteAsync(instances, async (writer, ct) =>
        {
            foreach (var instance in instances)
            {
                await writer.WriteAsync(instance, ct);
                Saved(instance, null);
            }
        }, ct);

    /// <summary>The rows of a batch of new instances, built off the caller's thread (JSON state included).</summary>
    public PreparedSave Prepare(IReadOnlyCollection<ProcessInstance> instances)
    {
        var rows = new List<Writer.Row>(instances.Count * 6);
        var audiences = new Dictionary<Guid, string[]>(instances.Count);
        foreach (var instance in instances)
        {
            if (instance.Version != 0)
            {
                throw new InvalidOperationException("Only new instances can be prepared ahead of their save.");
            }

            rows.AddRange(Writer.RowsOfNew(instance, _sqlite));
            audiences[instance.Id] = AudienceOf(instance);
        }

        return new Prepared(instances, rows, audiences);
    }

    public Task SaveAsync(PreparedSave prepared, CancellationToken ct = default)
    {
        var batch = (Prepared)prepared;
        return WriteAsync(batch.Instances, async (writer, ct) =>
        {
            foreach (var row in batch.Rows)
            {
                await writer.BufferAsync(row, ct);
            }

            foreach (var instance in batch.Instances)
            {
                Saved(instance, batch.Audiences[instance.Id]);
            }
        }, ct);
    }

    private sealed class Prepared(IReadOnlyCollection<ProcessInstance> instances, List<Writer.Row> rows, Dictionary<Guid, string[]> audiences)
        : PreparedSave(instances)
    {
        public List<Writer.Row> Rows { get; } = rows;
        public Dictionary<Guid, string[]> Audiences { get; } = audiences;
    }

    /// <summary>Who saw the instances of the current write change (their tasks' audiences before and after).</summary>
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    /// <summary>Notes who saw the instance change and remembers what it now has.</summary>
    private void Saved(ProcessInstance instance, string[]? audience)
    {
        if (events is not null)
        {
            audience ??= AudienceOf(instance);
            _touched.UnionWith(_loadedAudience.GetValueOrDefault(instance.Id) ?? []);
            _touched.UnionWith(audience);
        }

        Remember(instance, audience);
    }

    private async Task WriteAsync(IReadOnlyCollection<ProcessInstance> instances, Func<Writer, CancellationToken, Task> write, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            using var writer = new Writer(db.Database.GetDbConnection(), db.Database.CurrentTransaction!.GetDbTransaction(), _sqlite,
                id => _loadedProjections.GetValueOrDefault(id));
            await write(writer, ct);
            await writer.FlushAsync(ct);
            if (_touched.Count > 0)
            {
                // Told to whoever listens (the inbox's live pages) once the caller's transaction commits.
                events!.Raise(new TaskAudiencesChanged([.. _touched]));
                _touched.Clear();
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

    /// <summary>
    /// Writes one save. On SQLite updates and deletes run at once; on PostgreSQL they are buffered and sent set-based
    /// (<see cref="Writer.FlushUpdatesAsync"/>) before any insert is written. Inserts are buffered per table and written
    /// on PostgreSQL as one binary COPY per table when there are many (a round's opening: thousands of rows in one
    /// stream) or as one multi-row INSERT when there are few (one command's rows: one round trip), and run row by row
    /// through SQLite's native statement API on SQLite (no round trips to save there, and the ADO.NET layer's
    /// per-execution work cost as much as the insert; 100-row statements made a 75,000-instance opening twice as slow).
    /// </summary>
    private sealed class Writer(DbConnection connection, DbTransaction transaction, bool sqlite, Func<Guid, string[]?> loadedProjections) : IDisposable
    {
        /// <summary>PostgreSQL: rows buffered per table before they are written (bounds the memory of a large save).</summary>
        private const int BufferedRows = 20_000;

        /// <summary>PostgreSQL: from this many rows a table's inserts go by COPY rather than one multi-row INSERT.</summary>
        private const int CopyFrom = 100;

        private readonly int _rowsPerInsert = sqlite ? 1 : BufferedRows;

        private static readonly string[] InstanceColumns = ["Id", "DefinitionId", "DefinitionKey", "DefinitionVersion", "BusinessKey", "ParentInstanceId", "Status", "StartedAtUtc", "EndedAtUtc", "StartedBy", "Version", "State"];
        private static readonly string[] TaskColumns = ["Id", "InstanceId", "ElementId", "Name", "Assignee", "Owner", "CandidateUsers", "CandidateGroups", "DueAtUtc", "FollowUpAtUtc", "Priority", "FormKey", "CreatedAtUtc", "DelegationState", "DefinitionId", "DefinitionKey", "BusinessKey"];
        private static readonly string[] AudienceColumns = ["Principal", "TaskId", "InstanceId"];
        private static readonly string[] TimerColumns = ["Id", "InstanceId", "ElementId", "DueAtUtc"];
        private static readonly string[] SubscriptionColumns = ["Id", "InstanceId", "MessageName", "ElementId", "BusinessKey", "CreatedAtUtc"];
        private static readonly string[] ExternalColumns = ["Id", "InstanceId", "ElementId", "Topic", "Priority", "WorkerId", "LockExpiresAtUtc", "Retries", "ErrorMessage", "NotBeforeUtc", "CreatedAtUtc", "DefinitionId", "DefinitionKey", "BusinessKey"];
        private static readonly string[] IncidentColumns = ["Id", "InstanceId", "ActivityInstanceId", "ElementId", "Type", "Message", "ExternalTaskId", "CreatedAtUtc", "DefinitionId"];
        private static readonly string[] JournalColumns = ["Id", "InstanceId", "ActivityInstanceId", "ElementId", "ElementKind", "Event", "AtUtc", "Actor", "Detail"];

        /// <summary>PostgreSQL: instance updates sent in one statement (bounds the memory of the states held).</summary>
        private const int UpdatesPerStatement = 1_000;

        private static readonly string[] AllProjections = ["WfTasks", "WfTaskAudience", "WfTimers", "WfSubscriptions", "WfExternalTasks", "WfIncidents"];

        private readonly Dictionary<string, DbCommand> _commands = [];
        private readonly Dictionary<string, SqliteNativeStatement> _native = [];
        private readonly PendingUpdates _updates = new();

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            foreach (var statement in _native.Values)
            {
                statement.Dispose();
            }
        }
        private readonly Dictionary<string, (string[] Columns, List<object?[]> Rows)> _pending = [];

        /// <summary>One row to insert: its table, the table's columns and the values.</summary>
        public readonly record struct Row(string Table, string[] Columns, object?[] Values);

        public async Task WriteAsync(ProcessInstance i, CancellationToken ct)
        {
            if (i.Version == 0)
            {
                foreach (var row in RowsOfNew(i, sqlite))
                {
                    await BufferAsync(row, ct);
                }

                return;
            }

            var tables = loadedProjections(i.Id) ?? AllProjections;
            if (sqlite)
            {
                var updated = await Exec("update-instance", """
                    UPDATE "WfInstances" SET "State" = @p0, "Version" = @p1 + 1, "Status" = @p2, "EndedAtUtc" = @p3
                    WHERE "Id" = @p4 AND "Version" = @p1
                    """, ct, InstanceStateWriter.ToText(i), i.Version, (int)i.Status, i.EndedAt?.UtcDateTime, G(i.Id, sqlite));
                if (updated == 0)
                {
                    throw Changed();
                }

                foreach (var table in tables)
                {
                    await Exec("delete-" + table, $"DELETE FROM \"{table}\" WHERE \"InstanceId\" = @p0", ct, G(i.Id, sqlite));
                }
            }
            else
            {
                _updates.Add(i.Id, i.Version, (int)i.Status, i.EndedAt?.UtcDateTime, InstanceStateWriter.ToText(i), tables);
                if (_updates.Count >= UpdatesPerStatement)
                {
                    await FlushUpdatesAsync(ct);
                }
            }

            foreach (var row in ProjectionRows(i, sqlite))
            {
                await BufferAsync(row, ct);
            }
        }

        /// <summary>Every row of an instance never saved before (pure: no connection needed).</summary>
        public static IEnumerable<Row> RowsOfNew(ProcessInstance i, bool sqlite)
        {
            yield return new Row("WfInstances", InstanceColumns, [G(i.Id, sqlite), i.DefinitionId, i.DefinitionKey, i.DefinitionVersion, i.BusinessKey,
                G(i.ParentInstanceId, sqlite), (int)i.Status, i.StartedAt.UtcDateTime, i.EndedAt?.UtcDateTime, i.StartedBy, 1,
                // The state as the UTF-8 bytes it is written in (no UTF-16 string in between): SQLite binds them as TEXT,
                // PostgreSQL's COPY sends them as the text column's binary form.
                new Utf8Text(InstanceStateWriter.ToUtf8(i))]);
            foreach (var row in ProjectionRows(i, sqlite))
            {
                yield return row;
            }
        }

        /// <summary>The wait states' projection rows and the new journal entries of an instance.</summary>
        private static IEnumerable<Row> ProjectionRows(ProcessInstance i, bool sqlite)
        {
            foreach (var t in i.Tasks)
            {
                yield return new Row("WfTasks", TaskColumns, [G(t.Id, sqlite), G(i.Id, sqlite), t.ElementId, t.Name, t.Assignee, t.Owner, Delimited(t.CandidateUsers),
                    Delimited(t.CandidateGroups), t.DueAt?.UtcDateTime, t.FollowUpAt?.UtcDateTime, t.Priority, t.FormKey, t.CreatedAt.UtcDateTime,
                    t.DelegationState, i.DefinitionId, i.DefinitionKey, i.BusinessKey]);
                foreach (var principal in WfTaskAudience.Of(t.Assignee, t.CandidateUsers, t.CandidateGroups))
                {
                    yield return new Row("WfTaskAudience", AudienceColumns, [principal, G(t.Id, sqlite), G(i.Id, sqlite)]);
                }
            }

            foreach (var t in i.Timers)
            {
                yield return new Row("WfTimers", TimerColumns, [t.Id, G(i.Id, sqlite), t.ElementId, t.DueAt.UtcDateTime]);
            }

            foreach (var s in i.Subscriptions)
            {
                yield return new Row("WfSubscriptions", SubscriptionColumns, [G(s.Id, sqlite), G(i.Id, sqlite), s.MessageName, s.ElementId, i.BusinessKey, s.CreatedAt.UtcDateTime]);
            }

            foreach (var t in i.ExternalTasks)
            {
                yield return new Row("WfExternalTasks", ExternalColumns, [G(t.Id, sqlite), G(i.Id, sqlite), t.ElementId, t.Topic, t.Priority, t.WorkerId,
                    t.LockExpiresAt?.UtcDateTime, t.Retries, t.ErrorMessage, t.NotBefore?.UtcDateTime, t.CreatedAt.UtcDateTime,
                    i.DefinitionId, i.DefinitionKey, i.BusinessKey]);
            }

            foreach (var x in i.Incidents)
            {
                yield return new Row("WfIncidents", IncidentColumns, [G(x.Id, sqlite), G(i.Id, sqlite), G(x.ActivityInstanceId, sqlite), x.ElementId, x.Type, x.Message,
                    G(x.ExternalTaskId, sqlite), x.CreatedAt.UtcDateTime, i.DefinitionId]);
            }

            foreach (var j in i.NewJournal)
            {
                yield return new Row("WfJournal", JournalColumns, [G(j.Id, sqlite), G(j.InstanceId, sqlite), G(j.ActivityInstanceId, sqlite), j.ElementId, j.ElementKind,
                    (int)j.Event, j.At.UtcDateTime, j.Actor, j.Detail]);
            }
        }

        public async Task BufferAsync(Row row, CancellationToken ct)
        {
            if (sqlite)
            {
                // One row a statement, run at once through SQLite's own API (see SqliteNativeStatement).
                if (!_native.TryGetValue(row.Table, out var statement))
                {
                    _native[row.Table] = statement = new SqliteNativeStatement((SqliteConnection)connection,
                        $"INSERT INTO \"{row.Table}\" ({string.Join(",", row.Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(",", row.Columns.Select(_ => "?"))})");
                }

                statement.Execute(row.Values);
                return;
            }

            if (!_pending.TryGetValue(row.Table, out var pending))
            {
                _pending[row.Table] = pending = (row.Columns, []);
            }

            pending.Rows.Add(row.Values);
            if (pending.Rows.Count >= _rowsPerInsert)
            {
                await FlushTableAsync(row.Table, ct);
            }
        }

        public async Task FlushAsync(CancellationToken ct)
        {
            if (!sqlite)
            {
                await FlushUpdatesAsync(ct); // also when the save inserts nothing (an instance that ended)
            }

            // Parents before children is not required (no foreign keys between these tables), but instances first
            // keeps the order readable in a trace.
            foreach (var table in new[] { "WfInstances", "WfTasks", "WfTaskAudience", "WfTimers", "WfSubscriptions", "WfExternalTasks", "WfIncidents", "WfJournal" })
            {
                await FlushTableAsync(table, ct);
            }
        }

        private async Task FlushTableAsync(string table, CancellationToken ct)
        {
            if (!_pending.TryGetValue(table, out var pending) || pending.Rows.Count == 0)
            {
                return;
            }

            // An instance's old projection rows go before its new ones are written (a task kept open keeps its id).
            await FlushUpdatesAsync(ct);

            var (columns, rows) = pending;
            if (rows.Count >= CopyFrom)
            {
                await PostgresCopy.WriteAsync((Npgsql.NpgsqlConnection)connection, table, columns, rows, ct);
                rows.Clear();
                return;
            }

            var key = $"insert-{table}-{rows.Count}";
            if (!_commands.TryGetValue(key, out var command))
            {
                var sql = new System.Text.StringBuilder();
                sql.Append("INSERT INTO \"").Append(table).Append("\" (").Append(string.Join(",", columns.Select(c => $"\"{c}\""))).Append(") VALUES ");
                for (var r = 0; r < rows.Count; r++)
                {
                    sql.Append(r == 0 ? "(" : ",(");
                    for (var c = 0; c < columns.Length; c++)
                    {
                        sql.Append(c == 0 ? "" : ",").Append("@r").Append(r).Append('_').Append(c);
                    }

                    sql.Append(')');
                }

                command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql.ToString();
                for (var r = 0; r < rows.Count; r++)
                {
                    for (var c = 0; c < columns.Length; c++)
                    {
                        var p = command.CreateParameter();
                        p.ParameterName = $"@r{r}_{c}";
                        command.Parameters.Add(p);
                    }
                }

                _commands[key] = command;
            }

            var n = 0;
            foreach (var row in rows)
            {
                foreach (var value in row)
                {
                    command.Parameters[n++].Value = value switch
                    {
                        null => DBNull.Value,
                        Utf8Text utf8 => System.Text.Encoding.UTF8.GetString(utf8.Bytes),
                        _ => value,
                    };
                }
            }

            await command.ExecuteNonQueryAsync(ct);
            rows.Clear();
        }

        /// <summary>
        /// PostgreSQL: the buffered instance updates as one UPDATE ... FROM unnest(...) guarded by every row's loaded
        /// version, and their old projection rows as one DELETE ... = ANY(...) per table, sent together in one round
        /// trip; one row the UPDATE missed (another save changed or removed that instance) fails the whole save.
        /// </summary>
        private async Task FlushUpdatesAsync(CancellationToken ct)
        {
            if (_updates.Count == 0)
            {
                return;
            }

            await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
            var update = new NpgsqlBatchCommand("""
                UPDATE "WfInstances" AS w SET "State" = u.state, "Version" = u.version + 1, "Status" = u.status, "EndedAtUtc" = u.ended
                FROM unnest($1, $2, $3, $4, $5) AS u(id, version, status, ended, state)
                WHERE w."Id" = u.id AND w."Version" = u.version
                """);
            update.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. _updates.Ids], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            update.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. _updates.Versions], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            update.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. _updates.Statuses], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            update.Parameters.Add(new NpgsqlParameter<DateTime?[]> { TypedValue = [.. _updates.Ended], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            update.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. _updates.States], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            batch.BatchCommands.Add(update);
            foreach (var (table, ids) in _updates.Deletes)
            {
                var delete = new NpgsqlBatchCommand($"DELETE FROM \"{table}\" WHERE \"InstanceId\" = ANY($1)");
                delete.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. ids], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
                batch.BatchCommands.Add(delete);
            }

            await batch.ExecuteNonQueryAsync(ct);
            var expected = _updates.Count;
            _updates.Clear();
            if (update.RecordsAffected != expected)
            {
                throw Changed();
            }
        }

        private static ConcurrencyException Changed() => new("Dữ liệu vừa được người khác thay đổi; vui lòng tải lại và thử lại.");

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

        /// <summary>Instance updates waiting for <see cref="FlushUpdatesAsync"/>, column by column, and their projection deletes by table.</summary>
        private sealed class PendingUpdates
        {
            public readonly List<Guid> Ids = [];
            public readonly List<int> Versions = [];
            public readonly List<int> Statuses = [];
            public readonly List<DateTime?> Ended = [];
            public readonly List<string> States = [];
            public readonly Dictionary<string, List<Guid>> Deletes = [];

            public int Count => Ids.Count;

            public void Add(Guid id, int version, int status, DateTime? ended, string state, string[] projections)
            {
                Ids.Add(id);
                Versions.Add(version);
                Statuses.Add(status);
                Ended.Add(ended);
                States.Add(state);
                foreach (var table in projections)
                {
                    if (!Deletes.TryGetValue(table, out var ids))
                    {
                        Deletes[table] = ids = [];
                    }

                    ids.Add(id);
                }
            }

            public void Clear()
            {
                Ids.Clear();
                Versions.Clear();
                Statuses.Clear();
                Ended.Clear();
                States.Clear();
                Deletes.Clear();
            }
        }

        /// <summary>On SQLite a GUID column is a big-endian BLOB (see <see cref="GuidBigEndianBytes"/>).</summary>
        private static object? G(Guid? id, bool sqlite) => id is null ? null : sqlite ? GuidBigEndianBytes.ToBytes(id.Value) : id.Value;

        private static string? Delimited(List<string> values) => values.Count == 0 ? null : "," + string.Join(",", values) + ",";
    }
}
