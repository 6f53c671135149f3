namespace Workflow.Web.Ratings;

public enum ScoringMode
{
    /// <summary>Each criterion graded Xuất sắc / Tốt / Trung bình / Kém (124-QĐ/TW, 132-QĐ/TW).</summary>
    Grades = 0,
    /// <summary>Points per criterion on a 100-point scale (366-QĐ/TW).</summary>
    Points = 1,
}
