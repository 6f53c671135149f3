using System.Globalization;

namespace Workflow.Web.Ratings;

/// <summary>Counts per level for one subject type, each with its share of the total correctly rounded.</summary>
public sealed record LevelStatistics(SubjectType SubjectType, int Total, IReadOnlyList<(RatingLevel Level, int Count, decimal Percent)> Levels)
{
    /// <summary>From the counts at each level in <see cref="RatingText.Levels"/> order (best first), each share correctly rounded.</summary>
    public static LevelStatistics Of(SubjectType type, int total, int[] byLevel)
    {
        var percents = Percentages.Of(byLevel, total);
        return new LevelStatistics(type, total, RatingText.Levels.Select((l, i) => (l, byLevel[i], percents[i])).ToList());
    }

    /// <summary>
    /// The report sentence, as the seeds phrase it: "có 7/38 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, đạt tỷ lệ
    /// 18,42%; …; không có tổ chức cơ sở đảng không hoàn thành nhiệm vụ." The two upper levels "đạt" their share, the two
    /// lower ones "chiếm" it; a level nobody reached reads "không có …". In English when <paramref name="culture"/> is.
    /// </summary>
    public string Sentence(CultureInfo? culture = null) =>
        culture?.TwoLetterISOLanguageName == "en" ? English(culture) : Vietnamese();

    /// <summary>The sentence starting a paragraph.</summary>
    public string SentenceCapitalized(CultureInfo? culture = null)
    {
        var sentence = Sentence(culture);
        return char.ToUpperInvariant(sentence[0]) + sentence[1..];
    }

    private string Vietnamese()
    {
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        var plural = RatingText.Plural(SubjectType);
        if (Total == 0)
        {
            return $"chưa có {plural} nào được xếp loại.";
        }

        var parts = Levels.Select(l => l.Count == 0
            ? $"không có {plural} {RatingText.Phrase(l.Level)}"
            : $"{l.Count}/{Total} {plural} {RatingText.Phrase(l.Level)}, {(l.Level <= RatingLevel.Good ? "đạt" : "chiếm")} tỷ lệ {Percentages.Text(l.Percent, vi)}%");
        var text = string.Join("; ", parts) + ".";
        return text.StartsWith("không có ", StringComparison.Ordinal) ? text : "có " + text;
    }

    private string English(CultureInfo culture)
    {
        var plural = SubjectType switch
        {
            SubjectType.GrassrootsOrganization => "grassroots party organizations",
            SubjectType.CommitteeCollective => "committee collectives",
            _ => "party members",
        };
        if (Total == 0)
        {
            return $"no {plural} have been rated yet.";
        }

        var parts = Levels.Select(l =>
        {
            var phrase = l.Level switch
            {
                RatingLevel.Excellent => "completed their tasks excellently",
                RatingLevel.Good => "completed their tasks well",
                RatingLevel.Complete => "completed their tasks",
                _ => "did not complete their tasks",
            };
            return l.Count == 0 ? $"none {(l.Level == RatingLevel.NotComplete ? "failed to complete their tasks" : "at the level \"" + phrase + "\"")}"
                : $"{l.Count} of {Total} ({Percentages.Text(l.Percent, culture)}%) {phrase}";
        });
        return $"of the {Total} {plural}, " + string.Join("; ", parts) + ".";
    }
}
