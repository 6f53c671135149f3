using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;

namespace Workflow.Web.Reports;

/// <summary>Targets; visible in the committee's subtree and to the units above it. Applied by <see cref="AppDbContext"/>.</summary>
internal sealed class ReportsModel(AppDbContext db) : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> e)
    {
        e.ToTable("Targets");
        e.Property(t => t.UnitPath).HasMaxLength(1000);
        e.Property(t => t.Value).HasPrecision(5, 2);
        e.Property(t => t.Source).HasMaxLength(Targets.SourceLength);
        e.Property(t => t.CreatedBy).HasMaxLength(256);
        e.HasIndex(t => new { t.UnitId, t.FromYear });
        e.HasQueryFilter(t => db.ScopeUnrestricted
            || (db.ScopePath != null && (t.UnitPath.StartsWith(db.ScopePath) || db.ScopePath.StartsWith(t.UnitPath))));
    }
}

/// <summary>The reports' tables as sets of the one context.</summary>
public static class ReportsTables
{
    extension(AppDbContext db)
    {
        public DbSet<Target> Targets => db.Set<Target>();
    }
}
