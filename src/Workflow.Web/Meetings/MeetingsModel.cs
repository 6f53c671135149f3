using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;

namespace Workflow.Web.Meetings;

/// <summary>Meeting sheets, periods and scores; scores carry their unit's path so the data scope filters them. Applied by <see cref="AppDbContext"/>.</summary>
internal sealed class MeetingsModel(AppDbContext db) :
    IEntityTypeConfiguration<MeetingSheet>,
    IEntityTypeConfiguration<MeetingPeriod>,
    IEntityTypeConfiguration<MeetingScore>
{
    public void Configure(EntityTypeBuilder<MeetingSheet> e)
    {
        e.ToTable("MeetingSheets");
        e.Property(m => m.SavedBy).HasMaxLength(256);
        e.HasIndex(m => m.Version).IsUnique();
    }

    public void Configure(EntityTypeBuilder<MeetingPeriod> e)
    {
        e.ToTable("MeetingPeriods");
        e.Property(m => m.OpenedBy).HasMaxLength(256);
        e.Ignore(m => m.Quarter);
        e.Ignore(m => m.Label);
        // One period per first month: the recurring job, a second node and an admin cannot open it twice.
        e.HasIndex(m => new { m.Year, m.Month }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<MeetingScore> e)
    {
        e.ToTable("MeetingScores");
        e.Property(m => m.UnitName).HasMaxLength(300);
        e.Property(m => m.UnitPath).HasMaxLength(1000);
        e.Property(m => m.Note).HasMaxLength(2000);
        e.Property(m => m.ReturnReason).HasMaxLength(1000);
        e.Property(m => m.SubmittedBy).HasMaxLength(256);
        e.Property(m => m.ConfirmedBy).HasMaxLength(256);
        e.Property(m => m.Version).IsConcurrencyToken();
        e.HasIndex(m => new { m.PeriodId, m.UnitId }).IsUnique();
        e.HasIndex(m => new { m.PeriodId, m.UnitPath });
        e.HasIndex(m => new { m.ConfirmerUnitId, m.Status });
        e.HasQueryFilter(m => db.ScopeUnrestricted || (db.ScopePath != null && m.UnitPath.StartsWith(db.ScopePath)));
    }
}

/// <summary>The meetings tables as sets of the one context (C# extension members, so the context names no feature).</summary>
public static class MeetingsTables
{
    extension(AppDbContext db)
    {
        public DbSet<MeetingSheet> MeetingSheets => db.Set<MeetingSheet>();
        public DbSet<MeetingPeriod> MeetingPeriods => db.Set<MeetingPeriod>();
        public DbSet<MeetingScore> MeetingScores => db.Set<MeetingScore>();
    }
}
