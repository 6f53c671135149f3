using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflow.Web.Data;

/// <summary>
/// Inserts many rows of one table on the context's connection and current transaction: for set-based work (opening a
/// round, deciding a group) where EF Core's change tracking costs more than the insert. SQLite runs one statement per
/// row through its own API (no round trips to save); PostgreSQL takes the rows as one binary COPY, or, when conflicts
/// are to be skipped, as INSERTs of a hundred rows each. GUIDs follow each provider's storage.
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

        var connection = (Npgsql.NpgsqlConnection)transaction.Connection!;
        if (!IgnoreConflicts)
        {
            return await PostgresCopy.WriteAsync(connection, table, columns, rows, ct);
        }

        // COPY has no "skip what conflicts": INSERT … ON CONFLICT DO NOTHING, a hundred rows a statement.
        var written = 0;
        foreach (var chunk in rows.Chunk(RowsPerInsert))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = (Npgsql.NpgsqlTransaction)transaction;
            var values = new System.Text.StringBuilder();
            for (var r = 0; r < chunk.Length; r++)
            {
                values.Append(r == 0 ? "(" : ",(");
                for (var c = 0; c < columns.Length; c++)
                {
                    values.Append(c == 0 ? "$" : ",$").Append((r * columns.Length) + c + 1);
                    command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Convert(chunk[r][c], sqlite: false) });
                }

                values.Append(')');
            }

            command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(',', columns.Select(c => $"\"{c}\""))}) VALUES {values} ON CONFLICT DO NOTHING";
            written += await command.ExecuteNonQueryAsync(ct);
        }

        return written;
    }

    private const int RowsPerInsert = 100;

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
