using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Web.Data;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>A change to a unit's title list: a title for a subject, on or off.</summary>
public sealed record TitleChange(EmulationTitle Title, Guid SubjectId, bool On);

/// <summary>The head's decision on the list: its number, date and signer.</summary>
public sealed record DecideTitlesRequest(int Version, string? Number, DateOnly? DecidedOn, string? SignerName, string? SignerTitle);

/// <summary>A title list as its page and API show it: counts per title, the rules' problems, the sentence.</summary>
public sealed record TitleRoundView(TitleRound Round, IReadOnlyDictionary<EmulationTitle, int> Counts, IReadOnlyList<FieldError> Problems, string Sentence);

/// <summary>
/// A unit's yearly emulation titles: opening (with the list built from the year's ratings: Lao động tiên tiến for every
/// member at the configured level without discipline, Tập thể lao động tiên tiến for every organization rated HTTNV or
/// better), changes by the council, the rules checked live, and the head's decision (all or nothing, audited).
/// </summary>
public sealed class TitleRounds(AppDbContext db, EmulationOptions options, TimeProvider clock)
{
    public static bool IsCouncil(Actor actor, Guid unitId) =>
        actor.IsAdmin || actor.Is(Roles.EmulationCouncil, unitId) || actor.Is(Roles.EmulationCouncilHead, unitId);

    public async Task<TitleRound> OpenAsync(Guid unitId, int year, Actor actor, CancellationToken ct)
    {
        if (!IsCouncil(actor, unitId))
        {
            throw DomainException.Forbidden("Chỉ Hội đồng Thi đua – Khen thưởng của đơn vị (hoặc quản trị viên) được lập danh sách danh hiệu thi đua.");
        }

        if (year is < 2000 or > 2100)
        {
            throw DomainException.Invalid("Năm phải từ 2000 đến 2100.", [new("year", "Năm phải từ 2000 đến 2100.")]);
        }

        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw DomainException.NotFound("đơn vị");
        if (await db.TitleRounds.AnyAsync(r => r.UnitId == unitId && r.Year == year, ct))
        {
            throw DomainException.Conflict($"{unit.Name} đã có danh sách danh hiệu thi đua năm {year}.");
        }

        var round = new TitleRound { UnitId = unit.Id, UnitPath = unit.Path, UnitName = unit.Name, Year = year, CreatedAtUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = actor.UserName };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.TitleRounds.Add(round);
        await db.SaveChangesAsync(ct);
        await BuildAsync(round, ct);
        await tx.CommitAsync(ct);
        return round;
    }

    /// <summary>The list from the year's ratings, set-based (one query per title kind, one prepared insert).</summary>
    private async Task BuildAsync(TitleRound round, CancellationToken ct)
    {
        var path = round.UnitPath;
        var year = round.Year;
        var level = options.WorkerLevel;
        var disciplined = db.Disciplines.IgnoreQueryFilters().Where(d => d.Year == year && d.MemberId != null).Select(d => d.MemberId!.Value);
        var workers = await db.YearRatings.IgnoreQueryFilters().AsNoTracking()
            .Where(y => y.Year == year && y.SubjectType == SubjectType.Member && y.Level <= level && y.UnitPath.StartsWith(path) && !disciplined.Contains(y.SubjectId))
            .Select(y => new { y.SubjectId, y.SubjectName, y.UnitId, y.UnitPath }).ToListAsync(ct);
        var collectives = await db.YearRatings.IgnoreQueryFilters().AsNoTracking()
            .Where(y => y.Year == year && y.SubjectType == SubjectType.GrassrootsOrganization && y.Level <= RatingLevel.Good && y.UnitPath.StartsWith(path))
            .Select(y => new { y.SubjectId, y.SubjectName, y.UnitId, y.UnitPath }).ToListAsync(ct);
        await new BulkInsert(db, "TitleLines", "Id", "RoundId", "Title", "SubjectType", "SubjectId", "SubjectName", "UnitId", "UnitPath", "Year", "Granted") { IgnoreConflicts = true }
            .WriteAsync(workers.Select(w => new object?[] { Uuid7.New(), round.Id, EmulationTitle.AdvancedWorker, SubjectType.Member, w.SubjectId, w.SubjectName, w.UnitId, w.UnitPath, year, false })
                .Concat(collectives.Select(c => new object?[] { Uuid7.New(), round.Id, EmulationTitle.AdvancedCollective, SubjectType.GrassrootsOrganization, c.SubjectId, c.SubjectName, c.UnitId, c.UnitPath, year, false })), ct);
    }

    /// <summary>Turns titles on or off for subjects under the unit (the council, before the decision).</summary>
    public async Task<TitleRound> ChangeAsync(Guid roundId, int version, IReadOnlyList<TitleChange>? changes, Actor actor, CancellationToken ct)
    {
        var round = await LoadAsync(roundId, version, ct);
        if (!IsCouncil(actor, round.UnitId))
        {
            throw DomainException.Forbidden($"Chỉ Hội đồng Thi đua – Khen thưởng của {round.UnitName} được sửa danh sách.");
        }

        if (round.Decided)
        {
            throw DomainException.Conflict("Danh sách đã có quyết định công nhận; không sửa được nữa.");
        }

        var lines = await db.TitleLines.Where(l => l.RoundId == roundId).ToListAsync(ct);
        foreach (var change in changes ?? [])
        {
            var existing = lines.FirstOrDefault(l => l.Title == change.Title && l.SubjectId == change.SubjectId);
            if (!change.On)
            {
                if (existing is not null)
                {
                    db.TitleLines.Remove(existing);
                    lines.Remove(existing);
                }

                continue;
            }

            if (existing is not null)
            {
                continue;
            }

            var individual = change.Title is EmulationTitle.AdvancedWorker or EmulationTitle.EmulationFighter;
            TitleLine line;
            if (individual)
            {
                var member = await db.Members.AsNoTracking().Include(m => m.Unit).FirstOrDefaultAsync(m => m.Id == change.SubjectId, ct) ?? throw DomainException.NotFound("đảng viên");
                line = new TitleLine
                {
                    RoundId = roundId, Title = change.Title, SubjectType = SubjectType.Member, SubjectId = member.Id, SubjectName = member.FullName, UnitId = member.UnitId,
                    UnitPath = member.Unit!.Path, Year = round.Year,
                };
            }
            else
            {
                var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == change.SubjectId, ct) ?? throw DomainException.NotFound("tập thể");
                line = new TitleLine
                {
                    RoundId = roundId, Title = change.Title, SubjectType = SubjectType.GrassrootsOrganization, SubjectId = unit.Id, SubjectName = unit.Name, UnitId = unit.Id,
                    UnitPath = unit.Path, Year = round.Year,
                };
            }

            if (!line.UnitPath.StartsWith(round.UnitPath, StringComparison.Ordinal))
            {
                throw DomainException.Invalid($"{line.SubjectName} không thuộc {round.UnitName}.");
            }

            db.TitleLines.Add(line);
            lines.Add(line);
        }

        round.Version++;
        await db.SaveChangesAsync(ct);
        return round;
    }

    /// <summary>The head decides the whole list within the rules; every problem is named and nothing is granted if one remains.</summary>
    public async Task<TitleRound> DecideAsync(Guid roundId, DecideTitlesRequest request, Actor actor, CancellationToken ct)
    {
        var round = await LoadAsync(roundId, request.Version, ct);
        if (!actor.IsAdmin && !actor.Is(Roles.EmulationCouncilHead, round.UnitId))
        {
            throw DomainException.Forbidden($"Chỉ Chủ tịch Hội đồng Thi đua – Khen thưởng của {round.UnitName} được quyết định công nhận danh hiệu.");
        }

        if (round.Decided)
        {
            throw DomainException.Conflict("Danh sách đã có quyết định công nhận.");
        }

        var errors = new List<FieldError>();
        var document = DecisionDocument.Read(request.Number, request.DecidedOn, request.SignerName, request.SignerTitle, errors);
        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Chưa đủ thông tin của quyết định công nhận.", errors);
        }

        var problems = await ProblemsAsync(round, ct);
        if (problems.Count > 0)
        {
            throw DomainException.Invalid($"Danh sách chưa đúng quy định: {problems.Count} vấn đề.", problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        round.Decided = true;
        (round.Number, round.DecidedOn, round.SignerName, round.SignerTitle) = (document.Number, document.DecidedOn, document.SignerName, document.SignerTitle);
        round.Version++;
        await db.SaveChangesAsync(ct);
        await db.TitleLines.Where(l => l.RoundId == roundId).ExecuteUpdateAsync(u => u.SetProperty(l => l.Granted, true), ct);
        await tx.CommitAsync(ct);
        return round;
    }

    public async Task<TitleRoundView> ViewAsync(Guid roundId, CancellationToken ct)
    {
        var round = await db.TitleRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct) ?? throw DomainException.NotFound("danh sách danh hiệu thi đua");
        var counts = (await db.TitleLines.AsNoTracking().Where(l => l.RoundId == roundId).GroupBy(l => l.Title).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(c => c.Key, c => c.Count);
        var problems = round.Decided ? [] : await ProblemsAsync(round, ct);
        int Count(EmulationTitle t) => counts.GetValueOrDefault(t);
        return new TitleRoundView(round, Enum.GetValues<EmulationTitle>().ToDictionary(t => t, Count), problems,
            EmulationTitleRules.Sentence(Count(EmulationTitle.AdvancedCollective), Count(EmulationTitle.ExcellentCollective), Count(EmulationTitle.AdvancedWorker), Count(EmulationTitle.EmulationFighter)));
    }

    /// <summary>The rules over the whole list: the people under the unit with their rating, discipline and titles; the collectives listed.</summary>
    private async Task<List<FieldError>> ProblemsAsync(TitleRound round, CancellationToken ct)
    {
        var path = round.UnitPath;
        var year = round.Year;
        var lines = await db.TitleLines.IgnoreQueryFilters().AsNoTracking().Where(l => l.RoundId == round.Id).ToListAsync(ct);
        var members = await db.Members.IgnoreQueryFilters().AsNoTracking().Where(m => m.LeftOn == null && m.Unit!.Path.StartsWith(path))
            .Select(m => new { m.Id, m.FullName, m.UnitId, m.Unit!.Path }).ToListAsync(ct);
        var levels = await db.YearRatings.IgnoreQueryFilters().AsNoTracking().Where(y => y.Year == year && y.SubjectType == SubjectType.Member && y.UnitPath.StartsWith(path))
            .Select(y => new { y.SubjectId, y.Level }).ToDictionaryAsync(y => y.SubjectId, y => y.Level, ct);
        var disciplined = (await db.Disciplines.IgnoreQueryFilters().AsNoTracking().Where(d => d.Year == year && d.MemberId != null && d.UnitPath.StartsWith(path))
            .Select(d => d.MemberId!.Value).ToListAsync(ct)).ToHashSet();
        var workers = lines.Where(l => l.Title == EmulationTitle.AdvancedWorker).Select(l => l.SubjectId).ToHashSet();
        var fighters = lines.Where(l => l.Title == EmulationTitle.EmulationFighter).Select(l => l.SubjectId).ToHashSet();
        var people = members.Select(m => new PersonFacts(m.Id, m.FullName, m.UnitId, m.Path, levels.TryGetValue(m.Id, out var l) ? l : null, disciplined.Contains(m.Id),
            workers.Contains(m.Id), fighters.Contains(m.Id))).ToList();
        var advanced = lines.Where(l => l.Title == EmulationTitle.AdvancedCollective).Select(l => l.SubjectId).ToHashSet();
        var excellent = lines.Where(l => l.Title == EmulationTitle.ExcellentCollective).Select(l => l.SubjectId).ToHashSet();
        var collectives = lines.Where(l => l.Title is EmulationTitle.AdvancedCollective or EmulationTitle.ExcellentCollective).DistinctBy(l => l.SubjectId)
            .Select(l => new CollectiveFacts(l.SubjectId, l.SubjectName, l.UnitPath, advanced.Contains(l.SubjectId), excellent.Contains(l.SubjectId))).ToList();
        return EmulationTitleRules.Check(options, people, collectives);
    }

    private async Task<TitleRound> LoadAsync(Guid roundId, int version, CancellationToken ct)
    {
        var round = await db.TitleRounds.FirstOrDefaultAsync(r => r.Id == roundId, ct) ?? throw DomainException.NotFound("danh sách danh hiệu thi đua");
        return round.Version == version ? round
            : throw DomainException.Conflict("Danh sách vừa được người khác cập nhật. Tải lại trang để xem tình trạng mới rồi thao tác lại.");
    }
}
