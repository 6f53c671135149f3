using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Workflow.Web.Data;

/// <summary>
/// One SQLite statement prepared once and run many times through SQLite's own API (bind by position, step, reset) on
/// the connection of the caller's open transaction. Bulk writes use it: for a narrow row, the ADO.NET layer's work per
/// execution (a data reader, each parameter looked up by name and converted again) costs about as much as SQLite's
/// insert itself. Values are bound exactly as Microsoft.Data.Sqlite binds them, so EF Core reads them back the same:
/// text for strings and dates ("yyyy-MM-dd HH:mm:ss.FFFFFFF"), integers for integral types, enums and booleans,
/// blobs for byte arrays (GUIDs arrive already as big-endian bytes, see <see cref="GuidBigEndianBytes"/>).
/// </summary>
public sealed class SqliteNativeStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int _parameters;

    public SqliteNativeStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }

        _parameters = raw.sqlite3_bind_parameter_count(_statement);
    }

    /// <summary>Runs the statement with these values (one per parameter, in order); returns the rows it changed.</summary>
    public int Execute(IReadOnlyList<object?> values)
    {
        try
        {
            BindAll(values);
            var step = raw.sqlite3_step(_statement);
            if (step is not (raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                throw Error(step);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>
    /// Runs a query with these values and hands each row to <paramref name="row"/>, which reads its columns with
    /// <see cref="GuidAt"/> and <see cref="DateTimeAt"/> straight from SQLite's buffers (no boxing, no per-value
    /// allocation for keys and times). Returns the number of rows.
    /// </summary>
    public int Query(IReadOnlyList<object?> values, Action<SqliteNativeStatement> row)
    {
        try
        {
            BindAll(values);
            var count = 0;
            while (true)
            {
                var step = raw.sqlite3_step(_statement);
                if (step == raw.SQLITE_DONE)
                {
                    return count;
                }

                if (step != raw.SQLITE_ROW)
                {
                    throw Error(step);
                }

                row(this);
                count++;
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    private void BindAll(IReadOnlyList<object?> values)
    {
        if (values.Count != _parameters)
        {
            throw new ArgumentException($"The statement has {_parameters} parameters, {values.Count} values were given.", nameof(values));
        }

        for (var i = 0; i < values.Count; i++)
        {
            var rc = Bind(i + 1, values[i]);
            if (rc != raw.SQLITE_OK)
            {
                throw Error(rc);
            }
        }
    }

    /// <summary>True when the column's value is NULL.</summary>
    public bool IsNullAt(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    /// <summary>A GUID stored as 16 big-endian bytes (see GuidBigEndianBytes).</summary>
    public Guid GuidAt(int column) => new(raw.sqlite3_column_blob(_statement, column), bigEndian: true);

    /// <summary>A time in EF Core's SQLite text form "yyyy-MM-dd HH:mm:ss[.fffffff]", read as UTC.</summary>
    public DateTime DateTimeAt(int column)
    {
        var text = raw.sqlite3_column_blob(_statement, column);
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[13] != ':' || text[16] != ':')
        {
            throw new FormatException($"Not a SQLite time: \"{System.Text.Encoding.UTF8.GetString(text)}\".");
        }

        static int Digits(ReadOnlySpan<byte> s, int start, int length)
        {
            var n = 0;
            for (var i = start; i < start + length; i++)
            {
                var d = s[i] - '0';
                if ((uint)d > 9)
                {
                    throw new FormatException("Not a SQLite time.");
                }

                n = (n * 10) + d;
            }

            return n;
        }

        var ticks = 0L;
        if (text.Length > 20 && text[19] == '.')
        {
            var digits = Math.Min(7, text.Length - 20);
            ticks = Digits(text, 20, digits);
            for (var i = digits; i < 7; i++)
            {
                ticks *= 10;
            }
        }

        return new DateTime(Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2), Digits(text, 11, 2), Digits(text, 14, 2),
            Digits(text, 17, 2), DateTimeKind.Utc).AddTicks(ticks);
    }

    private int Bind(int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(_statement, index),
        string s => raw.sqlite3_bind_text(_statement, index, s),
        Utf8Text u => raw.sqlite3_bind_text(_statement, index, u.Bytes),
        byte[] b => raw.sqlite3_bind_blob(_statement, index, b),
        int n => raw.sqlite3_bind_int64(_statement, index, n),
        long n => raw.sqlite3_bind_int64(_statement, index, n),
        short n => raw.sqlite3_bind_int64(_statement, index, n),
        byte n => raw.sqlite3_bind_int64(_statement, index, n),
        bool f => raw.sqlite3_bind_int64(_statement, index, f ? 1 : 0),
        Enum e => raw.sqlite3_bind_int64(_statement, index, Convert.ToInt64(e, CultureInfo.InvariantCulture)),
        double d => raw.sqlite3_bind_double(_statement, index, d),
        float d => raw.sqlite3_bind_double(_statement, index, d),
        DateTime t => raw.sqlite3_bind_text(_statement, index, t.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        DateOnly d => raw.sqlite3_bind_text(_statement, index, d.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"A value of type {value.GetType().Name} cannot be bound natively; convert it first."),
    };

    private SqliteException Error(int rc) =>
        new(raw.sqlite3_errmsg(_db).utf8_to_string() ?? $"SQLite error {rc}", rc, raw.sqlite3_extended_errcode(_db));

    public void Dispose() => _statement.Dispose();
}

/// <summary>Text already encoded as UTF-8 (a JSON document serialized straight to bytes), bound as TEXT.</summary>
public sealed record Utf8Text(byte[] Bytes);
