using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflow.Web.Data;

/// <summary>
/// Inserts many rows of one table with one prepared statement reused per row, on the context's connection and current
/// transaction: for set-based work (opening a round) where EF Core's change tracking costs more than the insert.
/// Identifiers are quoted so the same SQL serves SQLite and PostgreSQL; GUIDs follow each provider's storage.
/// </summary>
public sealed class BulkInsert(AppDbContext db, string table, params string[] columns)
{
    /// <summary>Skips rows that would break a unique key ("ON CONFLICT DO NOTHING", both providers) instead of failing.</summary>
    public bool IgnoreConflicts { get; init; }

    /// <summary>Inserts the rows; returns how many were written (fewer than given when conflicts are ignored).</summary>
    public async Task<int> WriteAsync(IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("BulkInsert runs inside the caller's transaction.");
        var sqlite = db.Database.IsSqlite();
        if (sqlite)
        {
            return WriteNative((Microsoft.Data.Sqlite.SqliteConnection)transaction.Connection!, rows);
        }

        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(',', columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(',', columns.Select((_, i) => "@p" + i))})"
            + (IgnoreConflicts ? " ON CONFLICT DO NOTHING" : "");
        var parameters = columns.Select((_, i) =>
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + i;
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        var prepared = false;
        var written = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = Convert(row[i], sqlite);
            }

            if (!prepared)
            {
                await command.PrepareAsync(ct);
                prepared = true;
            }

            written += await command.ExecuteNonQueryAsync(ct);
        }

        return written;
    }

    /// <summary>SQLite: the statement runs through SQLite's own API, a row at a time (see <see cref="SqliteNativeStatement"/>).</summary>
    private int WriteNative(Microsoft.Data.Sqlite.SqliteConnection connection, IEnumerable<object?[]> rows)
    {
        using var statement = new SqliteNativeStatement(connection,
            $"INSERT INTO \"{table}\" ({string.Join(',', columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(',', columns.Select(_ => "?"))})"
            + (IgnoreConflicts ? " ON CONFLICT DO NOTHING" : ""));
        var values = new object?[columns.Length];
        var written = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Convert(row[i], sqlite: true);
            }

            written += statement.Execute(values);
        }

        return written;
    }

    private static object Convert(object? value, bool sqlite) => value switch
    {
        null => DBNull.Value,
        Guid g when sqlite => GuidBigEndianBytes.ToBytes(g),
        Enum e => System.Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };
}
