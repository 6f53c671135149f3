namespace Workflow.Web.Awards;

/// <summary>The state emulation titles a unit's emulation and awards council decides each year.</summary>
public enum EmulationTitle
{
    /// <summary>Lao động tiên tiến (individual).</summary>
    AdvancedWorker = 0,
    /// <summary>Chiến sĩ thi đua cơ sở (individual, from among the LĐTT).</summary>
    EmulationFighter = 1,
    /// <summary>Tập thể lao động tiên tiến.</summary>
    AdvancedCollective = 2,
    /// <summary>Tập thể lao động xuất sắc (from among the TTLĐTT).</summary>
    ExcellentCollective = 3,
}
