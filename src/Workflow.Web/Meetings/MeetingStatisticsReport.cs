using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Meetings;

/// <summary>Confirmed meeting scores per level, each share correctly rounded, and how many are still pending.</summary>
public sealed record MeetingStatistics(int Year, int? Quarter, int Total, IReadOnlyList<(MeetingLevel Level, int Count, decimal Percent)> Levels, int Pending)
{
    /// <summary>
    /// "Kết quả … quý 2/2023 như sau: Tốt: 80,8%, Khá: 17,73%, Trung bình: 1,4% (1.500 lượt sinh hoạt chi bộ)." Each
    /// share correctly rounded on its own, as seed 003 prints them; in English when <paramref name="culture"/> is.
    /// </summary>
    public string Sentence(CultureInfo? culture = null)
    {
        var english = culture?.TwoLetterISOLanguageName == "en";
        var format = english ? culture! : CultureInfo.GetCultureInfo("vi-VN");
        var when = english ? (Quarter is { } eq ? $"quarter {eq}/{Year}" : $"{Year}") : Quarter is { } q ? $"quý {q}/{Year}" : $"năm {Year}";
        if (Total == 0)
        {
            return english
                ? $"No branch meeting scores for {when} have been confirmed yet."
                : $"Chưa có kết quả đánh giá, xếp loại chất lượng sinh hoạt chi bộ {when} được xác nhận.";
        }

        var parts = Levels.Where(l => l.Count > 0).Select(l => $"{(english ? MeetingText.EnglishName(l.Level) : MeetingText.Name(l.Level))}: {Percentages.Text(l.Percent, format)}%");
        return english
            ? $"Branch meeting quality, {when}: {string.Join(", ", parts)} ({Total.ToString("N0", format)} meetings)."
            : $"Kết quả đánh giá, xếp loại chất lượng sinh hoạt chi bộ {when} như sau: {string.Join(", ", parts)} ({Total.ToString("N0", format)} lượt sinh hoạt chi bộ).";
    }
}

/// <summary>The roll-up of confirmed scores in the caller's part of the tree, for a quarter or a whole year.</summary>
public sealed class MeetingStatisticsReport(AppDbContext db)
{
    /// <summary>Confirmed scores of the caller's part of the tree, for a quarter or a whole year.</summary>
    public Task<MeetingStatistics> RunAsync(int year, int? quarter, CancellationToken ct) => RunAsync(year, quarter, null, ct);

    /// <summary>Confirmed scores of the branches under <paramref name="path"/> (within the caller's part of the tree), for a quarter or a whole year.</summary>
    public async Task<MeetingStatistics> RunAsync(int year, int? quarter, string? path, CancellationToken ct)
    {
        var periods = db.MeetingPeriods.Where(p => p.Year == year && (quarter == null || (p.Month >= ((quarter - 1) * 3) + 1 && p.Month <= quarter * 3)));
        var scores = db.MeetingScores.Where(s => periods.Any(p => p.Id == s.PeriodId));
        if (path is not null)
        {
            scores = scores.Where(s => s.UnitPath.StartsWith(path));
        }

        var counts = await scores.Where(s => s.Status == MeetingScoreStatus.Confirmed && s.Level != null)
            .GroupBy(s => s.Level!.Value).Select(g => new { Level = g.Key, Count = g.Count() }).ToListAsync(ct);
        var pending = await scores.CountAsync(s => s.Status != MeetingScoreStatus.Confirmed, ct);
        var levels = Enum.GetValues<MeetingLevel>();
        var byLevel = levels.Select(l => counts.FirstOrDefault(c => c.Level == l)?.Count ?? 0).ToArray();
        var total = byLevel.Sum();
        var percents = Percentages.Of(byLevel, total);
        return new MeetingStatistics(year, quarter, total, levels.Select((l, i) => (l, byLevel[i], percents[i])).ToList(), pending);
    }
}
