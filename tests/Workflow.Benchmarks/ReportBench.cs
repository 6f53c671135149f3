using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Testing;
using Workflow.Web.Data;
using Workflow.Web.Imports;
using Workflow.Web.Org;
using Workflow.Web.Ratings;
using Workflow.Web.Reports;
using Workflow.Web.Templates;

namespace Workflow.Benchmarks;

/// <summary>
/// Year-end reporting at a province's scale on SQLite, each measured side by side with its raw counterpart in the same run:
/// importing N members from a .csv (dry run, then the background job's batches) against a raw insert of the same rows
/// with one prepared statement; the year-end report (five years of levels, the units below, awards, titles, meetings)
/// against the two aggregate SQL statements read through Microsoft.Data.Sqlite; and the N members streamed into a
/// formatted .xlsx against the same rows written as CSV text, with the memory the export allocated.
/// </summary>
internal static class ReportScenarios
{
    private const int Branches = 500;
    private const int Year = 2026;

    public static async Task RunAsync(Report report, int members, int repeats)
    {
        Files.UseProductContentRoot();
        await using var factory = new AppFactory(await TestDatabase.CreateAsync(DatabaseKind.Sqlite), seedDemo: false);
        _ = factory.Server;
        var (provinceId, branchCodes) = await SeedUnitsAsync(factory);
        var admin = new Actor("admin", "Quản trị", provinceId, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Admin)], "bench")));
        var csv = Csv(members, branchCodes);
        var connectionString = await factory.InScopeAsync((_, db) => Task.FromResult(db.Database.GetConnectionString()!));

        // The raw insert of the same rows first (then removed), so both write into the same tables and indexes.
        var rawInsert = await RawInsertAsync(factory, members, branchCodes);

        var check = Stopwatch.StartNew();
        var job = await factory.InScopeAsync((sp, _) => sp.GetRequiredService<Importer>().CheckAsync(ImportKind.Members, provinceId, "dang-vien.csv", csv, admin, CancellationToken.None));
        var dryRun = check.Elapsed.TotalMilliseconds;
        if (job.ErrorCount > 0 || job.Created != members)
        {
            report.Fail($"import dry run: {job.ErrorCount} errors, {job.Created} to create of {members}");
        }

        await factory.InScopeAsync((_, db) => db.ImportJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Queued)));
        var run = Stopwatch.StartNew();
        await factory.InScopeAsync(async (sp, _) =>
        {
            await sp.GetRequiredService<ImportRunner>().RunAsync(job.Id, CancellationToken.None);
            return 0;
        });
        var import = run.Elapsed.TotalMilliseconds;
        var written = await factory.InScopeAsync((_, db) => db.Members.IgnoreQueryFilters().CountAsync(m => m.Code != null));
        if (written != members)
        {
            report.Fail($"import wrote {written} members of {members}");
        }

        report.Add($"SQLite import of {members:N0} members from a .csv (the background job: parse, match, {members / ImportRunner.BatchSize + 1} batches; dry run before it {Files.F(dryRun)} ms)",
            $"{Files.F(import)} ms", $"raw insert of the same rows, one prepared statement {Files.F(rawInsert)} ms", $"{Files.F(import / rawInsert, "N2")}×", "≤ 10 s and ≤ 2.5×",
            import <= 10_000 && import / rawInsert <= 2.5);

        // Five years of ratings for every member and branch, then the report against its raw aggregates.
        await SeedRatingsAsync(factory);
        var times = new List<double>();
        YearReport? built = null;
        for (var i = 0; i < repeats + 2; i++)
        {
            var clock = Stopwatch.StartNew();
            built = await factory.InScopeAsync((sp, _) => sp.GetRequiredService<YearReports>().BuildAsync(provinceId, Year, admin, CancellationToken.None));
            if (i >= 2)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        var path = await factory.InScopeAsync((_, db) => db.Units.Where(u => u.Id == provinceId).Select(u => u.Path).SingleAsync());
        var (raw, rawMembers) = RawAggregates(connectionString, path, repeats);
        var ours = Files.Median(times);
        if (built!.RatingsOf(SubjectType.Member)?.Total != rawMembers || rawMembers != members || built.Units.Count != Branches)
        {
            report.Fail($"report: {built.RatingsOf(SubjectType.Member)?.Total} members rated, raw SQL {rawMembers}, {built.Units.Count} units below");
        }

        report.Add($"SQLite year-end report of a {members:N0}-member province ({members * 5 + Branches * 5:N0} rating rows over 5 years, {Branches} units below; p50 of {repeats})",
            $"{Files.F(ours)} ms", $"its two aggregate SQL statements through Microsoft.Data.Sqlite {Files.F(raw)} ms", $"{Files.F(ours / raw, "N2")}×", "≤ 300 ms",
            ours <= 300);

        // The members as a formatted workbook, streamed from the database, against the same rows as CSV text.
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var xlsxClock = Stopwatch.StartNew();
        long size = 0;
        await factory.InScopeAsync(async (_, db) =>
        {
            var rows = db.Members.IgnoreQueryFilters().AsNoTracking().OrderBy(m => m.Id)
                .Select(m => new { m.Code, m.FullName, m.DateOfBirth, m.IsFemale, m.Status, m.JoinedOn, m.Form, Unit = m.Unit!.Name })
                .AsEnumerable().Select((m, i) => new object?[] { i + 1, m.Code, m.FullName, m.DateOfBirth.ToDateTime(TimeOnly.MinValue), m.IsFemale ? "Nữ" : "Nam", OrgText.Of(m.Status), m.JoinedOn.ToDateTime(TimeOnly.MinValue), m.Form, m.Unit });
            await using var stream = await Spreadsheets.WriteAsync([new Sheet("Đảng viên",
                [new("order", "STT"), new("code", "Mã đảng viên"), new("name", "Họ và tên", 30), new("birth", "Ngày sinh", 12, "dd/MM/yyyy"), new("gender", "Giới tính"),
                    new("status", "Trạng thái"), new("joined", "Ngày vào Đảng", 12, "dd/MM/yyyy"), new("form", "Loại"), new("unit", "Chi bộ", 30)], rows)], CancellationToken.None);
            size = stream.Length;
            return 0;
        });
        var xlsx = xlsxClock.Elapsed.TotalMilliseconds;
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - before) / 1024.0 / 1024.0;
        var csvClock = Stopwatch.StartNew();
        await factory.InScopeAsync(async (_, db) =>
        {
            await using var writer = new StreamWriter(Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.csv"), false, Encoding.UTF8);
            var i = 0;
            foreach (var m in db.Members.IgnoreQueryFilters().AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Code, m.FullName, m.DateOfBirth, m.IsFemale, m.Status, m.JoinedOn, m.Form, Unit = m.Unit!.Name }).AsEnumerable())
            {
                await writer.WriteLineAsync($"{++i},{m.Code},{m.FullName},{m.DateOfBirth:dd/MM/yyyy},{(m.IsFemale ? "Nữ" : "Nam")},{m.Status},{m.JoinedOn:dd/MM/yyyy},{m.Form},{m.Unit}");
            }

            return 0;
        });
        var plain = csvClock.Elapsed.TotalMilliseconds;
        report.Add($"SQLite export of {members:N0} members to a formatted .xlsx, streamed ({size / 1024.0 / 1024.0:N1} MB file; {allocated:N0} MB allocated in all, rows never held together)",
            $"{Files.F(xlsx)} ms", $"the same rows as CSV text {Files.F(plain)} ms", $"{Files.F(xlsx / plain, "N2")}×", "≤ 5 s", xlsx <= 5_000);
    }

    private static async Task<(Guid Province, List<string> Codes)> SeedUnitsAsync(AppFactory factory) => await factory.InScopeAsync(async (_, db) =>
    {
        using var unaudited = db.WithoutAudit();
        var province = new Unit { Name = "Tỉnh ủy đo", Code = "TUDO", Kind = UnitKind.Province, ValidFrom = new DateOnly(2000, 1, 1) };
        province.Path = Unit.PathUnder(null, province.Id);
        db.Units.Add(province);
        var codes = new List<string>();
        for (var b = 0; b < Branches; b++)
        {
            var code = $"CB{b + 1:000}";
            var unit = new Unit { ParentId = province.Id, Name = $"Chi bộ đo {b + 1}", Code = code, SearchName = $"chi bo do {b + 1}", Kind = UnitKind.GrassrootsBranch, Depth = 1, ValidFrom = new DateOnly(2000, 1, 1) };
            unit.Path = Unit.PathUnder(province, unit.Id);
            db.Units.Add(unit);
            codes.Add(code);
        }

        await db.SaveChangesAsync();
        return (province.Id, codes);
    });

    private static byte[] Csv(int members, List<string> codes)
    {
        var text = new StringBuilder("Mã đảng viên,Họ và tên,Ngày sinh,Giới tính,Mã đơn vị,Loại (2A/2B/2C),Trạng thái,Ngày vào Đảng\n");
        for (var m = 0; m < members; m++)
        {
            text.Append(CultureInfo.InvariantCulture, $"DV{m:000000},Đảng viên đo {m + 1},{1 + (m % 28):00}/{1 + (m % 12):00}/{1960 + (m % 40)},{(m % 2 == 0 ? "Nam" : "Nữ")},{codes[m % codes.Count]},{(m % 10 == 0 ? "2A" : "2B")},Chính thức,01/02/2020\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The same members (the values the import would write) with one prepared statement in one transaction; then removed.</summary>
    private static async Task<double> RawInsertAsync(AppFactory factory, int members, List<string> codes) => await factory.InScopeAsync(async (_, db) =>
    {
        var units = await db.Units.Where(u => u.Code != null).ToDictionaryAsync(u => u.Code!, u => u.Id);
        var rows = Enumerable.Range(0, members).Select(m => new object?[]
        {
            Guid.CreateVersion7(), units[codes[m % codes.Count]], $"Đảng viên đo {m + 1}", $"dang vien do {m + 1}", new DateOnly(1960 + (m % 40), 1 + (m % 12), 1 + (m % 28)),
            m % 2 == 1, MemberStatus.Official, new DateOnly(2020, 2, 1), null, true, false, null, $"RAW{m:000000}", m % 10 == 0 ? "2A" : "2B",
        }).ToList();
        var clock = Stopwatch.StartNew();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await new BulkInsert(db, "Members", "Id", "UnitId", "FullName", "SearchName", "DateOfBirth", "IsFemale", "Status", "JoinedOn", "Position",
                "WorksInPoliticalSystem", "ExemptFromActivity", "LeftOn", "Code", "Form").WriteAsync(rows, CancellationToken.None);
            await tx.CommitAsync();
        }

        var elapsed = clock.Elapsed.TotalMilliseconds;
        await db.Members.IgnoreQueryFilters().Where(m => m.Code!.StartsWith("RAW")).ExecuteDeleteAsync();
        return elapsed;
    });

    private static async Task SeedRatingsAsync(AppFactory factory) => await factory.InScopeAsync(async (_, db) =>
    {
        var members = await db.Members.IgnoreQueryFilters().Select(m => new { m.Id, m.FullName, m.UnitId, m.Unit!.Path }).ToListAsync();
        var branches = await db.Units.Where(u => u.Kind == UnitKind.GrassrootsBranch).Select(u => new { u.Id, u.Name, u.Path }).ToListAsync();
        var random = new Random(20);
        var now = DateTime.UtcNow;
        IEnumerable<object?[]> Rows()
        {
            RatingLevel Level() => random.NextDouble() switch { < 0.16 => RatingLevel.Excellent, < 0.85 => RatingLevel.Good, < 0.98 => RatingLevel.Complete, _ => RatingLevel.NotComplete };
            foreach (var m in members)
            {
                for (var year = Year - 4; year <= Year; year++)
                {
                    yield return [Guid.CreateVersion7(), SubjectType.Member, m.Id, m.FullName, m.UnitId, m.Path, year, Level(), null, null, true, now];
                }
            }

            foreach (var b in branches)
            {
                for (var year = Year - 4; year <= Year; year++)
                {
                    yield return [Guid.CreateVersion7(), SubjectType.GrassrootsOrganization, b.Id, b.Name, b.Id, b.Path, year, Level(), null, null, true, now];
                }
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync();
        await new BulkInsert(db, "YearRatings", "Id", "SubjectType", "SubjectId", "SubjectName", "UnitId", "UnitPath", "Year", "Level", "DecisionId", "DecisionNumber",
            "Imported", "RecordedAtUtc").WriteAsync(Rows(), CancellationToken.None);
        await tx.CommitAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        return 0;
    });

    /// <summary>The report's two heavy statements by hand: five years of levels in the subtree, and this year's levels per unit below.</summary>
    private static (double Milliseconds, int Members) RawAggregates(string connectionString, string path, int repeats)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqlitePragmas.Apply(connection);
        using var history = connection.CreateCommand();
        history.CommandText = """
            SELECT "Year", "SubjectType", "Level", COUNT(*) FROM "YearRatings"
            WHERE "Year" >= $first AND "Year" <= $year AND "UnitPath" LIKE $path || '%'
            GROUP BY "Year", "SubjectType", "Level"
            """;
        using var units = connection.CreateCommand();
        units.CommandText = """
            SELECT substr("UnitPath", 1, $prefix), "SubjectType", "Level", COUNT(*) FROM "YearRatings"
            WHERE "Year" = $year AND "UnitPath" LIKE $path || '%' AND length("UnitPath") >= $prefix
            GROUP BY substr("UnitPath", 1, $prefix), "SubjectType", "Level"
            """;
        foreach (var command in new[] { history, units })
        {
            command.Parameters.AddWithValue("$first", Year - 4);
            command.Parameters.AddWithValue("$year", Year);
            command.Parameters.AddWithValue("$path", path);
            command.Parameters.AddWithValue("$prefix", path.Length + 33);
        }

        var times = new List<double>();
        var rated = 0;
        for (var i = 0; i < repeats + 2; i++)
        {
            var clock = Stopwatch.StartNew();
            rated = 0;
            using (var reader = history.ExecuteReader())
            {
                while (reader.Read())
                {
                    if (reader.GetInt32(0) == Year && reader.GetInt32(1) == (int)SubjectType.Member)
                    {
                        rated += reader.GetInt32(3);
                    }
                }
            }

            using (var reader = units.ExecuteReader())
            {
                while (reader.Read())
                {
                    _ = (reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
                }
            }

            if (i >= 2)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return (Files.Median(times), rated);
    }
}
