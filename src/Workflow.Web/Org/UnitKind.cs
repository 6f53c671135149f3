namespace Workflow.Web.Org;

/// <summary>The kinds of party organization in the tree, from the province down to an affiliated branch.</summary>
public enum UnitKind
{
    /// <summary>Tỉnh ủy (province committee).</summary>
    Province = 0,
    /// <summary>Đảng bộ trực thuộc: đảng ủy khối, huyện ủy, thành ủy...</summary>
    DirectCommittee = 1,
    /// <summary>Đảng bộ cơ sở (grassroots party committee with affiliated branches).</summary>
    GrassrootsCommittee = 2,
    /// <summary>Chi bộ cơ sở (grassroots branch without a committee above it at grassroots level).</summary>
    GrassrootsBranch = 3,
    /// <summary>Chi bộ trực thuộc (branch under a grassroots committee).</summary>
    AffiliatedBranch = 4,
}

/// <summary>Kinds of committee inside a unit.</summary>
public enum CommitteeKind
{
    /// <summary>Ban Thường vụ: decides.</summary>
    StandingCommittee = 0,
    /// <summary>Ban Tổ chức: examines and proposes.</summary>
    OrganizationBoard = 1,
    /// <summary>Ủy ban Kiểm tra: reports discipline and violations.</summary>
    InspectionCommittee = 2,
}

/// <summary>Whether a member is official or on probation.</summary>
public enum MemberStatus
{
    /// <summary>Đảng viên chính thức.</summary>
    Official = 0,
    /// <summary>Đảng viên dự bị.</summary>
    Probationary = 1,
}

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
