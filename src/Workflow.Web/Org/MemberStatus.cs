namespace Workflow.Web.Org;

/// <summary>Whether a member is official or on probation.</summary>
public enum MemberStatus
{
    /// <summary>Đảng viên chính thức.</summary>
    Official = 0,
    /// <summary>Đảng viên dự bị.</summary>
    Probationary = 1,
}
