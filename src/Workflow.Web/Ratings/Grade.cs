namespace Workflow.Web.Ratings;

/// <summary>How one criterion is graded under the 124-QĐ/TW and 132-QĐ/TW rule sets.</summary>
public enum Grade
{
    /// <summary>Xuất sắc.</summary>
    Excellent = 1,
    /// <summary>Tốt.</summary>
    Good = 2,
    /// <summary>Trung bình.</summary>
    Average = 3,
    /// <summary>Kém.</summary>
    Poor = 4,
}
