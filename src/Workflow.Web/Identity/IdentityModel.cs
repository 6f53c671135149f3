using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;

namespace Workflow.Web.Identity;

/// <summary>The user table's additions to Identity's own. Applied by <see cref="AppDbContext"/>.</summary>
internal sealed class IdentityModel :
    IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> e)
    {
        e.Property(u => u.FullName).HasMaxLength(200);
        e.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(u => u.UnitId);
    }
}
