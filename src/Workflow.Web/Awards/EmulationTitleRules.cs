using Workflow.Engine;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>What the rules need to know of one person: their titles in the list, this year's rating, a discipline this year.</summary>
public sealed record PersonFacts(Guid MemberId, string Name, Guid UnitId, string UnitPath, RatingLevel? Level, bool Disciplined, bool Worker, bool Fighter);

/// <summary>What the rules need to know of one collective in the list.</summary>
public sealed record CollectiveFacts(Guid UnitId, string Name, string Path, bool Advanced, bool Excellent);

/// <summary>
/// The rules of the state emulation titles, as plain checks over the whole list (every refusal names the rule and the
/// numbers): Lao động tiên tiến needs this year's rating at the configured level and no discipline; Chiến sĩ thi đua
/// cơ sở only from among the Lao động tiên tiến and at most the configured share of them; Tập thể lao động xuất sắc
/// only from among the Tập thể lao động tiên tiến, with every person having completed their tasks, at least the
/// configured share Lao động tiên tiến, at least one Chiến sĩ thi đua cơ sở, nobody disciplined, and at most the
/// configured share of the Tập thể lao động tiên tiến.
/// </summary>
public static class EmulationTitleRules
{
    public static List<FieldError> Check(EmulationOptions options, IReadOnlyList<PersonFacts> people, IReadOnlyList<CollectiveFacts> collectives)
    {
        var errors = new List<FieldError>();
        var minLevel = options.WorkerLevel;
        foreach (var p in people.Where(p => p.Worker))
        {
            if (p.Level is not { } level || level > minLevel)
            {
                errors.Add(new($"worker.{p.MemberId}", $"{p.Name}: Lao động tiên tiến cần xếp loại {RatingText.Code(minLevel)} trở lên năm nay; {(p.Level is { } l ? (Message)$"xếp loại {RatingText.Code(l)}" : "chưa có xếp loại")}."));
            }

            if (p.Disciplined)
            {
                errors.Add(new($"worker.{p.MemberId}", $"{p.Name}: bị kỷ luật trong năm, không được công nhận Lao động tiên tiến."));
            }
        }

        foreach (var p in people.Where(p => p.Fighter && !p.Worker))
        {
            errors.Add(new($"fighter.{p.MemberId}", $"{p.Name}: Chiến sĩ thi đua cơ sở chỉ xét trong số Lao động tiên tiến."));
        }

        var workers = people.Count(p => p.Worker);
        var fighters = people.Count(p => p.Fighter);
        var maxFighters = options.MaxOf(options.FighterMaxPercentOfWorkers, workers);
        if (fighters > maxFighters)
        {
            errors.Add(new("fighters", $"Chiến sĩ thi đua cơ sở: đề nghị {fighters}, tối đa {maxFighters} ({options.FighterMaxPercentOfWorkers:0.##}% của {workers} Lao động tiên tiến)."));
        }

        foreach (var c in collectives.Where(c => c.Excellent))
        {
            if (!c.Advanced)
            {
                errors.Add(new($"excellent.{c.UnitId}", $"{c.Name}: Tập thể lao động xuất sắc chỉ xét trong số Tập thể lao động tiên tiến."));
            }

            var own = people.Where(p => p.UnitPath.StartsWith(c.Path, StringComparison.Ordinal)).ToList();
            var notCompleted = own.Count(p => p.Level is null or RatingLevel.NotComplete);
            if (notCompleted > 0)
            {
                errors.Add(new($"excellent.{c.UnitId}", $"{c.Name}: {notCompleted}/{own.Count} người chưa hoàn thành nhiệm vụ (hoặc chưa có xếp loại); Tập thể lao động xuất sắc cần mọi người hoàn thành nhiệm vụ."));
            }

            var ownWorkers = own.Count(p => p.Worker);
            var share = own.Count == 0 ? 0m : Math.Round(ownWorkers * 100m / own.Count, 2, MidpointRounding.AwayFromZero);
            if (own.Count == 0 || share < options.ExcellentMinPercentWorkers)
            {
                errors.Add(new($"excellent.{c.UnitId}", $"{c.Name}: Tập thể lao động xuất sắc cần ít nhất {options.ExcellentMinPercentWorkers:0.##}% Lao động tiên tiến; có {ownWorkers}/{own.Count} ({share:0.##}%)."));
            }

            if (options.ExcellentNeedsFighter && !own.Any(p => p.Fighter))
            {
                errors.Add(new($"excellent.{c.UnitId}", $"{c.Name}: Tập thể lao động xuất sắc cần ít nhất một Chiến sĩ thi đua cơ sở; chưa có."));
            }

            var disciplined = own.Count(p => p.Disciplined);
            if (disciplined > 0)
            {
                errors.Add(new($"excellent.{c.UnitId}", $"{c.Name}: có {disciplined} người bị kỷ luật trong năm; Tập thể lao động xuất sắc cần không ai bị kỷ luật."));
            }
        }

        var advanced = collectives.Count(c => c.Advanced);
        var excellent = collectives.Count(c => c.Excellent);
        var maxExcellent = options.MaxOf(options.ExcellentMaxPercentOfAdvanced, advanced);
        if (excellent > maxExcellent)
        {
            errors.Add(new("excellent", $"Tập thể lao động xuất sắc: đề nghị {excellent}, tối đa {maxExcellent} ({options.ExcellentMaxPercentOfAdvanced:0.##}% của {advanced} Tập thể lao động tiên tiến)."));
        }

        return errors;
    }

    /// <summary>
    /// The year-end sentence (seed 004: "39 tập thể đạt danh hiệu “Tập thể lao động tiên tiến”, trong đó 8 tập thể đạt danh
    /// hiệu “Tập thể lao động xuất sắc”; … công nhận 30 chiến sĩ thi đua cấp cơ sở").
    /// </summary>
    public static string Sentence(int advanced, int excellent, int workers, int fighters)
    {
        var parts = new List<string>();
        if (advanced > 0)
        {
            parts.Add($"{advanced} tập thể đạt danh hiệu “Tập thể lao động tiên tiến”" + (excellent > 0 ? $", trong đó {excellent} tập thể đạt danh hiệu “Tập thể lao động xuất sắc”" : ""));
        }

        if (workers > 0)
        {
            parts.Add($"{workers} cá nhân đạt danh hiệu “Lao động tiên tiến”");
        }

        if (fighters > 0)
        {
            parts.Add($"công nhận {fighters} chiến sĩ thi đua cấp cơ sở");
        }

        return parts.Count == 0 ? "" : string.Join("; ", parts) + ".";
    }
}
