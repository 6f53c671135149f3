namespace Workflow.Web.Org;

/// <summary>Vietnamese (and English) display names of the org enums.</summary>
public static class OrgText
{
    public static string Of(UnitKind kind) => kind switch
    {
        UnitKind.Province => "Tỉnh ủy",
        UnitKind.DirectCommittee => "Đảng bộ trực thuộc",
        UnitKind.GrassrootsCommittee => "Đảng bộ cơ sở",
        UnitKind.GrassrootsBranch => "Chi bộ cơ sở",
        UnitKind.AffiliatedBranch => "Chi bộ trực thuộc",
        _ => kind.ToString(),
    };

    public static string Of(CommitteeKind kind) => kind switch
    {
        CommitteeKind.StandingCommittee => "Ban Thường vụ",
        CommitteeKind.OrganizationBoard => "Ban Tổ chức",
        CommitteeKind.InspectionCommittee => "Ủy ban Kiểm tra",
        _ => kind.ToString(),
    };

    public static string Of(MemberStatus status) => status switch
    {
        MemberStatus.Official => "Chính thức",
        MemberStatus.Probationary => "Dự bị",
        _ => status.ToString(),
    };

    /// <summary>Which kinds may sit directly under a parent kind.</summary>
    public static bool CanContain(UnitKind parent, UnitKind child) => (parent, child) switch
    {
        (UnitKind.Province, UnitKind.DirectCommittee) => true,
        (UnitKind.Province, UnitKind.GrassrootsCommittee) => true,
        (UnitKind.Province, UnitKind.GrassrootsBranch) => true,
        (UnitKind.DirectCommittee, UnitKind.GrassrootsCommittee) => true,
        (UnitKind.DirectCommittee, UnitKind.GrassrootsBranch) => true,
        (UnitKind.GrassrootsCommittee, UnitKind.AffiliatedBranch) => true,
        _ => false,
    };
}
