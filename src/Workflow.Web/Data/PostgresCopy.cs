using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Workflow.Web.Data;

/// <summary>
/// PostgreSQL's binary COPY for set-based inserts (a round's files, instances, tasks and journal; a decision's items):
/// one stream per table instead of a statement per row or per hundred rows, on the caller's connection and
/// transaction. Each value is written as its column's type, read once per table from the catalogue.
/// </summary>
public static class PostgresCopy
{
    private static readonly ConcurrentDictionary<string, string[]> ColumnTypes = new(StringComparer.Ordinal);

    /// <summary>Copies the rows into <paramref name="table"/>; returns how many were written.</summary>
    public static async Task<int> WriteAsync(NpgsqlConnection connection, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var types = await TypesAsync(connection, table, columns, ct);
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(',', columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            for (var i = 0; i < types.Length; i++)
            {
                if (row[i] is null or DBNull)
                {
                    await importer.WriteNullAsync(ct);
                }
                else if (row[i] is Utf8Text utf8)
                {
                    // Text's binary form is its UTF-8 bytes: written as they are (the server checks the encoding),
                    // with no UTF-16 string made and encoded back; other columns take it as a string.
                    if (types[i] is "text" or "varchar")
                    {
                        await importer.WriteAsync(utf8.Bytes, NpgsqlDbType.Bytea, ct);
                    }
                    else
                    {
                        await importer.WriteAsync(Encoding.UTF8.GetString(utf8.Bytes), types[i], ct);
                    }
                }
                else
                {
                    await importer.WriteAsync(Value(row[i]!, types[i]), types[i], ct);
                }
            }
        }

        return checked((int)await importer.CompleteAsync(ct));
    }

    /// <summary>The value as the column's type wants it (enums as numbers, times in UTC, whole numbers at the column's width).</summary>
    private static object Value(object value, string type) => (value, type) switch
    {
        (Enum e, "int2") => Convert.ToInt16(e, CultureInfo.InvariantCulture),
        (Enum e, "int8") => Convert.ToInt64(e, CultureInfo.InvariantCulture),
        (Enum e, _) => Convert.ToInt32(e, CultureInfo.InvariantCulture),
        (DateTime d, "timestamptz") => d.Kind switch
        {
            DateTimeKind.Utc => d,
            DateTimeKind.Local => d.ToUniversalTime(),
            _ => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        },
        (DateTime d, "timestamp") => DateTime.SpecifyKind(d, DateTimeKind.Unspecified),
        (not short, "int2") => Convert.ToInt16(value, CultureInfo.InvariantCulture),
        (not int, "int4") => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        (not long, "int8") => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        (not bool, "bool") => Convert.ToBoolean(value, CultureInfo.InvariantCulture),
        _ => value,
    };

    private static async Task<string[]> TypesAsync(NpgsqlConnection connection, string table, IReadOnlyList<string> columns, CancellationToken ct)
    {
        var key = table + ":" + string.Join(',', columns);
        if (ColumnTypes.TryGetValue(key, out var known))
        {
            return known;
        }

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
                WHERE a.attrelid = to_regclass(@table) AND a.attnum > 0 AND NOT a.attisdropped
                """;
            command.Parameters.AddWithValue("table", $"\"{table}\"");
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                found[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var types = columns.Select(c => found.TryGetValue(c, out var type) ? type
            : throw new InvalidOperationException($"Bảng {table} không có cột {c}.")).ToArray();
        ColumnTypes[key] = types;
        return types;
    }
}
