namespace Workflow.Web.Ratings;

/// <summary>The four quality levels, best first (the numeric order is the ranking: lower is better).</summary>
public enum RatingLevel
{
    /// <summary>HTXSNV: hoàn thành xuất sắc nhiệm vụ.</summary>
    Excellent = 1,
    /// <summary>HTTNV: hoàn thành tốt nhiệm vụ.</summary>
    Good = 2,
    /// <summary>HTNV: hoàn thành nhiệm vụ.</summary>
    Complete = 3,
    /// <summary>KHTNV: không hoàn thành nhiệm vụ.</summary>
    NotComplete = 4,
}
