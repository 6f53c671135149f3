using Npgsql;

namespace Workflow.Testing;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A throwaway database for one test host: a new SQLite file in a temp folder, or a new database on the PostgreSQL
/// server named by WORKFLOW_TEST_POSTGRES (tests/run-all.sh starts one on 127.0.0.1). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "WORKFLOW_TEST_POSTGRES";

    private TestDatabase(DatabaseKind kind, string? sqliteFile, string? postgresServer, string? postgresName)
    {
        Kind = kind;
        SqliteFile = sqliteFile;
        PostgresServer = postgresServer;
        PostgresName = postgresName;
    }

    public DatabaseKind Kind { get; }
    public string? SqliteFile { get; }
    private string? PostgresServer { get; }
    private string? PostgresName { get; }

    public string PostgresConnectionString =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = PostgresName }.ConnectionString;

    /// <summary>Settings for the host (Database:*), as key/value pairs.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings => Kind == DatabaseKind.Sqlite
        ? [new("Database:Provider", "Sqlite"), new("Database:SqlitePath", SqliteFile)]
        : [new("Database:Provider", "Postgres"), new("Database:PostgresConnectionString", PostgresConnectionString)];

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind)
    {
        if (kind == DatabaseKind.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "workflow-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return new TestDatabase(kind, Path.Combine(folder, "test.db"), null, null);
        }

        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"PostgreSQL tests need {PostgresVariable} (a connection string to a server you may create databases on). " +
                "Run tests/run-all.sh, which starts a throwaway server and sets it.");
        }

        var name = "wf_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
        await create.ExecuteNonQueryAsync();
        return new TestDatabase(kind, null, server, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Kind == DatabaseKind.Sqlite && SqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Path.GetDirectoryName(SqliteFile)!, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a lingering connection is left for the OS temp cleaner.
            }
        }
        else if (PostgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
