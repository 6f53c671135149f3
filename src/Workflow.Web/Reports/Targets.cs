using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Meetings;
using Workflow.Web.Ratings;

namespace Workflow.Web.Reports;

/// <summary>A target as a committee records it.</summary>
public sealed record TargetRequest(Guid UnitId, TargetMetric? Metric, TargetComparison? Comparison, decimal? Value, int? FromYear, int? ToYear, string? Source);

/// <summary>A committee's targets for a year and how each stands, with the summary line.</summary>
public sealed record TargetEvaluation(Guid UnitId, int Year, IReadOnlyList<TargetResult> Results, string Summary);

/// <summary>
/// A committee's targets (chỉ tiêu): recorded by its standing committee or organization board (or an Admin), each checked;
/// removed the same way; evaluated for a year against the achievement record of its subtree, set-based (one grouped
/// count per subject type and level).
/// </summary>
public sealed class Targets(AppDbContext db, TimeProvider clock, YearTallies tallies, MeetingStatisticsReport meetings)
{
    public const int SourceLength = 500;

    private static bool MayEdit(Actor actor, Guid unitId) =>
        actor.IsAdmin || actor.Is(Roles.StandingCommittee, unitId) || actor.Is(Roles.OrganizationBoard, unitId);

    public async Task<Target> AddAsync(TargetRequest request, Actor actor, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == request.UnitId, ct) ?? throw DomainException.NotFound("cấp ủy");
        if (!MayEdit(actor, unit.Id))
        {
            throw DomainException.Forbidden($"Chỉ Ban Thường vụ, Ban Tổ chức của {unit.Name} (hoặc quản trị viên) được ghi chỉ tiêu.");
        }

        var errors = new List<FieldError>();
        if (request.Metric is not { } metric || !Enum.IsDefined(metric))
        {
            errors.Add(new("metric", "Chọn chỉ tiêu trong danh mục.", request.Metric is null));
        }

        if (request.Comparison is { } c && !Enum.IsDefined(c))
        {
            errors.Add(new("comparison", "So sánh không hợp lệ."));
        }

        if (request.Value is not (>= 0 and <= 100))
        {
            errors.Add(new("value", "Giá trị là tỷ lệ phần trăm, từ 0 đến 100.", request.Value is null));
        }

        var from = request.FromYear ?? 0;
        var to = request.ToYear ?? from;
        if (from is < 2000 or > 2100)
        {
            errors.Add(new("fromYear", "Năm phải từ 2000 đến 2100.", request.FromYear is null));
        }
        else if (to < from || to > from + 10)
        {
            errors.Add(new("toYear", "Năm cuối phải từ năm đầu đến năm đầu + 10 (một nhiệm kỳ)."));
        }

        var source = TextRules.Collect(errors, request.Source, SourceLength, "source", "Căn cứ (nghị quyết)");
        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Chỉ tiêu chưa hợp lệ: sửa các mục được nêu.", errors);
        }

        var target = new Target
        {
            UnitId = unit.Id, UnitPath = unit.Path, Metric = request.Metric!.Value, Comparison = request.Comparison ?? TargetComparison.AtLeast, Value = request.Value!.Value,
            FromYear = from, ToYear = to, Source = source, CreatedAtUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = actor.UserName,
        };
        db.Targets.Add(target);
        await db.SaveChangesAsync(ct);
        return target;
    }

    public async Task RemoveAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var target = await db.Targets.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw DomainException.NotFound("chỉ tiêu");
        if (!MayEdit(actor, target.UnitId))
        {
            throw DomainException.Forbidden("Chỉ Ban Thường vụ, Ban Tổ chức của cấp ủy (hoặc quản trị viên) được xóa chỉ tiêu.");
        }

        db.Targets.Remove(target);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The committee's targets that apply to <paramref name="year"/> (the year's and the term's), each against the year's figures.</summary>
    public async Task<TargetEvaluation> EvaluateAsync(Guid unitId, int year, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw DomainException.NotFound("cấp ủy");
        var targets = await db.Targets.AsNoTracking().Where(t => t.UnitId == unitId && t.FromYear <= year && t.ToYear >= year)
            .OrderBy(t => t.Metric).ThenBy(t => t.FromYear).ToListAsync(ct);
        var counts = await CountsAsync(unit.Path, year, ct);
        (int Good, int Total)? good = targets.Any(t => t.Metric == TargetMetric.MeetingsGood) ? GoodMeetings(await meetings.RunAsync(year, null, unit.Path, ct)) : null;
        var results = targets.Select(t => TargetRules.Evaluate(t, counts, good)).ToList();
        return new TargetEvaluation(unitId, year, results, TargetRules.Summary(results));
    }

    /// <summary>Confirmed meeting scores rated Tốt, of all confirmed (the branch-meeting target's figures).</summary>
    public static (int Good, int Total) GoodMeetings(MeetingStatistics statistics) =>
        (statistics.Levels.Where(l => l.Level == MeetingLevel.Good).Sum(l => l.Count), statistics.Total);

    /// <summary>The year's level counts per subject type in a subtree, from the achievement record.</summary>
    public async Task<IReadOnlyDictionary<SubjectType, LevelCounts>> CountsAsync(string path, int year, CancellationToken ct)
    {
        await tallies.EnsureAsync(year, year, ct);
        var rows = await db.YearTallies.AsNoTracking().Where(y => y.Year == year && y.UnitPath.StartsWith(path))
            .GroupBy(y => new { y.SubjectType, y.Level }).Select(g => new { g.Key.SubjectType, g.Key.Level, Count = g.Sum(y => y.Count) }).ToListAsync(ct);
        return rows.GroupBy(r => r.SubjectType).ToDictionary(g => g.Key, g => LevelCounts.From(g.Key, g.Select(r => (r.Level, r.Count))));
    }
}
