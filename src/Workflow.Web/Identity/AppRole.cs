using Microsoft.AspNetCore.Identity;
using Workflow.Engine;

namespace Workflow.Web.Identity;

/// <summary>A role; the set is fixed by <see cref="Roles"/>.</summary>
public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
        Id = Uuid7.New();
    }

    public AppRole(string name) : this()
    {
        Name = name;
        NormalizedName = name.ToUpperInvariant();
    }
}
