namespace Workflow.Web.Ratings;

/// <summary>Facts that cap a level (see DOMAIN.md "Hard rules").</summary>
public enum CapFact
{
    /// <summary>The subject was disciplined during the year (not self-discovered and remedied).</summary>
    Discipline = 0,
    /// <summary>A subordinate organization or a leadership member of the collective was disciplined.</summary>
    SubordinateDiscipline = 1,
    /// <summary>A formal conclusion of degradation (suy thoái).</summary>
    Degradation = 2,
    /// <summary>Rated KHTNV the previous year.</summary>
    PreviousYearNotComplete = 3,
}
