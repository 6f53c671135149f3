using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;

namespace Workflow.Web.Audit;

/// <summary>The audit trail (append-only; the triggers are in the initial migration). Applied by <see cref="AppDbContext"/>.</summary>
internal sealed class AuditModel :
    IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("AuditEntries");
        e.Property(a => a.ActorName).HasMaxLength(256);
        e.Property(a => a.EntityType).HasMaxLength(100);
        e.Property(a => a.EntityId).HasMaxLength(100);
        e.Property(a => a.Label).HasMaxLength(300);
        e.HasIndex(a => a.AtUtc);
        e.HasIndex(a => new { a.EntityType, a.EntityId });
        e.HasIndex(a => a.ActorId);
    }
}
