namespace Workflow.Web.Ratings;

/// <summary>What is rated: a grassroots organization, a committee collective, or a member.</summary>
public enum SubjectType
{
    /// <summary>Tổ chức cơ sở đảng (form Mẫu 01).</summary>
    GrassrootsOrganization = 0,
    /// <summary>Tập thể cấp ủy (form Mẫu 01).</summary>
    CommitteeCollective = 1,
    /// <summary>Đảng viên (forms 2A, 2B, 2C).</summary>
    Member = 2,
}
