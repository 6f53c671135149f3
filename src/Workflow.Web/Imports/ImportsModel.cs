using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;

namespace Workflow.Web.Imports;

/// <summary>Import jobs, visible inside the committee they import into. Applied by <see cref="AppDbContext"/>.</summary>
internal sealed class ImportsModel(AppDbContext db) : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> e)
    {
        e.ToTable("ImportJobs");
        e.Property(j => j.FileName).HasMaxLength(200);
        e.Property(j => j.ScopePath).HasMaxLength(1000);
        e.Property(j => j.CreatedBy).HasMaxLength(256);
        e.Property(j => j.Failure).HasMaxLength(1000);
        e.Property(j => j.Version).IsConcurrencyToken();
        e.HasIndex(j => new { j.CreatedBy, j.CreatedAtUtc });
        e.HasIndex(j => j.Status);
        // Seen only inside the committee it imports into (its creator is there, or above with an Admin's rights).
        e.HasQueryFilter(j => db.ScopeUnrestricted || (db.ScopePath != null && j.ScopePath.StartsWith(db.ScopePath)));
    }
}

/// <summary>The imports' tables as sets of the one context.</summary>
public static class ImportsTables
{
    extension(AppDbContext db)
    {
        public DbSet<ImportJob> ImportJobs => db.Set<ImportJob>();
    }
}
