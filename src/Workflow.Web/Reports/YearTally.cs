using Workflow.Web.Ratings;

namespace Workflow.Web.Reports;

/// <summary>
/// How many subjects of one type reached one level in one year, per unit (the subject's own unit): the year-end report's
/// summary table. A province's five years are a few thousand tallies instead of hundreds of thousands of ratings; they are
/// rebuilt from the achievement record for a year whenever its ratings changed (see <see cref="YearTallies"/>).
/// </summary>
public sealed class YearTally
{
    public int Year { get; set; }
    public Guid UnitId { get; set; }
    public string UnitPath { get; set; } = "";
    public SubjectType SubjectType { get; set; }
    public RatingLevel Level { get; set; }
    public int Count { get; set; }
}
