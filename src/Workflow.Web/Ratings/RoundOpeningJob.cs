using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Org;

namespace Workflow.Web.Ratings;

/// <summary>
/// Creates a round's files and workflow instances, set-based: batches of <see cref="BatchSize"/> subjects, each batch
/// (files + instances + tasks + progress) in one transaction. Safe to run twice: subjects that already have a file
/// are skipped, so a job interrupted by a restart resumes where it stopped. One opener works at a time (a claim on the
/// round, renewed per batch), and a subject's file is unique per round in the database, so a second opener (the job
/// re-queued by Hangfire, the start-up recovery, another node) never writes a file or an instance twice.
/// </summary>
public sealed class RoundOpeningJob(AppDbContext db, WorkflowEngine engine, TimeProvider clock, IBackgroundJobClient jobs, Jobs.JobsOptions node,
    ILogger<RoundOpeningJob> logger)
{
    public const int BatchSize = 500;

    /// <summary>Files are written with one prepared statement (EF's change tracking would cost more than the inserts).</summary>
    private BulkInsert FileWriter => new(db, "Files", "Id", "RoundId", "SubjectType", "SubjectUnitId", "MemberId", "SubjectName", "SearchName", "SortKey", "UnitPath",
        "DecidingUnitId", "MemberKind", "FormCode", "InstanceId", "Status", "CapFacts", "CapLevel", "Degradation", "Version");

    private sealed record Batch(List<RatingFile> Files, List<(string? BusinessKey, IReadOnlyDictionary<string, TypedValue>? Variables)> Items, PreparedStarts? Starts);

    private sealed record Subject(SubjectType Type, Guid UnitId, Guid? MemberId, string Name, string Path, Guid DecidingUnitId, Guid SuperiorUnitId,
        MemberKind Kind, string? UserName);

    /// <summary>How long a claim holds without a committed batch (Jobs:LeaseSeconds); an opener that died is replaced after this.</summary>
    private TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(5, node.LeaseSeconds));

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid roundId, CancellationToken ct)
    {
        // One opener at a time, whoever queued it: an atomic claim on a round being opened whose lease has lapsed (or
        // never was). Every batch renews the claim with its token in its own transaction, so an opener that lost it
        // (it stalled past the lease and another took over) stops before writing anything.
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = Uuid7.New();
        var claimed = await db.Rounds.Where(r => r.Id == roundId && r.Status == RoundStatus.Opening
                && (r.OpeningLeaseUntilUtc == null || r.OpeningLeaseUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.OpeningClaim, claim).SetProperty(r => r.OpeningLeaseUntilUtc, now + Lease), ct);
        var round = await db.Rounds.Include(r => r.RuleSet).FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null || round.Status != RoundStatus.Opening)
        {
            return;
        }

        if (claimed == 0)
        {
            // Another opener holds it (or held it and died): look again when its lease lapses.
            jobs.Schedule<RoundOpeningJob>(j => j.RunAsync(roundId, CancellationToken.None), (round.OpeningLeaseUntilUtc ?? now) - now + TimeSpan.FromSeconds(2));
            return;
        }

        try
        {
            await OpenAsync(round, claim, ct);
        }
        catch (ClaimLostException)
        {
            logger.LogWarning("Round {RoundId}: another opener took over; this one stops", roundId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Opening round {RoundId} failed", roundId);
            db.ChangeTracker.Clear();
            var failed = await db.Rounds.FirstAsync(r => r.Id == roundId, ct);
            if (failed.OpeningClaim == claim && failed.Status == RoundStatus.Opening)
            {
                failed.Status = RoundStatus.Failed;
                failed.Error = "Mở đợt bị gián đoạn: " + ex.Message;
                failed.OpeningClaim = null;
                failed.OpeningLeaseUntilUtc = null;
                await db.SaveChangesAsync(ct);
            }
        }
    }

    /// <summary>Renews this opener's claim inside the batch's transaction; another opener's claim stops this one.</summary>
    private async Task RenewAsync(Guid roundId, Guid claim, int opened, CancellationToken ct)
    {
        var until = clock.GetUtcNow().UtcDateTime + Lease;
        var renewed = await db.Rounds.Where(r => r.Id == roundId && r.OpeningClaim == claim)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.OpeningLeaseUntilUtc, until).SetProperty(r => r.OpenedCount, opened), ct);
        if (renewed == 0)
        {
            throw new ClaimLostException();
        }
    }

    private sealed class ClaimLostException : Exception;

    private async Task OpenAsync(RatingRound round, Guid claim, CancellationToken ct)
    {
        var rules = round.RuleSet!.Parse();
        var definition = await engine.Store.GetLatestDefinitionAsync(round.DefinitionKey, ct)
            ?? throw new InvalidOperationException($"Quy trình \"{round.DefinitionKey}\" chưa được triển khai.");
        var subjects = await SubjectsAsync(round, ct);
        var existing = (await db.Files.Where(f => f.RoundId == round.Id).Select(f => new { f.SubjectType, f.SubjectUnitId, f.MemberId }).ToListAsync(ct))
            .Select(f => (f.SubjectType, f.SubjectUnitId, f.MemberId)).ToHashSet();
        var remaining = subjects.Where(s => !existing.Contains((s.Type, s.UnitId, s.MemberId))).ToList();
        var facts = await CapFactsAsync(round, ct);

        round.SubjectCount = subjects.Count;
        round.OpenedCount = subjects.Count - remaining.Count;
        round.Error = null;
        await db.SaveChangesAsync(ct);
        db.Entry(round).State = EntityState.Detached;
        // One summary audit row for the round instead of one per file; auditing is back on however this ends.
        using var unaudited = db.WithoutAudit();

        var local = (DateTime utc) => new DateTimeOffset(VietnamTime.ToLocal(utc), TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var selfDue = TypedValue.String(local(round.SelfAssessmentDueUtc));
        var reviewDue = TypedValue.String(local(round.ReviewDueUtc));

        // Everything but the writes is pure computing: the next batch is prepared on another core while this one is
        // written (SQLite has a single writer; this is what keeps a 75,000-member opening within seconds).
        async Task<Batch> PrepareAsync(Subject[] batch)
        {
            var files = batch.Select(s =>
            {
                var capFacts = facts(s);
                var (best, _) = rules.Cap(s.Type, capFacts);
                return new RatingFile
                {
                    RoundId = round.Id,
                    SubjectType = s.Type,
                    SubjectUnitId = s.UnitId,
                    MemberId = s.MemberId,
                    SubjectName = s.Name,
                    SearchName = TextFolding.Fold(s.Name),
                    SortKey = s.MemberId is null ? VietnameseOrder.Key(s.Name) : VietnameseOrder.PersonKey(s.Name),
                    UnitPath = s.Path,
                    DecidingUnitId = s.DecidingUnitId,
                    MemberKind = s.Kind,
                    FormCode = rules.FormFor(s.Type, s.Kind)?.FormCode ?? "",
                    CapFacts = string.Join(',', capFacts.Order()),
                    CapLevel = best == RatingLevel.Excellent ? null : best,
                };
            }).ToList();
            var items = files.Select((f, i) => ((string?)f.BusinessKey, (IReadOnlyDictionary<string, TypedValue>?)new Dictionary<string, TypedValue>
            {
                ["subjectUnitId"] = TypedValue.String(f.SubjectUnitId.ToString()),
                ["decidingUnitId"] = TypedValue.String(f.DecidingUnitId.ToString()),
                ["superiorUnitId"] = TypedValue.String(batch[i].SuperiorUnitId.ToString()),
                ["selfAssessors"] = TypedValue.String(batch[i].UserName ?? ""),
                ["selfAssessmentDue"] = selfDue,
                ["reviewDue"] = reviewDue,
            })).ToList();
            return new Batch(files, items, await engine.PrepareStartsAsync(definition, items, round.CreatedBy, ct));
        }

        var chunks = remaining.Chunk(BatchSize).ToList();
        var checkpointer = await SqliteCheckpointer.StartAsync(db, ct);
        Task<Batch>? next = chunks.Count > 0 ? Task.Run(() => PrepareAsync(chunks[0]), ct) : null;
        try
        {
            for (var n = 0; n < chunks.Count; n++)
            {
                var batch = await next!;
                var following = n + 1 < chunks.Count ? chunks[n + 1] : null;
                next = following is null ? null : Task.Run(() => PrepareAsync(following), ct);

                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var opened = round.OpenedCount + batch.Files.Count;
                await RenewAsync(round.Id, claim, opened, ct);
                IReadOnlyList<Guid> ids;
                if (batch.Starts is { } starts)
                {
                    await engine.SavePreparedAsync(starts, ct);
                    ids = starts.Ids;
                }
                else
                {
                    ids = await engine.StartManyAsync(definition, batch.Items, BatchSize, round.CreatedBy, ct: ct);
                }

                var files = batch.Files;
                for (var i = 0; i < files.Count; i++)
                {
                    files[i].InstanceId = ids[i];
                }

                await FileWriter.WriteAsync(files.Select(f => new object?[]
                {
                    f.Id, f.RoundId, f.SubjectType, f.SubjectUnitId, f.MemberId, f.SubjectName, f.SearchName, f.SortKey, f.UnitPath, f.DecidingUnitId,
                    f.MemberKind, f.FormCode, f.InstanceId, f.Status, f.CapFacts, f.CapLevel, f.Degradation, f.Version,
                }), ct);
                await tx.CommitAsync(ct);
                round.OpenedCount = opened;
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            if (next is not null)
            {
                // A write failed: let the batch being prepared finish (it touches no shared state) and drop it.
                await Task.WhenAny(next);
            }

            if (checkpointer is not null)
            {
                await checkpointer.DisposeAsync();
            }
        }

        unaudited.Dispose();
        var finished = await db.Rounds.Where(r => r.Id == round.Id && r.OpeningClaim == claim && r.Status == RoundStatus.Opening)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RoundStatus.Open).SetProperty(r => r.Error, (string?)null)
                .SetProperty(r => r.OpenedCount, round.OpenedCount)
                .SetProperty(r => r.OpeningClaim, (Guid?)null).SetProperty(r => r.OpeningLeaseUntilUtc, (DateTime?)null), ct);
        if (finished == 0)
        {
            throw new ClaimLostException();
        }

        logger.LogInformation("Round {RoundId} opened: {Count} subjects at {At}", round.Id, round.SubjectCount, clock.GetUtcNow());
    }

    /// <summary>
    /// The subjects of a round. Organizations and committee collectives: the grassroots organizations directly under
    /// the deciding unit. Members: the active members (not exempt) of the units under it, decided by their grassroots
    /// organization.
    /// </summary>
    private async Task<List<Subject>> SubjectsAsync(RatingRound round, CancellationToken ct)
    {
        var day = new DateOnly(round.Year, 12, 31);
        var deciding = await db.Units.FirstAsync(u => u.Id == round.DecidingUnitId, ct);
        var superior = deciding.ParentId ?? deciding.Id;
        var units = await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(deciding.Path) && u.ValidFrom <= day && (u.ValidTo == null || u.ValidTo >= day))
            .Select(u => new { u.Id, u.ParentId, u.Kind, u.Name, u.Path, u.SortOrder }).ToListAsync(ct);
        var grassroots = units.Where(u => u.ParentId == deciding.Id && u.Kind is UnitKind.GrassrootsCommittee or UnitKind.GrassrootsBranch)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
        var result = new List<Subject>();
        foreach (var type in round.Types)
        {
            if (type == SubjectType.Member)
            {
                continue;
            }

            result.AddRange(grassroots.Select(u => new Subject(type, u.Id, null,
                type == SubjectType.CommitteeCollective ? "Tập thể cấp ủy " + u.Name : u.Name, u.Path, deciding.Id, superior, MemberKind.None, null)));
        }

        if (round.Types.Contains(SubjectType.Member))
        {
            var byId = units.ToDictionary(u => u.Id);
            var users = await db.Users.AsNoTracking().Where(u => u.MemberId != null).Select(u => new { u.MemberId, u.UserName }).ToListAsync(ct);
            var userOf = users.GroupBy(u => u.MemberId!.Value).ToDictionary(g => g.Key, g => g.First().UserName);
            var unitIds = units.Select(u => u.Id).ToList();
            var members = await db.Members.AsNoTracking()
                .Where(m => m.LeftOn == null && !m.ExemptFromActivity && m.Unit!.Path.StartsWith(deciding.Path))
                .OrderBy(m => m.UnitId).ThenBy(m => m.SearchName)
                .Select(m => new { m.Id, m.UnitId, m.FullName, m.Form, m.Position, m.WorksInPoliticalSystem }).ToListAsync(ct);
            foreach (var m in members)
            {
                if (!byId.TryGetValue(m.UnitId, out var unit))
                {
                    continue;
                }

                // Decided by their grassroots organization: the unit itself, or the committee above an affiliated branch.
                var decider = unit.Kind == UnitKind.AffiliatedBranch && unit.ParentId is { } p && byId.TryGetValue(p, out var parent) ? parent : unit;
                if (decider.Kind is not (UnitKind.GrassrootsCommittee or UnitKind.GrassrootsBranch))
                {
                    continue;
                }

                result.Add(new Subject(SubjectType.Member, unit.Id, m.Id, m.FullName, unit.Path, decider.Id, decider.ParentId ?? decider.Id,
                    MemberKinds.Of(m.Form, m.Position, m.WorksInPoliticalSystem), userOf.GetValueOrDefault(m.Id)));
            }
        }

        return result;
    }

    /// <summary>The cap facts known at opening: disciplines recorded for the year and last year's KHTNV.</summary>
    private async Task<Func<Subject, IReadOnlySet<CapFact>>> CapFactsAsync(RatingRound round, CancellationToken ct)
    {
        var disciplines = await db.Disciplines.AsNoTracking().Where(d => d.Year == round.Year && d.UnitPath.StartsWith(round.DecidingUnitPath))
            .Select(d => new DisciplineFact(d.MemberId, d.UnitId, d.UnitPath, d.SelfRemedied, d.IsLeader)).ToListAsync(ct);
        var previous = await db.Files.AsNoTracking()
            .Where(f => f.Round!.Year == round.Year - 1 && f.DecidedLevel == RatingLevel.NotComplete)
            .Select(f => new { f.SubjectType, f.SubjectUnitId, f.MemberId }).ToListAsync(ct);
        var previousSet = previous.Select(p => (p.SubjectType, p.SubjectUnitId, p.MemberId)).ToHashSet();
        return s => CapFacts.For(s.MemberId, s.UnitId, s.Path, disciplines, previousSet.Contains((s.Type, s.UnitId, s.MemberId)), degradation: false);
    }
}
