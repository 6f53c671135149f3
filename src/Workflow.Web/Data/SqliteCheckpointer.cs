using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Workflow.Web.Data;

/// <summary>
/// For a long bulk job on SQLite (opening a round): the WAL is checkpointed by a second connection on another thread
/// instead of inside the job's own commits. SQLite's default is that the commit which pushes the WAL past 1,000 pages
/// copies them into the database file itself, and a batch of a thousand subjects writes about that much, so nearly
/// every commit of the job paid for a checkpoint. A passive checkpoint never blocks the writer, so here it runs beside
/// it (SQLite's documentation suggests exactly this for write-heavy applications). Durability is unchanged: every
/// commit is still a FULL one. The job's connection stays open while this lives (the setting is per connection, and a
/// pooled connection must not keep it); disposing restores it, runs a last checkpoint and closes the connection.
/// Does nothing on PostgreSQL.
/// </summary>
public sealed class SqliteCheckpointer : IAsyncDisposable
{
    private readonly AppDbContext _db;
    private readonly long _autoCheckpoint;
    private readonly SqliteConnection _checkpoints;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private SqliteCheckpointer(AppDbContext db, long autoCheckpoint, SqliteConnection checkpoints)
    {
        _db = db;
        _autoCheckpoint = autoCheckpoint;
        _checkpoints = checkpoints;
        _loop = Task.Run(LoopAsync);
    }

    public static async Task<SqliteCheckpointer?> StartAsync(AppDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        long autoCheckpoint;
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "PRAGMA wal_autocheckpoint;";
            autoCheckpoint = Convert.ToInt64(await read.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        await Execute(connection, "PRAGMA wal_autocheckpoint = 0;", ct);
        var checkpoints = new SqliteConnection(connection.ConnectionString);
        await checkpoints.OpenAsync(ct);
        await Execute(checkpoints, "PRAGMA busy_timeout = 10000;", ct);
        return new SqliteCheckpointer(db, autoCheckpoint, checkpoints);
    }

    /// <summary>Called after a commit: the background connection checkpoints what the WAL holds (at most one waiting request).</summary>
    public void Committed()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // a checkpoint is already requested
            }
        }
    }

    private async Task LoopAsync()
    {
        try
        {
            while (true)
            {
                await _signal.WaitAsync(_stop.Token);
                await Execute(_checkpoints, "PRAGMA wal_checkpoint(PASSIVE);", _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    private static async Task Execute(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        try
        {
            await Execute(_checkpoints, "PRAGMA wal_checkpoint(PASSIVE);", CancellationToken.None);
            await Execute((SqliteConnection)_db.Database.GetDbConnection(),
                FormattableString.Invariant($"PRAGMA wal_autocheckpoint = {_autoCheckpoint};"), CancellationToken.None);
        }
        finally
        {
            await _checkpoints.DisposeAsync();
            await _db.Database.CloseConnectionAsync();
            _signal.Dispose();
            _stop.Dispose();
        }
    }
}
