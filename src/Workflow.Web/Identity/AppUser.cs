using Microsoft.AspNetCore.Identity;
using Workflow.Engine;
using Workflow.Web.Org;
namespace Workflow.Web.Identity;

/// <summary>A person who signs in. Every user is bound to one unit; their data access is that unit's subtree.</summary>
public sealed class AppUser : IdentityUser<Guid>, IAudited
{
    public AppUser()
    {
        Id = Uuid7.New();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public required string FullName { get; set; }
    public Guid UnitId { get; set; }
    public Unit? Unit { get; set; }
    /// <summary>The party member record of this user, when they are one.</summary>
    public Guid? MemberId { get; set; }
    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;
    /// <summary>How the user wants reminder emails (each one, a daily digest, or none).</summary>
    public EmailPreference ReminderEmail { get; set; }
}
