using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;

namespace Workflow.Web.Inbox;

/// <summary>Saved inbox views. Applied by <see cref="AppDbContext"/>.</summary>
internal sealed class InboxModel :
    IEntityTypeConfiguration<InboxSavedView>
{
    public void Configure(EntityTypeBuilder<InboxSavedView> e)
    {
        e.ToTable("InboxSavedViews");
        e.Property(v => v.UserName).HasMaxLength(256);
        e.Property(v => v.Name).HasMaxLength(100);
        e.Property(v => v.Query).HasMaxLength(2000);
        e.HasIndex(v => new { v.UserName, v.Name }).IsUnique();
    }
}

/// <summary>The inbox tables as sets of the one context (C# extension members, so the context names no feature).</summary>
public static class InboxTables
{
    extension(AppDbContext db)
    {
        public DbSet<InboxSavedView> InboxSavedViews => db.Set<InboxSavedView>();
    }
}
