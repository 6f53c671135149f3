using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Reminders;

/// <summary>
/// The scan's set-based find, written once as SQL: one indexed range over the open tasks' deadlines, without the tasks
/// already reminded today, with the task's round when some round has a reminder policy of its own. SQLite runs it
/// through the native statement API (this scan runs every few minutes over every open deadline, and reading 10,000 keys
/// and times through EF's converters costs twice the query itself); PostgreSQL through its data reader.
/// </summary>
public static class DueTasks
{
    private static string Sql(string round, string join) => $"""
        SELECT t."Id", t."DueAtUtc", {round} FROM "WfTasks" t
        {join}
        WHERE t."DueAtUtc" >= @since AND t."DueAtUtc" < @until
          AND NOT EXISTS (SELECT 1 FROM "Reminders" r WHERE r."TaskId" = t."Id" AND r."Day" = @day)
        """;

    private static readonly string WithoutRound = Sql("NULL", "");

    private static readonly string WithRound = Sql("f.\"RoundId\"", "LEFT JOIN \"Files\" f ON f.\"InstanceId\" = t.\"InstanceId\"");

    /// <summary>Open tasks due in [<paramref name="since"/>, <paramref name="until"/>) and not reminded on <paramref name="day"/>.</summary>
    public static async Task<List<DueCandidate>> FindAsync(AppDbContext db, DateTime since, DateTime until, int day, bool withRound, CancellationToken ct)
    {
        var sql = withRound ? WithRound : WithoutRound;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }

        try
        {
            return connection is SqliteConnection sqlite ? Native(sqlite, sql, since, until, day) : await ReadAsync(connection, sql, since, until, day, ct);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static List<DueCandidate> Native(SqliteConnection connection, string sql, DateTime since, DateTime until, int day)
    {
        using var query = new SqliteNativeStatement(connection, sql);
        var result = new List<DueCandidate>();
        query.Query([since, until, day], row => result.Add(new DueCandidate(row.GuidAt(0), row.DateTimeAt(1), row.IsNullAt(2) ? null : row.GuidAt(2))));
        return result;
    }

    private static async Task<List<DueCandidate>> ReadAsync(DbConnection connection, string sql, DateTime since, DateTime until, int day, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in new (string, object)[] { ("since", since), ("until", until), ("day", day) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var result = new List<DueCandidate>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new DueCandidate(reader.GetGuid(0), DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc), reader.IsDBNull(2) ? null : reader.GetGuid(2)));
        }

        return result;
    }
}
