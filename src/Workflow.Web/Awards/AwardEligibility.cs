namespace Workflow.Web.Awards;

/// <summary>Who an award kind's candidates are.</summary>
public enum AwardEligibility
{
    /// <summary>Decided at the kind's level this year (Giấy khen HTXSNV, HTXSNV tiêu biểu).</summary>
    RatingThisYear = 0,
    /// <summary>At the kind's level in each of the last N years, read from the achievement record (HTXSNV 5 năm liền).</summary>
    ConsecutiveYears = 1,
    /// <summary>Holding an award of another kind this year (e.g. Bằng khen for a Giấy khen HTXSNV tiêu biểu).</summary>
    AwardHeld = 2,
    /// <summary>Nominated by a branch or the board for a movement (Dân vận khéo, Chi bộ 4 tốt, …).</summary>
    Nomination = 3,
    /// <summary>Holding a state emulation title recognized this year (e.g. a Giấy khen for every Chiến sĩ thi đua cơ sở).</summary>
    TitleHeld = 4,
}
