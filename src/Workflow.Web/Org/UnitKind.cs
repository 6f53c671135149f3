
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
