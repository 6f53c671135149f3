using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>
/// The rules of the state emulation titles as parameters (appsettings.json, section "Emulation"); the defaults follow
/// the Law on Emulation and Commendation 2022 and its decree as DOMAIN.md reads them.
/// </summary>
public sealed class EmulationOptions
{
    /// <summary>Chiến sĩ thi đua cơ sở: at most this share (percent) of the Lao động tiên tiến.</summary>
    public decimal FighterMaxPercentOfWorkers { get; set; } = 15m;
    /// <summary>Tập thể lao động xuất sắc: at least this share (percent) of its people Lao động tiên tiến.</summary>
    public decimal ExcellentMinPercentWorkers { get; set; } = 70m;
    /// <summary>Tập thể lao động xuất sắc: at least one Chiến sĩ thi đua cơ sở among its people.</summary>
    public bool ExcellentNeedsFighter { get; set; } = true;
    /// <summary>Tập thể lao động xuất sắc: at most this share (percent) of the Tập thể lao động tiên tiến.</summary>
    public decimal ExcellentMaxPercentOfAdvanced { get; set; } = 20m;
    /// <summary>Lao động tiên tiến: this year's rating at this level or better ("HTTNV").</summary>
    public string WorkerMinLevel { get; set; } = "HTTNV";

    /// <summary>How a share limit becomes a number: "Nearest" (20% of 39 TTLĐTT allows 8 TTLĐXS, as seed 004 counts), "Down" or "Up".</summary>
    public QuotaRounding Rounding { get; set; } = QuotaRounding.Nearest;

    /// <summary>The most a share of <paramref name="count"/> allows, rounded as configured.</summary>
    public int MaxOf(decimal percent, int count)
    {
        var exact = percent * count / 100m;
        return Rounding switch
        {
            QuotaRounding.Down => (int)Math.Floor(exact),
            QuotaRounding.Up => (int)Math.Ceiling(exact),
            _ => (int)Math.Round(exact, MidpointRounding.AwayFromZero),
        };
    }

    public RatingLevel WorkerLevel => RatingText.ParseLevel(WorkerMinLevel) ?? RatingLevel.Good;
}
