namespace Workflow.Web.Common;

/// <summary>The product's roles and their Vietnamese names.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string StandingCommittee = "StandingCommittee";
    public const string OrganizationBoard = "OrganizationBoard";
    public const string InspectionCommittee = "InspectionCommittee";
    public const string BranchSecretary = "BranchSecretary";
    public const string Member = "Member";
    /// <summary>A member of a unit's emulation and awards council (Hội đồng Thi đua – Khen thưởng): prepares the yearly titles.</summary>
    public const string EmulationCouncil = "EmulationCouncil";
    /// <summary>The council's head (Chủ tịch Hội đồng Thi đua – Khen thưởng): decides the yearly titles.</summary>
    public const string EmulationCouncilHead = "EmulationCouncilHead";
    /// <summary>An external-task worker (a service account): fetches and completes external tasks over /engine-rest.</summary>
    public const string Worker = "Worker";

    /// <summary>Roles that review files of the units under their committee.</summary>
    public const string Reviewers = StandingCommittee + "," + OrganizationBoard + "," + InspectionCommittee;

    public static readonly IReadOnlyList<string> All =
        [Admin, StandingCommittee, OrganizationBoard, InspectionCommittee, BranchSecretary, Member, EmulationCouncil, EmulationCouncilHead, Worker];

    public static string DisplayName(string role) => role switch
    {
        Admin => "Quản trị hệ thống",
        StandingCommittee => "Ban Thường vụ",
        OrganizationBoard => "Ban Tổ chức",
        InspectionCommittee => "Ủy ban Kiểm tra",
        BranchSecretary => "Bí thư chi bộ",
        Member => "Đảng viên",
        EmulationCouncil => "Hội đồng Thi đua – Khen thưởng",
        EmulationCouncilHead => "Chủ tịch Hội đồng Thi đua – Khen thưởng",
        Worker => "Bộ xử lý tự động",
        _ => role,
    };
}
