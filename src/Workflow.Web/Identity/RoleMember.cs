namespace Workflow.Web.Identity;

/// <summary>A user and one role the user holds.</summary>
public sealed class RoleMember
{
    public string Role { get; init; } = "";

    public AppUser User { get; init; } = null!;
}
