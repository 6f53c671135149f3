using Npgsql;

namespace Workflow.Web.Data;

/// <summary>
/// One node at a time migrates the database, seeds the demo and deploys the shipped workflows: nodes that start
/// together wait for each other and then find the work done. On PostgreSQL a session advisory lock (released when the
/// connection closes, so a node killed while holding it frees it); on SQLite a lock file beside the database.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    /// <summary>The advisory lock's key: any constant unique to the product ("WFSTART" in ASCII).</summary>
    public const long Key = 0x5746535441525400;

    private readonly NpgsqlConnection? _connection;
    private readonly FileStream? _file;

    private StartupLock(NpgsqlConnection? connection, FileStream? file)
    {
        _connection = connection;
        _file = file;
    }

    public static async Task<StartupLock> AcquireAsync(DatabaseOptions options, string sqlitePath, ILogger logger, CancellationToken ct = default)
    {
        if (options.IsPostgres)
        {
            var connection = new NpgsqlConnection(options.PostgresConnectionString);
            await connection.OpenAsync(ct);
            await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({Key})", connection))
            {
                if ((bool)(await tryLock.ExecuteScalarAsync(ct))!)
                {
                    return new StartupLock(connection, null);
                }
            }

            logger.LogInformation("Another node is preparing the database; waiting for it");
            await using var wait = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 };
            await wait.ExecuteNonQueryAsync(ct);
            return new StartupLock(connection, null);
        }

        var path = sqlitePath + ".startup.lock";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new StartupLock(null, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose));
            }
            catch (IOException) when (attempt < 600)
            {
                if (attempt == 0)
                {
                    logger.LogInformation("Another process is preparing the database; waiting for it");
                }

                await Task.Delay(500, ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await using (var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", _connection))
            {
                await unlock.ExecuteScalarAsync();
            }

            await _connection.DisposeAsync();
        }

        if (_file is not null)
        {
            await _file.DisposeAsync();
        }
    }
}
