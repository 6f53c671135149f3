using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;

namespace Workflow.Web.Org;

/// <summary>The organization tree: units, committees, moves and members, each filtered by the data scope. Applied by <see cref="AppDbContext"/>.</summary>
internal sealed class OrgModel(AppDbContext db) :
    IEntityTypeConfiguration<Unit>,
    IEntityTypeConfiguration<Committee>,
    IEntityTypeConfiguration<UnitMove>,
    IEntityTypeConfiguration<PartyMember>
{
    public void Configure(EntityTypeBuilder<Unit> e)
    {
        e.ToTable("Units");
        e.Property(u => u.Name).HasMaxLength(300);
        e.Property(u => u.Code).HasMaxLength(50);
        e.Property(u => u.SearchName).HasMaxLength(300);
        e.Property(u => u.Path).HasMaxLength(1000);
        e.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(u => u.Path);
        e.HasIndex(u => u.Code);
        e.HasIndex(u => new { u.ParentId, u.SortOrder });
        e.HasQueryFilter(u => db.ScopeUnrestricted || (db.ScopePath != null && u.Path.StartsWith(db.ScopePath)));
    }

    public void Configure(EntityTypeBuilder<Committee> e)
    {
        e.ToTable("Committees");
        e.Property(c => c.Name).HasMaxLength(300);
        e.HasOne(c => c.Unit).WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.UnitId, c.Kind }).IsUnique();
        e.HasQueryFilter(c => db.ScopeUnrestricted || (db.ScopePath != null && c.Unit!.Path.StartsWith(db.ScopePath)));
    }

    public void Configure(EntityTypeBuilder<UnitMove> e)
    {
        e.ToTable("UnitMoves");
        e.Property(m => m.RecordedBy).HasMaxLength(256);
        e.HasIndex(m => m.UnitId);
    }

    public void Configure(EntityTypeBuilder<PartyMember> e)
    {
        e.ToTable("Members");
        e.Property(m => m.FullName).HasMaxLength(200);
        e.Property(m => m.SearchName).HasMaxLength(200);
        e.Property(m => m.Position).HasMaxLength(300);
        e.HasOne(m => m.Unit).WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(m => new { m.UnitId, m.SearchName });
        e.HasIndex(m => m.SearchName);
        e.Property(m => m.Code).HasMaxLength(50);
        e.Property(m => m.Form).HasMaxLength(4);
        e.HasIndex(m => m.Code).IsUnique();
        e.HasQueryFilter(m => db.ScopeUnrestricted
            || (db.ScopePath != null && m.Unit!.Path.StartsWith(db.ScopePath)
                && (db.ScopeMemberId == null || m.Id == db.ScopeMemberId)));
    }
}
