using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;

namespace Workflow.Web.Reports;

/// <summary>Targets; visible in the committee's subtree and to the units above it. Applied by <see cref="AppDbContext"/>.</summary>
internal sealed class ReportsModel(AppDbContext db) : IEntityTypeConfiguration<Target>, IEntityTypeConfiguration<YearTally>, IEntityTypeConfiguration<YearTallyStamp>
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

    public void Configure(EntityTypeBuilder<YearTally> e)
    {
        e.ToTable("YearTallies");
        e.HasKey(t => new { t.Year, t.UnitId, t.SubjectType, t.Level });
        e.Property(t => t.UnitPath).HasMaxLength(1000);
        e.HasIndex(t => new { t.Year, t.UnitPath });
    }

    public void Configure(EntityTypeBuilder<YearTallyStamp> e)
    {
        e.ToTable("YearTallyStamps");
        e.HasKey(s => s.Year);
        e.Property(s => s.Year).ValueGeneratedNever();
    }
}

/// <summary>The reports' tables as sets of the one context.</summary>
public static class ReportsTables
{
    extension(AppDbContext db)
    {
        public DbSet<Target> Targets => db.Set<Target>();
        public DbSet<YearTally> YearTallies => db.Set<YearTally>();
        public DbSet<YearTallyStamp> YearTallyStamps => db.Set<YearTallyStamp>();
    }
}
