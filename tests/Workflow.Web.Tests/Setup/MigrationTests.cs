using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Workflow.Web.Data;
using Workflow.Web.Org;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;

namespace Workflow.Web.Tests.Setup;

/// <summary>
/// Each provider's migrations build a fresh database that matches the current model exactly: a model change without
/// a migration for both providers fails here. The migration that made a subject's file unique per round cleans what
/// the old behaviour left, on both providers.
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

    private static AppDbContext Context(TestDatabase database) => database.Kind == DatabaseKind.Postgres
        ? new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(database.PostgresConnectionString).Options)
        : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={database.SqliteFile};Pooling=False").Options);

    /// <summary>
    /// A round opened twice by the old code: a member's file and a branch's file each written two more times, with
    /// their workflow instances, tasks and journal lines. Returns the first copies' ids and the later copies' ids.
    /// </summary>
    private static async Task<(List<Guid> First, List<Guid> Later)> SeedDuplicatesAsync(AppDbContext db, FileStatus laterStatus)
    {
        var branch = new Unit { Name = "Chi bộ thử nghiệm", SearchName = "chi bo thu nghiem", Kind = UnitKind.GrassrootsBranch, ValidFrom = new DateOnly(2021, 1, 1) };
        branch.Path = Unit.PathUnder(null, branch.Id);
        var member = new PartyMember { UnitId = branch.Id, FullName = "Nguyễn Văn An", SearchName = "nguyen van an", DateOfBirth = new DateOnly(1980, 1, 1), JoinedOn = new DateOnly(2005, 1, 1) };
        var ruleSet = new RuleSet { Code = "TEST", Name = "Bộ quy tắc thử", FromYear = 2020, Definition = "{}", CreatedAtUtc = DateTime.UtcNow };
        var round = new RatingRound
        {
            Name = "Đợt thử", Year = 2025, RuleSetId = ruleSet.Id, DecidingUnitId = branch.Id, DecidingUnitPath = branch.Path,
            SubjectTypes = "GrassrootsOrganization,Member", SelfAssessmentDueUtc = DateTime.UtcNow, ReviewDueUtc = DateTime.UtcNow,
            DecisionDueUtc = DateTime.UtcNow, CreatedAtUtc = DateTime.UtcNow, CreatedBy = "test",
        };
        db.AddRange(branch, member, ruleSet, round);
        await db.SaveChangesAsync();

        // The first copies go in while the unique keys exist; the later copies after the schema was taken back.
        var first = new List<Guid> { await FileAsync(db, round, branch, null, FileStatus.Opened), await FileAsync(db, round, branch, member, FileStatus.Opened) };
        await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_SeveralNodes", StringComparison.Ordinal)).Last());
        var later = new List<Guid>();
        for (var copy = 0; copy < 2; copy++)
        {
            later.Add(await FileAsync(db, round, branch, null, copy == 0 ? laterStatus : FileStatus.Opened));
            later.Add(await FileAsync(db, round, branch, member, FileStatus.Opened));
        }

        return (first, later);
    }

    private static async Task<Guid> FileAsync(AppDbContext db, RatingRound round, Unit branch, PartyMember? member, FileStatus status)
    {
        var instance = new WfInstance { Id = Guid.CreateVersion7(), DefinitionId = "rating-subject:1", DefinitionKey = RatingWorkflow.ProcessKey, State = "{}", StartedAtUtc = DateTime.UtcNow };
        var file = new RatingFile
        {
            RoundId = round.Id, SubjectType = member is null ? SubjectType.GrassrootsOrganization : SubjectType.Member, SubjectUnitId = branch.Id,
            MemberId = member?.Id, SubjectName = member?.FullName ?? branch.Name, UnitPath = branch.Path, DecidingUnitId = branch.Id,
            FormCode = member is null ? "01" : "2A", Status = status, InstanceId = instance.Id,
        };
        db.Add(instance);
        db.Add(file);
        db.Add(new WfTask { Id = Guid.CreateVersion7(), InstanceId = instance.Id, ElementId = "selfAssessment", DefinitionId = instance.DefinitionId, DefinitionKey = instance.DefinitionKey, CreatedAtUtc = DateTime.UtcNow });
        db.Add(new WfJournal { Id = Guid.CreateVersion7(), InstanceId = instance.Id, ElementId = "selfAssessment", AtUtc = DateTime.UtcNow });
        db.Add(new FileEvent { FileId = file.Id, Actor = "system", AtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return file.Id;
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_migration_to_one_file_per_subject_removes_untouched_later_copies_with_their_instances(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = Context(database))
        {
            await db.Database.MigrateAsync();
            var (first, later) = await SeedDuplicatesAsync(db, FileStatus.Opened);

            await db.Database.MigrateAsync();

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(first.Order(), (await db.Files.IgnoreQueryFilters().Select(f => f.Id).ToListAsync()).Order());
            var kept = await db.Files.IgnoreQueryFilters().Select(f => f.InstanceId!.Value).ToListAsync();
            Assert.Equal(kept.Order(), (await db.WfInstances.Select(i => i.Id).ToListAsync()).Order());
            Assert.Equal(2, await db.WfTasks.CountAsync(t => kept.Contains(t.InstanceId)));
            Assert.Equal(2, await db.WfTasks.CountAsync());
            Assert.Equal(2, await db.WfJournal.CountAsync());
            Assert.Equal(2, await db.FileEvents.CountAsync());
            Assert.False(await db.FileEvents.AnyAsync(e => later.Contains(e.FileId)));
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_later_copy_someone_worked_on_stops_the_migration_and_nothing_is_lost(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = Context(database))
        {
            await db.Database.MigrateAsync();
            var (first, later) = await SeedDuplicatesAsync(db, FileStatus.Submitted);

            var error = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.MigrateAsync());
            Assert.Contains("unique", error.Message, StringComparison.OrdinalIgnoreCase); // the database's own words: the unique key on Files
            Assert.Contains("Files", error.Message, StringComparison.Ordinal);

            // The migration rolled back whole: still pending, every copy and instance where it was, for a person to settle.
            Assert.Contains(await db.Database.GetPendingMigrationsAsync(), m => m.EndsWith("_SeveralNodes", StringComparison.Ordinal));
            Assert.Equal(first.Count + later.Count, await db.Files.IgnoreQueryFilters().CountAsync());
            Assert.Equal(first.Count + later.Count, await db.WfInstances.CountAsync());
            Assert.Equal(first.Count + later.Count, await db.WfTasks.CountAsync());
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
