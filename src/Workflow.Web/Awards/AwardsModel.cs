using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;

namespace Workflow.Web.Awards;

/// <summary>Award rules, certificates, their register and the serial counters. Applied by <see cref="AppDbContext"/>.</summary>
internal sealed class AwardsModel :
    IEntityTypeConfiguration<AwardRule>,
    IEntityTypeConfiguration<Certificate>,
    IEntityTypeConfiguration<CertificateEvent>,
    IEntityTypeConfiguration<CertificateCounter>
{
    public void Configure(EntityTypeBuilder<AwardRule> e)
    {
        e.ToTable("AwardRules");
        e.Property(r => r.Code).HasMaxLength(50);
        e.Property(r => r.Title).HasMaxLength(100);
        e.Property(r => r.SerialKind).HasMaxLength(20);
        e.Property(r => r.SubjectTypes).HasMaxLength(200);
        e.Property(r => r.Reason).HasMaxLength(500);
        e.Property(r => r.Name).HasMaxLength(300);
        e.Property(r => r.HeldCode).HasMaxLength(50);
        e.Property(r => r.CreatedBy).HasMaxLength(256);
        e.Property(r => r.LimitPercent).HasPrecision(5, 2);
        e.Property(r => r.IsCurrent).HasDefaultValue(true);
        e.Property(r => r.Version).HasDefaultValue(1);
        e.HasIndex(r => new { r.Code, r.Version }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Certificate> e)
    {
        e.ToTable("Certificates");
        foreach (var p in new[] { nameof(Certificate.Number), nameof(Certificate.Title), nameof(Certificate.DecisionNumber) })
        {
            e.Property(p).HasMaxLength(100);
        }

        e.Property(c => c.RecipientName).HasMaxLength(300);
        e.Property(c => c.UnitName).HasMaxLength(300);
        e.Property(c => c.IssuerName).HasMaxLength(300);
        e.Property(c => c.Reason).HasMaxLength(500);
        e.Property(c => c.DateLine).HasMaxLength(200);
        e.Property(c => c.SignerTitle).HasMaxLength(200);
        e.Property(c => c.SignerName).HasMaxLength(200);
        e.Property(c => c.Code).HasMaxLength(40);
        e.Property(c => c.RevokedReason).HasMaxLength(1000);
        e.HasIndex(c => c.Code).IsUnique();
        // Re-issuing never duplicates; serials never repeat within an issuer's year.
        e.HasIndex(c => new { c.FileId, c.AwardRuleId, c.DecisionId }).IsUnique();
        e.Property(c => c.SerialKind).HasMaxLength(20).HasDefaultValue("GK");
        e.Property(c => c.TemplateKey).HasMaxLength(100).HasDefaultValue(CertificateLayout.Key);
        e.HasIndex(c => new { c.IssuerUnitId, c.Year, c.SerialKind, c.Serial }).IsUnique();
        e.HasIndex(c => c.DecisionId);
    }

    public void Configure(EntityTypeBuilder<CertificateEvent> e)
    {
        e.ToTable("CertificateEvents");
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.Actor).HasMaxLength(256);
        e.Property(x => x.ActorName).HasMaxLength(300);
        e.HasIndex(x => x.CertificateId);
    }

    public void Configure(EntityTypeBuilder<CertificateCounter> e)
    {
        e.ToTable("CertificateCounters");
        e.Property(c => c.SerialKind).HasMaxLength(20).HasDefaultValue("GK");
        e.HasKey(c => new { c.IssuerUnitId, c.Year, c.SerialKind });
    }
}

/// <summary>The awards tables as sets of the one context (C# extension members, so the context names no feature).</summary>
public static class AwardsTables
{
    extension(AppDbContext db)
    {
        public DbSet<AwardRule> AwardRules => db.Set<AwardRule>();
        public DbSet<Certificate> Certificates => db.Set<Certificate>();
        public DbSet<CertificateEvent> CertificateEvents => db.Set<CertificateEvent>();
        public DbSet<CertificateCounter> CertificateCounters => db.Set<CertificateCounter>();
        public DbSet<YearRating> YearRatings => db.Set<YearRating>();
        public DbSet<AwardRound> AwardRounds => db.Set<AwardRound>();
        public DbSet<AwardCandidate> AwardCandidates => db.Set<AwardCandidate>();
        public DbSet<AwardDecision> AwardDecisions => db.Set<AwardDecision>();
        public DbSet<AwardGrant> AwardGrants => db.Set<AwardGrant>();
        public DbSet<AwardProposal> AwardProposals => db.Set<AwardProposal>();
        public DbSet<TitleRound> TitleRounds => db.Set<TitleRound>();
        public DbSet<TitleLine> TitleLines => db.Set<TitleLine>();
    }
}
