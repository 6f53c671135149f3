using Workflow.Web.Meetings;
using Workflow.Web.Org;
using Workflow.Web.Ratings;

namespace Workflow.Web.Reports;

/// <summary>One subject type's counts per level in one year (a point of the five-year chart).</summary>
public sealed record YearLevels(int Year, LevelCounts Counts);

/// <summary>How many collectives and individuals received one award kind in the year, and from whom.</summary>
public sealed record AwardCount(string Code, string Name, string Title, string Reason, string IssuerName, bool ByThisCommittee, int Collectives, int Individuals);

/// <summary>The state emulation titles granted in the subtree in the year.</summary>
public sealed record TitleCounts(int AdvancedCollectives, int ExcellentCollectives, int AdvancedWorkers, int Fighters)
{
    public int Total => AdvancedCollectives + ExcellentCollectives + AdvancedWorkers + Fighters;
}

/// <summary>One unit directly below the committee, with its shares (the comparison table and the drill-down).</summary>
public sealed record UnitShares(Guid UnitId, string Name, UnitKind Kind, bool HasChildren, IReadOnlyDictionary<SubjectType, LevelCounts> Levels, IReadOnlyList<TargetMetric> BelowTarget)
{
    public LevelCounts? Of(SubjectType type) => Levels.GetValueOrDefault(type);
}

/// <summary>
/// A committee's year-end report from the data: the year's ratings per subject type (the seeds' sentences), five years
/// of history, awards and titles, branch-meeting quality per quarter and for the year, the targets, and the units below.
/// </summary>
public sealed record YearReport(
    Guid UnitId, string UnitName, UnitKind Kind, Guid? ParentId, int Year,
    IReadOnlyList<LevelStatistics> Ratings, IReadOnlyList<YearLevels> History,
    IReadOnlyList<AwardCount> Awards, int ProposedCollectives, int ProposedIndividuals, string ProposedTo, TitleCounts Titles,
    MeetingStatistics Meetings, IReadOnlyList<MeetingStatistics> MeetingQuarters,
    TargetEvaluation Targets, IReadOnlyList<UnitShares> Units)
{
    /// <summary>The years of the history chart, oldest first.</summary>
    public IReadOnlyList<int> Years => Enumerable.Range(Year - YearReports.HistoryYears + 1, YearReports.HistoryYears).ToList();

    public LevelStatistics? RatingsOf(SubjectType type) => Ratings.FirstOrDefault(r => r.SubjectType == type);
}
