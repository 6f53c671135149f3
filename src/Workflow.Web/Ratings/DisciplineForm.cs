namespace Workflow.Web.Ratings;

public enum DisciplineForm
{
    /// <summary>Khiển trách.</summary>
    Reprimand = 0,
    /// <summary>Cảnh cáo.</summary>
    Warning = 1,
    /// <summary>Cách chức.</summary>
    Dismissal = 2,
    /// <summary>Khai trừ (members) / giải tán (organizations).</summary>
    Expulsion = 3,
}
