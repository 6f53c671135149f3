using System.Diagnostics;
using System.Security.Claims;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Testing;
using Workflow.Web.Data;
using Workflow.Web.Designer;
using Workflow.Web.Org;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;

namespace Workflow.Benchmarks;

/// <summary>
/// The rating round at scale on SQLite, through the product's own services: opening a round of N members (files,
/// instances, tasks, journal, in batches of 1,000 per transaction) against a raw insert of the same rows, and one
/// standing committee finalizing a group of M subjects in one command against a raw update of the same rows.
/// </summary>
internal static class RatingScenarios
{
    public static async Task RunAsync(Report report, int members, int group)
    {
        Files.UseProductContentRoot();
        await using var factory = new AppFactory(await TestDatabase.CreateAsync(DatabaseKind.Sqlite), seedDemo: false);
        _ = factory.Server;

        // ---- open a round over `members` members: the job, timed, vs a raw insert of what it wrote ----
        var (deciding, branches) = await TreeAsync(factory, "Khối đo", branches: (members + 999) / 1000, membersEach: 1000, total: members);
        var roundId = await RoundAsync(factory, deciding, SubjectType.Member);
        var clock = Stopwatch.StartNew();
        await factory.InScopeAsync((sp, _) => sp.GetRequiredService<RoundOpeningJob>().RunAsync(roundId, CancellationToken.None));
        var openSeconds = clock.Elapsed.TotalSeconds;
        var opened = await factory.InScopeAsync((_, db) => db.Files.CountAsync(f => f.RoundId == roundId));
        if (opened != members)
        {
            report.Fail($"the round opened {opened} files instead of {members}");
        }

        var rawSeconds = await RawOpenAsync(factory, roundId, native: false);
        var nativeSeconds = await RawOpenAsync(factory, roundId, native: true);
        report.Add($"SQLite: open a round of {members:N0} members (file + instance + task + audience + journal rows, batches of {RoundOpeningJob.BatchSize:N0})",
            $"{Files.F(openSeconds, "N2")} s",
            $"insert of the same rows, same batches: SQLite's native statement API {Files.F(nativeSeconds, "N2")} s, ADO.NET prepared commands {Files.F(rawSeconds, "N2")} s",
            $"{Files.F(openSeconds / nativeSeconds, "N2")}× the native insert", "≤ 5 s", openSeconds <= 5);
        _ = branches;

        // ---- one inspection opinion recording a discipline in that round: re-caps only what it reaches ----
        await InspectionAsync(report, factory, roundId, deciding, members);

        // ---- one group of `group` members driven to the decision, then finalized in one command ----
        var (finalizeSeconds, groupRound) = await DecideGroupAsync(report, factory, group);
        var rawFinalize = await RawFinalizeAsync(factory, groupRound);
        report.Add($"SQLite: finalize one group of {group:N0} subjects (decision, items, files, every instance; one transaction)",
            $"{Files.F(finalizeSeconds, "N2")} s", $"raw ADO.NET update of the same rows {Files.F(rawFinalize, "N2")} s",
            $"{Files.F(finalizeSeconds / rawFinalize, "N2")}× the time", "≤ 1 s", finalizeSeconds <= 1);

        // ---- operations over everything above: the statistics and heatmap of the version, and one page of instances ----
        var definitionId = await factory.InScopeAsync((_, db) => db.WfInstances.Where(i => i.Id == db.Set<RatingFile>().Where(f => f.RoundId == roundId).Select(f => f.InstanceId).First())
            .Select(i => i.DefinitionId).FirstAsync());
        var (instances, journal) = await factory.InScopeAsync(async (_, db) => (
            await db.WfInstances.CountAsync(i => i.DefinitionId == definitionId),
            await db.WfJournal.CountAsync(j => db.Set<WfInstance>().Any(i => i.Id == j.InstanceId && i.DefinitionId == definitionId))));
        var statsTimes = new List<double>();
        var pageTimes = new List<double>();
        var scanTimes = new List<double>();
        List<ElementStatistics> stats = [];
        for (var i = 0; i < 6; i++)
        {
            clock.Restart();
            stats = await factory.InScopeAsync((sp, _) => sp.GetRequiredService<ProcessOperations>().StatisticsAsync(definitionId, CancellationToken.None));
            var statsMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            await factory.InScopeAsync((sp, _) => sp.GetRequiredService<ProcessOperations>().InstancesAsync(
                new InstanceFilter("rating-subject", null, null, "active", null, 3, 50), CancellationToken.None));
            var pageMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            await factory.InScopeAsync((_, db) => db.Database.SqlQuery<int>($"""
                SELECT COUNT(*) AS "Value" FROM "WfJournal" j JOIN "WfInstances" i ON i."Id" = j."InstanceId" WHERE i."DefinitionId" = {definitionId}
                """).SingleAsync());
            var scanMs = clock.Elapsed.TotalMilliseconds;
            if (i > 0)
            {
                (statsTimes, pageTimes, scanTimes) = ([.. statsTimes, statsMs], [.. pageTimes, pageMs], [.. scanTimes, scanMs]);
            }
        }

        var active = stats.Sum(s => s.Active);
        if (active < members)
        {
            report.Fail($"the statistics count {active} active activity instances for {members} open files");
        }

        var median = (List<double> v) => v.Order().ElementAt(v.Count / 2);
        report.Add($"SQLite: statistics and heatmap of a version with {instances:N0} instances ({journal:N0} journal rows; p50 of 5)",
            $"{Files.F(median(statsTimes), "N0")} ms", $"one COUNT over the same journal rows {Files.F(median(scanTimes), "N0")} ms",
            $"{Files.F(median(statsTimes) / median(scanTimes), "N2")}× the scan", "record", true);
        report.Add($"SQLite: one page of 50 active instances of {instances:N0}, with the total (p50 of 5)",
            $"{Files.F(median(pageTimes), "N0")} ms", "—", "—", "record", true);
    }

    /// <summary>
    /// One group of <paramref name="group"/> members opened, self-assessed, reviewed and given the inspection's opinion
    /// through the product's services, then finalized by the standing committee in one command: returns the seconds
    /// the finalize took and the group's round.
    /// </summary>
    internal static async Task<(double Seconds, Guid RoundId)> DecideGroupAsync(Report report, AppFactory factory, int group, string name = "Đảng bộ đo")
    {
        var (unit, _) = await TreeAsync(factory, name, branches: 1, membersEach: group, grassroots: UnitKind.GrassrootsCommittee);
        var groupRound = await RoundAsync(factory, unit, SubjectType.Member);
        await factory.InScopeAsync((sp, _) => sp.GetRequiredService<RoundOpeningJob>().RunAsync(groupRound, CancellationToken.None));
        var files = await factory.InScopeAsync((_, db) => db.Files.Where(f => f.RoundId == groupRound).Select(f => new { f.Id, f.DecidingUnitId }).ToListAsync());
        var admin = Principal("bench.admin", Roles.Admin, unit);
        foreach (var file in files)
        {
            await factory.InScopeAsync(async (sp, _) =>
            {
                var view = await sp.GetRequiredService<ReadFile>().RunAsync(file.Id, Actor.From(admin), CancellationToken.None);
                var content = new SelfAssessment
                {
                    Criteria = view.Form!.Criteria.ToDictionary(c => c.Code, _ => "T"), Achievements = "Hoàn thành nhiệm vụ.", Shortcomings = "Không có.", ProposedLevel = "HTTNV",
                    BranchComment = "Nhất trí.", Meeting = new MeetingRecord(new DateOnly(2024, 12, 5), 20, 19, 19),
                };
                await sp.GetRequiredService<SaveSelfAssessment>().RunAsync(file.Id, content, submit: true, 0, Actor.From(admin), CancellationToken.None);
                await sp.GetRequiredService<ReviewFile>().RunAsync(file.Id, new ReviewRequest("propose", "HTTNV", null, 1), Actor.From(admin), CancellationToken.None);
                await sp.GetRequiredService<GiveInspectionOpinion>().RunAsync(file.Id, new InspectionRequest("Không vi phạm.", false, [], 2), Actor.From(admin), CancellationToken.None);
            });
        }

        var decidingUnit = files[0].DecidingUnitId;
        var standing = Principal("bench.btv", Roles.StandingCommittee, decidingUnit);
        var clock = Stopwatch.StartNew();
        await factory.InScopeAsync((sp, _) => sp.GetRequiredService<FinalizeGroup>().RunAsync(new FinalizeRequest(
            groupRound, decidingUnit, SubjectType.Member, "1-QĐ/ĐU", new DateOnly(2025, 1, 5), "Người ký", "Bí thư", AcceptProposals: true, [], null),
            Actor.From(standing), CancellationToken.None));
        var seconds = clock.Elapsed.TotalSeconds;
        var decided = await factory.InScopeAsync((_, db) => db.Files.CountAsync(f => f.RoundId == groupRound && f.Status == FileStatus.Decided));
        if (decided != group)
        {
            report.Fail($"finalize decided {decided} files instead of {group}");
        }

        return (seconds, groupRound);
    }

    /// <summary>
    /// The inspection committee's opinion with a discipline on one member file of the big round, while the same
    /// committee's organization round is open too: the discipline re-caps the member's file and the branch's file in the
    /// other round, and nothing else. Timed (p50 of 5 files), against a raw update of the rows such an opinion changes.
    /// </summary>
    private static async Task InspectionAsync(Report report, AppFactory factory, Guid memberRound, Guid deciding, int members)
    {
        var orgRound = await RoundAsync(factory, deciding, SubjectType.GrassrootsOrganization);
        await factory.InScopeAsync((sp, _) => sp.GetRequiredService<RoundOpeningJob>().RunAsync(orgRound, CancellationToken.None));
        var admin = Principal("bench.admin", Roles.Admin, deciding);
        var targets = await factory.InScopeAsync((_, db) => db.Files.Where(f => f.RoundId == memberRound && f.MemberKind == MemberKind.Leader)
            .OrderBy(f => f.Id).Take(6).Select(f => new { f.Id, MemberId = f.MemberId!.Value }).ToListAsync());
        foreach (var target in targets)
        {
            await factory.InScopeAsync(async (sp, _) =>
            {
                var view = await sp.GetRequiredService<ReadFile>().RunAsync(target.Id, Actor.From(admin), CancellationToken.None);
                await sp.GetRequiredService<SaveSelfAssessment>().RunAsync(target.Id, new SelfAssessment
                {
                    Criteria = view.Form!.Criteria.ToDictionary(c => c.Code, _ => "T"), Achievements = "Hoàn thành nhiệm vụ.", Shortcomings = "Không có.",
                    ProposedLevel = "HTTNV", BranchComment = "Nhất trí.", Meeting = new MeetingRecord(new DateOnly(2024, 12, 5), 20, 19, 19),
                }, submit: true, 0, Actor.From(admin), CancellationToken.None);
            });
        }

        var times = new List<double>();
        var clock = new Stopwatch();
        foreach (var target in targets)
        {
            await factory.InScopeAsync(async (sp, _) =>
            {
                var inspect = sp.GetRequiredService<GiveInspectionOpinion>();
                clock.Restart();
                await inspect.RunAsync(target.Id, new InspectionRequest("Vi phạm quy chế làm việc.", false,
                    [new DisciplineInput(target.MemberId, null, DisciplineForm.Reprimand, new DateOnly(2024, 6, 1), false, "Khiển trách")], 1),
                    Actor.From(admin), CancellationToken.None);
                times.Add(clock.Elapsed.TotalMilliseconds);
            });
        }

        var capped = await factory.InScopeAsync((_, db) => db.Files.CountAsync(f => f.RoundId == orgRound && f.CapLevel != null));
        if (capped == 0)
        {
            report.Fail("the disciplines recorded in the member round capped no organization file of the open organization round");
        }

        times.RemoveAt(0); // the first opinion warms the model caches up
        var raw = await RawInspectionAsync(factory, memberRound, orgRound);
        var median = times.Order().ElementAt(times.Count / 2);
        report.Add($"SQLite: one inspection opinion with a discipline in a {members:N0}-member round, the organization round open too (p50 of {times.Count})",
            $"{Files.F(median, "N1")} ms", $"raw update of the rows it changes (discipline, events, the file and its instance, the two capped files) {Files.F(raw, "N1")} ms",
            $"{Files.F(median / raw, "N2")}× the time", "≤ 100 ms", median <= 100);
    }

    /// <summary>The rows one opinion with a discipline changes, written raw in one transaction (rolled back): p50 of 5.</summary>
    private static async Task<double> RawInspectionAsync(AppFactory factory, Guid memberRound, Guid orgRound)
    {
        var connectionString = await factory.InScopeAsync((_, db) => Task.FromResult(db.Database.GetConnectionString()!));
        var rows = await factory.InScopeAsync(async (_, db) => await (
            from f in db.Files.AsNoTracking()
            where f.RoundId == memberRound && f.MemberKind == MemberKind.Leader
            join i in db.WfInstances.AsNoTracking() on f.InstanceId equals i.Id
            orderby f.Id descending
            select new { f.Id, f.SubjectUnitId, f.UnitPath, f.MemberId, InstanceId = i.Id, i.State })
            .Take(5).ToListAsync());
        var orgFiles = await factory.InScopeAsync(async (_, db) => await db.Files.AsNoTracking().Where(f => f.RoundId == orgRound)
            .ToDictionaryAsync(f => f.SubjectUnitId, f => f.Id));
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        SqlitePragmas.Apply(connection);
        var times = new List<double>();
        foreach (var r in rows)
        {
            var clock = Stopwatch.StartNew();
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
            var discipline = SqliteScenarios.Command(connection, tx, """INSERT INTO "Disciplines" ("Id","MemberId","UnitId","UnitPath","Year","Form","DecidedOn","SelfRemedied","IsLeader","Note","RecordedAtUtc","RecordedBy") VALUES (@p0,@p1,@p2,@p3,2024,0,'2024-06-01',0,1,'Khiển trách',@p4,'bench')""", 5);
            var fileEvent = SqliteScenarios.Command(connection, tx, """INSERT INTO "FileEvents" ("Id","FileId","AtUtc","Actor","ActorName","Kind","Level","Text","Snapshot") VALUES (@p0,@p1,@p2,'bench','bench',@p3,NULL,'Vi phạm',NULL)""", 4);
            var file = SqliteScenarios.Command(connection, tx, """UPDATE "Files" SET "InspectionOpinion" = 'Vi phạm', "CapFacts" = 'Discipline', "CapLevel" = 4, "Version" = "Version" + 1 WHERE "Id" = @p0""", 1);
            var org = SqliteScenarios.Command(connection, tx, """UPDATE "Files" SET "CapFacts" = 'SubordinateDiscipline', "CapLevel" = 2, "Version" = "Version" + 1 WHERE "Id" = @p0""", 1);
            var instance = SqliteScenarios.Command(connection, tx, """UPDATE "WfInstances" SET "State" = @p0, "Version" = "Version" + 1 WHERE "Id" = @p1""", 2);
            var task = SqliteScenarios.Command(connection, tx, """DELETE FROM "WfTasks" WHERE "InstanceId" = @p0 AND "ElementId" = 'inspectionOpinion'""", 1);
            var journal = SqliteScenarios.Command(connection, tx, """INSERT INTO "WfJournal" ("Id","InstanceId","ActivityInstanceId","ElementId","ElementKind","Event","AtUtc","Actor","Detail") VALUES (@p0,@p1,NULL,'inspectionOpinion','userTask','end',@p2,'bench',NULL)""", 3);
            var now = DateTime.UtcNow;
            await SqliteScenarios.Run(discipline, SqliteScenarios.B(Guid.CreateVersion7()), SqliteScenarios.B(r.MemberId!.Value), SqliteScenarios.B(r.SubjectUnitId), r.UnitPath, now);
            await SqliteScenarios.Run(fileEvent, SqliteScenarios.B(Guid.CreateVersion7()), SqliteScenarios.B(r.Id), now, (int)FileEventKind.DisciplineRecorded);
            await SqliteScenarios.Run(fileEvent, SqliteScenarios.B(Guid.CreateVersion7()), SqliteScenarios.B(r.Id), now, (int)FileEventKind.InspectionOpinion);
            await SqliteScenarios.Run(file, SqliteScenarios.B(r.Id));
            await SqliteScenarios.Run(org, SqliteScenarios.B(orgFiles[r.SubjectUnitId]));
            await SqliteScenarios.Run(instance, r.State, SqliteScenarios.B(r.InstanceId));
            await SqliteScenarios.Run(task, SqliteScenarios.B(r.InstanceId));
            await SqliteScenarios.Run(journal, SqliteScenarios.B(Guid.CreateVersion7()), SqliteScenarios.B(r.InstanceId), now);
            await tx.RollbackAsync(); // measured, not kept
            times.Add(clock.Elapsed.TotalMilliseconds);
            foreach (var command in new[] { discipline, fileEvent, file, org, instance, task, journal })
            {
                command.Dispose();
            }
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    private static ClaimsPrincipal Principal(string name, string role, Guid unit) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), new Claim(AppClaims.UnitId, unit.ToString())], "bench"));

    internal static async Task<(Guid Deciding, List<Guid> Branches)> TreeAsync(AppFactory factory, string name, int branches, int membersEach,
        UnitKind grassroots = UnitKind.GrassrootsBranch, int? total = null) =>
        await factory.InScopeAsync(async (_, db) =>
        {
            using var unaudited = db.WithoutAudit(); // bench data, not an operator's change
            var province = await db.Units.FirstOrDefaultAsync(u => u.ParentId == null);
            if (province is null)
            {
                province = new Unit { Name = "Tỉnh ủy đo", Kind = UnitKind.Province, ValidFrom = new DateOnly(2000, 1, 1) };
                province.Path = Unit.PathUnder(null, province.Id);
                db.Units.Add(province);
            }

            var deciding = new Unit { ParentId = province.Id, Name = name, Kind = UnitKind.DirectCommittee, Depth = 1, ValidFrom = new DateOnly(2000, 1, 1) };
            deciding.Path = Unit.PathUnder(province, deciding.Id);
            db.Units.Add(deciding);
            var ids = new List<Guid>();
            for (var b = 0; b < branches; b++)
            {
                var branch = new Unit { ParentId = deciding.Id, Name = $"{name} — chi bộ {b + 1}", Kind = grassroots, Depth = 2, SortOrder = b, ValidFrom = new DateOnly(2000, 1, 1) };
                branch.Path = Unit.PathUnder(deciding, branch.Id);
                db.Units.Add(branch);
                ids.Add(branch.Id);
                for (var m = 0; m < Math.Min(membersEach, (total ?? int.MaxValue) - (b * membersEach)); m++)
                {
                    var fullName = $"Đảng viên {b}-{m}";
                    db.Members.Add(new PartyMember
                    {
                        UnitId = branch.Id, FullName = fullName, SearchName = TextFolding.Fold(fullName), DateOfBirth = new DateOnly(1980, 1, 1),
                        JoinedOn = new DateOnly(2010, 1, 1), WorksInPoliticalSystem = m % 3 != 0, Position = m % 10 == 0 ? "Trưởng phòng" : "Chuyên viên",
                    });
                }

                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }

            return (deciding.Id, ids);
        });

    internal static Task<Guid> RoundAsync(AppFactory factory, Guid deciding, SubjectType type) =>
        factory.InScopeAsync(async (_, db) =>
        {
            var unit = await db.Units.FirstAsync(u => u.Id == deciding);
            var round = new RatingRound
            {
                Name = "Đợt đo", Year = 2024, RuleSetId = await db.RuleSets.Where(r => r.Code == "124-QĐ/TW").Select(r => r.Id).FirstAsync(),
                DecidingUnitId = deciding, DecidingUnitPath = unit.Path, SubjectTypes = type.ToString(),
                SelfAssessmentDueUtc = new DateTime(2025, 12, 10, 10, 0, 0, DateTimeKind.Utc), ReviewDueUtc = new DateTime(2025, 12, 20, 10, 0, 0, DateTimeKind.Utc),
                DecisionDueUtc = new DateTime(2025, 12, 28, 10, 0, 0, DateTimeKind.Utc), CreatedAtUtc = DateTime.UtcNow, CreatedBy = "bench",
            };
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            return round.Id;
        });

    /// <summary>
    /// The same file, instance, task, audience and journal rows as the job wrote, inserted raw in the same batches: with
    /// ADO.NET prepared commands, or (<paramref name="native"/>) with SQLite's statement API as the product now does.
    /// </summary>
    private static async Task<double> RawOpenAsync(AppFactory factory, Guid roundId, bool native)
    {
        var (files, instances, tasks, journal, audience) = await factory.InScopeAsync(async (_, db) => (
            await db.Files.AsNoTracking().Where(f => f.RoundId == roundId).OrderBy(f => f.Id).ToListAsync(),
            await db.WfInstances.AsNoTracking().ToDictionaryAsync(i => i.Id),
            await db.WfTasks.AsNoTracking().ToDictionaryAsync(t => t.InstanceId),
            (await db.WfJournal.AsNoTracking().ToListAsync()).ToLookup(j => j.InstanceId),
            (await db.WfTaskAudience.AsNoTracking().ToListAsync()).ToLookup(a => a.TaskId)));
        var path = Path.Combine(Path.GetTempPath(), $"rating-raw-{Guid.NewGuid():N}.db");
        await SqliteScenarios.CreateAsync(path);
        try
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            SqlitePragmas.Apply(connection);
            await using (var pragma = connection.CreateCommand())
            {
                // The raw baseline has no round or rule set rows to point at; without the checks it is, if anything, faster.
                pragma.CommandText = "PRAGMA foreign_keys = OFF;";
                await pragma.ExecuteNonQueryAsync();
            }

            var clock = Stopwatch.StartNew();
            foreach (var batch in files.Chunk(RoundOpeningJob.BatchSize))
            {
                await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
                var statements = new List<IDisposable>();
                Func<object?[], Task> Statement(string sql, int parameters)
                {
                    if (native)
                    {
                        var statement = new Workflow.Web.Data.SqliteNativeStatement(connection, sql);
                        statements.Add(statement);
                        return values => { statement.Execute(values); return Task.CompletedTask; };
                    }

                    var command = SqliteScenarios.Command(connection, tx, sql, parameters);
                    statements.Add(command);
                    return values => SqliteScenarios.Run(command, values);
                }

                var insertFile = Statement("""INSERT INTO "Files" ("Id","RoundId","SubjectType","SubjectUnitId","MemberId","SubjectName","SearchName","SortKey","UnitPath","DecidingUnitId","MemberKind","FormCode","InstanceId","Status","CapFacts","Degradation","Version") VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8,@p9,@p10,@p11,@p12,0,'',0,0)""", 13);
                var insertInstance = Statement("""INSERT INTO "WfInstances" ("Id","DefinitionId","DefinitionKey","DefinitionVersion","BusinessKey","ParentInstanceId","Status","StartedAtUtc","EndedAtUtc","StartedBy","Version","State") VALUES (@p0,@p1,@p2,@p3,@p4,NULL,@p5,@p6,NULL,NULL,1,@p7)""", 8);
                var insertTask = Statement("""INSERT INTO "WfTasks" ("Id","InstanceId","ElementId","Name","Assignee","Owner","CandidateUsers","CandidateGroups","DueAtUtc","FollowUpAtUtc","Priority","FormKey","CreatedAtUtc","DelegationState","DefinitionId","DefinitionKey","BusinessKey") VALUES (@p0,@p1,@p2,@p3,NULL,NULL,NULL,@p4,@p5,NULL,@p6,@p7,@p8,NULL,@p9,@p10,@p11)""", 12);
                var insertAudience = Statement("""INSERT INTO "WfTaskAudience" ("Principal","TaskId","InstanceId") VALUES (@p0,@p1,@p2)""", 3);
                var insertJournal = Statement("""INSERT INTO "WfJournal" ("Id","InstanceId","ActivityInstanceId","ElementId","ElementKind","Event","AtUtc","Actor","Detail") VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,NULL,@p7)""", 8);
                foreach (var f in batch)
                {
                    var i = instances[f.InstanceId!.Value];
                    var instanceId = SqliteScenarios.B(Guid.CreateVersion7());
                    await insertInstance([instanceId, i.DefinitionId, i.DefinitionKey, i.DefinitionVersion, i.BusinessKey, i.Status, i.StartedAtUtc, i.State]);
                    var t = tasks[i.Id];
                    var taskId = SqliteScenarios.B(Guid.CreateVersion7());
                    await insertTask([taskId, instanceId, t.ElementId, t.Name, t.CandidateGroups, t.DueAtUtc, t.Priority, t.FormKey,
                        t.CreatedAtUtc, t.DefinitionId, t.DefinitionKey, t.BusinessKey]);
                    foreach (var a in audience[t.Id])
                    {
                        await insertAudience([a.Principal, taskId, instanceId]);
                    }
                    foreach (var j in journal[i.Id])
                    {
                        await insertJournal([SqliteScenarios.B(Guid.CreateVersion7()), instanceId, j.ActivityInstanceId is { } ai ? SqliteScenarios.B(ai) : null,
                            j.ElementId, j.ElementKind, j.Event, j.AtUtc, j.Detail]);
                    }

                    await insertFile([SqliteScenarios.B(Guid.CreateVersion7()), SqliteScenarios.B(f.RoundId), (int)f.SubjectType, SqliteScenarios.B(f.SubjectUnitId),
                        f.MemberId is { } m ? SqliteScenarios.B(m) : null, f.SubjectName, f.SearchName, f.SortKey, f.UnitPath, SqliteScenarios.B(f.DecidingUnitId), (int)f.MemberKind, f.FormCode, instanceId]);
                }

                await tx.CommitAsync();
                statements.ForEach(x => x.Dispose());
            }

            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    /// <summary>The raw equivalent of finalizing: one decision row, one item per file, each file and instance updated, subscriptions removed, one transaction.</summary>
    private static async Task<double> RawFinalizeAsync(AppFactory factory, Guid roundId)
    {
        var connectionString = await factory.InScopeAsync((_, db) => Task.FromResult(db.Database.GetConnectionString()!));
        var rows = await factory.InScopeAsync(async (_, db) => await db.Files.AsNoTracking().Where(f => f.RoundId == roundId)
            .Join(db.WfInstances.AsNoTracking(), f => f.InstanceId, i => i.Id, (f, i) => new { f.Id, InstanceId = i.Id, i.State }).ToListAsync());
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        SqlitePragmas.Apply(connection);
        var clock = Stopwatch.StartNew();
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        var decisionId = SqliteScenarios.B(Guid.CreateVersion7());
        var item = SqliteScenarios.Command(connection, tx, """INSERT INTO "DecisionItems" ("Id","DecisionId","FileId","Order","Level","Reason") VALUES (@p0,@p1,@p2,@p3,2,NULL)""", 4);
        var file = SqliteScenarios.Command(connection, tx, """UPDATE "Files" SET "DecidedLevel" = 2, "Status" = 5, "Version" = "Version" + 1 WHERE "Id" = @p0""", 1);
        var instance = SqliteScenarios.Command(connection, tx, """UPDATE "WfInstances" SET "State" = @p0, "Version" = "Version" + 1 WHERE "Id" = @p1""", 2);
        var unsubscribe = SqliteScenarios.Command(connection, tx, """DELETE FROM "WfSubscriptions" WHERE "InstanceId" = @p0""", 1);
        var order = 0;
        foreach (var r in rows)
        {
            await SqliteScenarios.Run(item, SqliteScenarios.B(Guid.CreateVersion7()), decisionId, SqliteScenarios.B(r.Id), ++order);
            await SqliteScenarios.Run(file, SqliteScenarios.B(r.Id));
            await SqliteScenarios.Run(instance, r.State, SqliteScenarios.B(r.InstanceId));
            await SqliteScenarios.Run(unsubscribe, SqliteScenarios.B(r.InstanceId));
        }

        await tx.RollbackAsync(); // measured, not kept
        return clock.Elapsed.TotalSeconds;
    }
}
