namespace Workflow.Web.Org;

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
