using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Tests.Setup;

/// <summary>
/// Each provider's migrations build a fresh database that matches the current model exactly: a model change without
/// a migration for both providers fails here.
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task A_fresh_SQLite_database_migrates_to_the_current_model()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={database.SqliteFile}").Options;
        await using var db = new SqliteAppDbContext(options);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes without a SQLite migration");
        Assert.Equal(0, await db.Units.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task A_fresh_PostgreSQL_database_migrates_to_the_current_model()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(database.PostgresConnectionString).Options;
        await using (var db = new PostgresAppDbContext(options))
        {
            await db.Database.MigrateAsync();

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.False(db.Database.HasPendingModelChanges(), "the model has changes without a PostgreSQL migration");
            Assert.Equal(0, await db.Units.IgnoreQueryFilters().CountAsync());
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
