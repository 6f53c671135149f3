using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;

namespace Workflow.Web.Designer;

/// <summary>Process drafts and form definitions. Applied by <see cref="AppDbContext"/>.</summary>
internal sealed class DesignerModel :
    IEntityTypeConfiguration<ProcessDraft>,
    IEntityTypeConfiguration<FormDefinition>
{
    public void Configure(EntityTypeBuilder<ProcessDraft> e)
    {
        e.ToTable("ProcessDrafts");
        e.Property(d => d.Key).HasMaxLength(200);
        e.Property(d => d.Name).HasMaxLength(300);
        e.Property(d => d.SavedBy).HasMaxLength(256);
        e.HasIndex(d => d.Key).IsUnique();
    }

    public void Configure(EntityTypeBuilder<FormDefinition> e)
    {
        e.ToTable("FormDefinitions");
        e.Property(f => f.Key).HasMaxLength(100);
        e.Property(f => f.Name).HasMaxLength(300);
        e.Property(f => f.SavedBy).HasMaxLength(256);
        e.HasIndex(f => new { f.Key, f.Version }).IsUnique();
    }
}

/// <summary>The designer tables as sets of the one context (C# extension members, so the context names no feature).</summary>
public static class DesignerTables
{
    extension(AppDbContext db)
    {
        public DbSet<ProcessDraft> ProcessDrafts => db.Set<ProcessDraft>();
        public DbSet<FormDefinition> FormDefinitions => db.Set<FormDefinition>();
    }
}
