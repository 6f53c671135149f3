using Microsoft.AspNetCore.Identity;
using Workflow.Web.Data;
using Workflow.Web.Org;

namespace Workflow.Web.Identity;

/// <summary>A person who signs in. Every user is bound to one unit; their data access is that unit's subtree.</summary>
public sealed class AppUser : IdentityUser<Guid>, IAudited
{
    public AppUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public required string FullName { get; set; }
    public Guid UnitId { get; set; }
    public Unit? Unit { get; set; }
    /// <summary>The party member record of this user, when they are one.</summary>
    public Guid? MemberId { get; set; }
    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;
    /// <summary>How the user wants reminder emails (each one, a daily digest, or none).</summary>
    public Reminders.EmailPreference ReminderEmail { get; set; }
}

/// <summary>A role; the set is fixed by <see cref="Roles"/>.</summary>
public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
        Id = Guid.CreateVersion7();
    }

    public AppRole(string name) : this()
    {
        Name = name;
        NormalizedName = name.ToUpperInvariant();
    }
}

/// <summary>The product's roles and their Vietnamese names.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string StandingCommittee = "StandingCommittee";
    public const string OrganizationBoard = "OrganizationBoard";
    public const string InspectionCommittee = "InspectionCommittee";
    public const string BranchSecretary = "BranchSecretary";
    public const string Member = "Member";
    /// <summary>An external-task worker (a service account): fetches and completes external tasks over /engine-rest.</summary>
    public const string Worker = "Worker";

    /// <summary>Roles that review files of the units under their committee.</summary>
    public const string Reviewers = StandingCommittee + "," + OrganizationBoard + "," + InspectionCommittee;

    public static readonly IReadOnlyList<string> All =
        [Admin, StandingCommittee, OrganizationBoard, InspectionCommittee, BranchSecretary, Member, Worker];

    public static string DisplayName(string role) => role switch
    {
        Admin => "Quản trị hệ thống",
        StandingCommittee => "Ban Thường vụ",
        OrganizationBoard => "Ban Tổ chức",
        InspectionCommittee => "Ủy ban Kiểm tra",
        BranchSecretary => "Bí thư chi bộ",
        Member => "Đảng viên",
        Worker => "Bộ xử lý tự động",
        _ => role,
    };
}
