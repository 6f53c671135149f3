using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workflow.Testing;
using Workflow.Web.Awards;
using Workflow.Web.Data;
using Workflow.Web.Org;
using Workflow.Web.Ratings;

namespace Workflow.Benchmarks;

/// <summary>
/// The award candidates of a province at scale on SQLite: N members under 500 branches, five years of ratings each in
/// the achievement record (5 × N rows), about one member in ten HTXSNV every year. Measured: the product's candidate
/// query for "HTXSNV 5 năm liền" (one indexed count per subject of this year's level) and for this year's HTXSNV,
/// against the same SQL read through Microsoft.Data.Sqlite's reader, in the same run.
/// </summary>
internal static class AwardScenarios
{
    private const int Branches = 500;
    private const int Year = 2026;

    public static async Task RunAsync(Report report, int members, int repeats)
    {
        Files.UseProductContentRoot();
        await using var factory = new AppFactory(await TestDatabase.CreateAsync(DatabaseKind.Sqlite), seedDemo: false);
        _ = factory.Server;
        var path = await SeedAsync(factory, members);
        var kinds = ShippedAwardKinds.All().ToDictionary(k => k.Code);

        foreach (var kind in new[] { kinds[ShippedAwardKinds.FiveYears], kinds[ShippedAwardKinds.Exemplary] })
        {
            var times = new List<double>();
            var found = 0;
            for (var i = 0; i < repeats + 2; i++)
            {
                var clock = Stopwatch.StartNew();
                found = await factory.InScopeAsync(async (_, db) => (await AwardCandidateQuery.Query(db, path, Year, kind).ToListAsync()).Count);
                if (i >= 2)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            var connectionString = await factory.InScopeAsync((_, db) => Task.FromResult(db.Database.GetConnectionString()!));
            var (raw, rawFound) = Raw(connectionString, path, kind, repeats);
            if (rawFound != found || found == 0)
            {
                report.Fail($"{kind.Code}: the product found {found} candidates, the raw SQL {rawFound}");
            }

            var ours = Files.Median(times);
            report.Add($"SQLite award candidates, {kind.Name} ({found:N0} of {members:N0} members; {members * 5:N0} rating rows over 5 years; p50 of {repeats})",
                $"{Files.F(ours, "N0")} ms", $"the same SQL through Microsoft.Data.Sqlite's reader {Files.F(raw, "N0")} ms", $"{Files.F(ours / raw, "N2")}×", "≤ 1 s and ≤ 3×",
                ours <= 1000 && ours / raw <= 3);
        }
    }

    /// <summary>500 branches under a province; five years of ratings per member (deterministic), written with one prepared statement.</summary>
    private static async Task<string> SeedAsync(AppFactory factory, int members)
    {
        return await factory.InScopeAsync(async (_, db) =>
        {
            using var unaudited = db.WithoutAudit(); // bench data, not an operator's change
            var province = new Unit { Name = "Tỉnh ủy đo", Kind = UnitKind.Province, ValidFrom = new DateOnly(2000, 1, 1) };
            province.Path = Unit.PathUnder(null, province.Id);
            db.Units.Add(province);
            var branches = new List<Unit>();
            for (var b = 0; b < Branches; b++)
            {
                var unit = new Unit { ParentId = province.Id, Name = $"Chi bộ đo {b + 1}", Kind = UnitKind.GrassrootsBranch, Depth = 1, ValidFrom = new DateOnly(2000, 1, 1) };
                unit.Path = Unit.PathUnder(province, unit.Id);
                branches.Add(unit);
            }

            db.Units.AddRange(branches);
            await db.SaveChangesAsync();
            var random = new Random(19);
            var now = DateTime.UtcNow;
            IEnumerable<object?[]> Rows()
            {
                for (var m = 0; m < members; m++)
                {
                    var unit = branches[m % Branches];
                    var id = Guid.CreateVersion7();
                    var steady = random.NextDouble() < 0.10;
                    for (var year = Year - 4; year <= Year; year++)
                    {
                        var level = steady || random.NextDouble() < 0.15 ? RatingLevel.Excellent : RatingLevel.Good;
                        yield return [Guid.CreateVersion7(), SubjectType.Member, id, $"Đảng viên đo {m + 1}", unit.Id, unit.Path, year, level, null, null, true, now];
                    }
                }
            }

            await using var tx = await db.Database.BeginTransactionAsync();
            await new BulkInsert(db, "YearRatings", "Id", "SubjectType", "SubjectId", "SubjectName", "UnitId", "UnitPath", "Year", "Level", "DecisionId", "DecisionNumber",
                "Imported", "RecordedAtUtc").WriteAsync(Rows(), CancellationToken.None);
            await tx.CommitAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
            return province.Path;
        });
    }

    /// <summary>The same candidate SQL, hand-written, read row by row (p50 of the repeats).</summary>
    private static (double Milliseconds, int Found) Raw(string connectionString, string path, AwardRule kind, int repeats)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqlitePragmas.Apply(connection);
        using var command = connection.CreateCommand();
        var streak = kind.Eligibility == AwardEligibility.ConsecutiveYears
            ? """
              AND (SELECT COUNT(*) FROM "YearRatings" AS p WHERE p."SubjectType" = y."SubjectType" AND p."SubjectId" = y."SubjectId"
                   AND p."Year" >= $first AND p."Year" < $year AND p."Level" = $level) = $earlier
              """
            : "";
        command.CommandText = $"""
            SELECT y."SubjectType", y."SubjectId", y."SubjectName", y."UnitId", y."UnitPath", u."Name"
            FROM "YearRatings" AS y JOIN "Units" AS u ON u."Id" = y."UnitId"
            WHERE y."Year" = $year AND y."Level" = $level AND y."SubjectType" IN (0, 1, 2) AND y."UnitPath" LIKE $path || '%' {streak}
            """;
        command.Parameters.AddWithValue("$year", Year);
        command.Parameters.AddWithValue("$level", (int)kind.Level);
        command.Parameters.AddWithValue("$path", path);
        command.Parameters.AddWithValue("$first", Year - kind.Years + 1);
        command.Parameters.AddWithValue("$earlier", kind.Years - 1);
        var times = new List<double>();
        var found = 0;
        for (var i = 0; i < repeats + 2; i++)
        {
            var clock = Stopwatch.StartNew();
            found = 0;
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    _ = (reader.GetInt32(0), reader.GetFieldValue<byte[]>(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3), reader.GetString(4), reader.GetString(5));
                    found++;
                }
            }

            if (i >= 2)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return (Files.Median(times), found);
    }
}
