using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;
using Workflow.Web.Org;

namespace Workflow.Web.Ratings;

/// <summary>Rule sets, rounds, files, disciplines, decisions. Files and disciplines carry their unit's path so the data scope filters them like units; a round is visible in its deciding unit's subtree and to the units above it. Applied by <see cref="AppDbContext"/>.</summary>
internal sealed class RatingsModel(AppDbContext db) :
    IEntityTypeConfiguration<RuleSet>,
    IEntityTypeConfiguration<RatingRound>,
    IEntityTypeConfiguration<RatingFile>,
    IEntityTypeConfiguration<FileEvent>,
    IEntityTypeConfiguration<Discipline>,
    IEntityTypeConfiguration<DegradationConclusion>,
    IEntityTypeConfiguration<Decision>,
    IEntityTypeConfiguration<DecisionItem>,
    IEntityTypeConfiguration<Evidence>,
    IEntityTypeConfiguration<EvidenceContent>
{
    public void Configure(EntityTypeBuilder<RuleSet> e)
    {
        e.ToTable("RuleSets");
        e.Property(r => r.Code).HasMaxLength(50);
        e.Property(r => r.Name).HasMaxLength(300);
        e.Property(r => r.CreatedBy).HasMaxLength(256);
        e.HasIndex(r => new { r.Code, r.Version }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<RatingRound> e)
    {
        e.ToTable("Rounds");
        e.Property(r => r.Name).HasMaxLength(300);
        e.Property(r => r.DecidingUnitPath).HasMaxLength(1000);
        e.Property(r => r.SubjectTypes).HasMaxLength(200);
        e.Property(r => r.DefinitionKey).HasMaxLength(200);
        e.Property(r => r.CreatedBy).HasMaxLength(256);
        e.HasOne(r => r.RuleSet).WithMany().HasForeignKey(r => r.RuleSetId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => new { r.Year, r.DecidingUnitId });
        e.HasQueryFilter(r => db.ScopeUnrestricted
            || (db.ScopePath != null && (r.DecidingUnitPath.StartsWith(db.ScopePath) || db.ScopePath.StartsWith(r.DecidingUnitPath))));
    }

    public void Configure(EntityTypeBuilder<RatingFile> e)
    {
        e.ToTable("Files");
        e.Property(f => f.SubjectName).HasMaxLength(300);
        e.Property(f => f.SearchName).HasMaxLength(300);
        e.Property(f => f.SortKey).HasMaxLength(VietnameseOrder.MaxLength);
        e.Property(f => f.UnitPath).HasMaxLength(1000);
        e.Property(f => f.FormCode).HasMaxLength(50);
        e.Property(f => f.CapFacts).HasMaxLength(200);
        e.Property(f => f.Points).HasPrecision(6, 2);
        e.Property(f => f.Version).IsConcurrencyToken();
        e.HasOne(f => f.Round).WithMany().HasForeignKey(f => f.RoundId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(f => new { f.RoundId, f.DecidingUnitId, f.SubjectType, f.Status });
        // Only what the pages and commands query: every index costs when a round of 75,000 opens. A subject has one file
        // per round, whatever opens it (a re-queued job, the start-up recovery, another node): the database says so.
        e.HasIndex(f => new { f.MemberId, f.RoundId }).IsUnique().HasFilter("\"MemberId\" IS NOT NULL");
        e.HasIndex(f => new { f.RoundId, f.SubjectType, f.SubjectUnitId }).IsUnique().HasFilter("\"MemberId\" IS NULL");
        e.HasIndex(f => f.InstanceId); // the inbox joins tasks to their files
        e.HasQueryFilter(f => db.ScopeUnrestricted
            || (db.ScopePath != null && f.UnitPath.StartsWith(db.ScopePath) && (db.ScopeMemberId == null || f.MemberId == db.ScopeMemberId)));
    }

    public void Configure(EntityTypeBuilder<FileEvent> e)
    {
        e.ToTable("FileEvents");
        e.Property(f => f.Actor).HasMaxLength(256);
        e.Property(f => f.ActorName).HasMaxLength(256);
        e.HasIndex(f => new { f.FileId, f.AtUtc });
    }

    public void Configure(EntityTypeBuilder<Discipline> e)
    {
        e.ToTable("Disciplines");
        e.Property(d => d.UnitPath).HasMaxLength(1000);
        e.Property(d => d.Note).HasMaxLength(2000);
        e.Property(d => d.RecordedBy).HasMaxLength(256);
        e.HasIndex(d => new { d.Year, d.UnitPath });
        e.HasIndex(d => d.MemberId);
        e.HasQueryFilter(d => db.ScopeUnrestricted || (db.ScopePath != null && d.UnitPath.StartsWith(db.ScopePath)));
    }

    public void Configure(EntityTypeBuilder<DegradationConclusion> e)
    {
        e.ToTable("DegradationConclusions");
        e.Property(c => c.UnitPath).HasMaxLength(1000);
        e.Property(c => c.RecordedBy).HasMaxLength(256);
        e.HasIndex(c => new { c.Year, c.MemberId });
        e.HasIndex(c => new { c.Year, c.UnitId });
        e.HasQueryFilter(c => db.ScopeUnrestricted || (db.ScopePath != null && c.UnitPath.StartsWith(db.ScopePath)));
    }

    public void Configure(EntityTypeBuilder<Decision> e)
    {
        e.ToTable("Decisions");
        e.Property(d => d.Number).HasMaxLength(100);
        e.Property(d => d.SignerName).HasMaxLength(200);
        e.Property(d => d.SignerTitle).HasMaxLength(200);
        e.Property(d => d.OverQuotaReason).HasMaxLength(2000);
        e.Property(d => d.CreatedBy).HasMaxLength(256);
        e.HasIndex(d => new { d.DecidingUnitId, d.Number }).IsUnique();
        e.HasIndex(d => d.RoundId);
        // A decision is read by its deciding committee and those above it, and by whoever may read one of its files;
        // anyone else gets 404 like every other record.
        e.HasQueryFilter(d => db.ScopeUnrestricted || (db.ScopePath != null
            && (db.Set<Unit>().Any(u => u.Id == d.DecidingUnitId && u.Path.StartsWith(db.ScopePath))
                || db.Set<DecisionItem>().Any(i => i.DecisionId == d.Id && db.Set<RatingFile>().Any(f => f.Id == i.FileId && f.UnitPath.StartsWith(db.ScopePath)
                    && (db.ScopeMemberId == null || f.MemberId == db.ScopeMemberId))))));
    }

    public void Configure(EntityTypeBuilder<DecisionItem> e)
    {
        e.ToTable("DecisionItems");
        e.Property(d => d.Reason).HasMaxLength(2000);
        e.HasIndex(d => new { d.DecisionId, d.Order });
        e.HasIndex(d => d.FileId);
    }

    public void Configure(EntityTypeBuilder<Evidence> e)
    {
        e.ToTable("Evidence");
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.StoragePath).HasMaxLength(300);
        e.Property(x => x.UploadedBy).HasMaxLength(256);
        e.Property(x => x.RemovedBy).HasMaxLength(256);
        e.HasIndex(x => x.FileId);
    }

    public void Configure(EntityTypeBuilder<EvidenceContent> e)
    {
        e.ToTable("EvidenceContents");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasOne<Evidence>().WithOne().HasForeignKey<EvidenceContent>(x => x.Id).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The ratings tables as sets of the one context (C# extension members, so the context names no feature).</summary>
public static class RatingsTables
{
    extension(AppDbContext db)
    {
        public DbSet<RuleSet> RuleSets => db.Set<RuleSet>();
        public DbSet<RatingRound> Rounds => db.Set<RatingRound>();
        public DbSet<RatingFile> Files => db.Set<RatingFile>();
        public DbSet<FileEvent> FileEvents => db.Set<FileEvent>();
        public DbSet<Discipline> Disciplines => db.Set<Discipline>();
        public DbSet<DegradationConclusion> DegradationConclusions => db.Set<DegradationConclusion>();
        public DbSet<Decision> Decisions => db.Set<Decision>();
        public DbSet<DecisionItem> DecisionItems => db.Set<DecisionItem>();
    }
}
