using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Ratings;

/// <summary>Counts per level for one subject type, with percentages that sum to exactly 100.</summary>
public sealed record LevelStatistics(SubjectType SubjectType, int Total, IReadOnlyList<(RatingLevel Level, int Count, decimal Percent)> Levels)
{
    /// <summary>
    /// The report sentence, as the seeds phrase it: "có 7/38 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, đạt tỷ lệ
    /// 18,42%; ...". Levels nobody reached are left out.
    /// </summary>
    public string Sentence()
    {
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        var parts = Levels.Where(l => l.Count > 0)
            .Select(l => $"{l.Count}/{Total} {RatingText.Plural(SubjectType)} {RatingText.Phrase(l.Level)}, đạt tỷ lệ {l.Percent.ToString("0.00", vi)}%").ToList();
        return parts.Count == 0 ? $"chưa có {RatingText.Plural(SubjectType)} nào được xếp loại." : "có " + string.Join("; ", parts) + ".";
    }

    /// <summary>The sentence starting a paragraph.</summary>
    public string SentenceCapitalized()
    {
        var sentence = Sentence();
        return char.ToUpperInvariant(sentence[0]) + sentence[1..];
    }
}

/// <summary>Statistics of a round's decided files per subject type (optionally one deciding unit), in level order.</summary>
public sealed class RoundStatistics(AppDbContext db)
{
    public async Task<IReadOnlyList<LevelStatistics>> RunAsync(Guid roundId, Guid? decidingUnitId, CancellationToken ct)
    {
        var query = db.Files.AsNoTracking().Where(f => f.RoundId == roundId && f.DecidedLevel != null);
        if (decidingUnitId is { } unit)
        {
            query = query.Where(f => f.DecidingUnitId == unit);
        }

        var counts = await query.GroupBy(f => new { f.SubjectType, f.DecidedLevel }).Select(g => new { g.Key.SubjectType, g.Key.DecidedLevel, Count = g.Count() }).ToListAsync(ct);
        return counts.GroupBy(c => c.SubjectType).OrderBy(g => g.Key).Select(g =>
        {
            var total = g.Sum(c => c.Count);
            var byLevel = RatingText.Levels.Select(l => g.Where(c => c.DecidedLevel == l).Sum(c => c.Count)).ToArray();
            var percents = Percentages.Of(byLevel, total);
            return new LevelStatistics(g.Key, total, RatingText.Levels.Select((l, i) => (l, byLevel[i], percents[i])).ToList());
        }).ToList();
    }
}
