using Microsoft.AspNetCore.Identity;

namespace Workflow.Web.Identity;

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
