namespace Workflow.Web.Ratings;

/// <summary>Which members a member form is for.</summary>
public enum MemberKind
{
    /// <summary>Not a member form.</summary>
    None = 0,
    /// <summary>Cán bộ lãnh đạo, quản lý (Mẫu 2A).</summary>
    Leader = 1,
    /// <summary>Cán bộ, công chức, viên chức không giữ chức vụ lãnh đạo (Mẫu 2B).</summary>
    Staff = 2,
    /// <summary>Other members (Mẫu 2C).</summary>
    Other = 3,
}
