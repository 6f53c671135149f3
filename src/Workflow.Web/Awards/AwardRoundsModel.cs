using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;

namespace Workflow.Web.Awards;

/// <summary>
/// The achievement record and the award rounds. Every row naming a subject carries its unit's path, so the data scope
/// filters it like the files; a round is visible in its issuer's subtree and to the units above. Applied by <see cref="AppDbContext"/>.
/// </summary>
internal sealed class AwardRoundsModel(AppDbContext db) :
    IEntityTypeConfiguration<YearRating>,
    IEntityTypeConfiguration<AwardRound>,
    IEntityTypeConfiguration<AwardCandidate>,
    IEntityTypeConfiguration<AwardDecision>,
    IEntityTypeConfiguration<AwardGrant>,
    IEntityTypeConfiguration<AwardProposal>,
    IEntityTypeConfiguration<TitleRound>,
    IEntityTypeConfiguration<TitleLine>
{
    public void Configure(EntityTypeBuilder<YearRating> e)
    {
        e.ToTable("YearRatings");
        e.Property(y => y.SubjectName).HasMaxLength(300);
        e.Property(y => y.UnitPath).HasMaxLength(1000);
        e.Property(y => y.DecisionNumber).HasMaxLength(100);
        // One rating per subject and year; streaks group by subject over a range of years at one level.
        e.HasIndex(y => new { y.SubjectType, y.SubjectId, y.Year }).IsUnique();
        e.HasIndex(y => new { y.Year, y.Level, y.SubjectType });
        // The report's freshness check: per year, how many ratings and the latest recorded (read from the index alone).
        e.HasIndex(y => new { y.Year, y.RecordedAtUtc });
        e.HasIndex(y => y.DecisionId);
        e.HasQueryFilter(y => db.ScopeUnrestricted || (db.ScopePath != null && y.UnitPath.StartsWith(db.ScopePath)
            && (db.ScopeMemberId == null || y.SubjectId == db.ScopeMemberId)));
    }

    public void Configure(EntityTypeBuilder<AwardRound> e)
    {
        e.ToTable("AwardRounds");
        e.Property(r => r.IssuerPath).HasMaxLength(1000);
        e.Property(r => r.IssuerName).HasMaxLength(300);
        e.Property(r => r.ReturnReason).HasMaxLength(2000);
        e.Property(r => r.CreatedBy).HasMaxLength(256);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.HasIndex(r => new { r.IssuerUnitId, r.Year }).IsUnique();
        e.HasQueryFilter(r => db.ScopeUnrestricted
            || (db.ScopePath != null && (r.IssuerPath.StartsWith(db.ScopePath) || db.ScopePath.StartsWith(r.IssuerPath))));
    }

    public void Configure(EntityTypeBuilder<AwardCandidate> e)
    {
        e.ToTable("AwardCandidates");
        e.Property(c => c.SubjectName).HasMaxLength(300);
        e.Property(c => c.UnitName).HasMaxLength(300);
        e.Property(c => c.UnitPath).HasMaxLength(1000);
        e.Property(c => c.Basis).HasMaxLength(1000);
        e.Property(c => c.NominatedBy).HasMaxLength(256);
        e.Property(c => c.ProposalReason).HasMaxLength(2000);
        e.HasIndex(c => new { c.RoundId, c.AwardRuleId, c.SubjectType, c.SubjectId }).IsUnique();
        e.HasQueryFilter(c => db.ScopeUnrestricted || (db.ScopePath != null && c.UnitPath.StartsWith(db.ScopePath)));
    }

    public void Configure(EntityTypeBuilder<AwardDecision> e)
    {
        e.ToTable("AwardDecisions");
        e.Property(d => d.Number).HasMaxLength(100);
        e.Property(d => d.SignerName).HasMaxLength(200);
        e.Property(d => d.SignerTitle).HasMaxLength(200);
        e.Property(d => d.CreatedBy).HasMaxLength(256);
        e.HasIndex(d => new { d.IssuerUnitId, d.Number }).IsUnique();
        e.HasIndex(d => d.RoundId).IsUnique();
    }

    public void Configure(EntityTypeBuilder<AwardGrant> e)
    {
        e.ToTable("AwardGrants");
        e.Property(g => g.SubjectName).HasMaxLength(300);
        e.Property(g => g.UnitName).HasMaxLength(300);
        e.Property(g => g.UnitPath).HasMaxLength(1000);
        e.Property(g => g.Reason).HasMaxLength(500);
        e.HasIndex(g => new { g.AwardDecisionId, g.AwardRuleId, g.SubjectType, g.SubjectId }).IsUnique();
        e.HasIndex(g => new { g.SubjectType, g.SubjectId });
        e.HasIndex(g => new { g.Year, g.UnitPath });
        e.HasQueryFilter(g => db.ScopeUnrestricted || (db.ScopePath != null && g.UnitPath.StartsWith(db.ScopePath)
            && (db.ScopeMemberId == null || g.SubjectId == db.ScopeMemberId)));
    }

    public void Configure(EntityTypeBuilder<AwardProposal> e)
    {
        e.ToTable("AwardProposals");
        e.Property(p => p.FromUnitName).HasMaxLength(300);
        e.Property(p => p.ToUnitName).HasMaxLength(300);
        e.Property(p => p.FromPath).HasMaxLength(1000);
        e.Property(p => p.ToPath).HasMaxLength(1000);
        e.Property(p => p.FromDecisionNumber).HasMaxLength(100);
        e.Property(p => p.ReturnReason).HasMaxLength(2000);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasIndex(p => p.FromRoundId).IsUnique();
        e.HasIndex(p => new { p.ToUnitId, p.Year });
        // The proposing committee's subtree and the units above it (the province) see it.
        e.HasQueryFilter(p => db.ScopeUnrestricted
            || (db.ScopePath != null && (p.FromPath.StartsWith(db.ScopePath) || db.ScopePath.StartsWith(p.FromPath))));
    }

    public void Configure(EntityTypeBuilder<TitleRound> e)
    {
        e.ToTable("TitleRounds");
        e.Property(r => r.UnitPath).HasMaxLength(1000);
        e.Property(r => r.UnitName).HasMaxLength(300);
        e.Property(r => r.Number).HasMaxLength(100);
        e.Property(r => r.SignerName).HasMaxLength(200);
        e.Property(r => r.SignerTitle).HasMaxLength(200);
        e.Property(r => r.CreatedBy).HasMaxLength(256);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.HasIndex(r => new { r.UnitId, r.Year }).IsUnique();
        e.HasQueryFilter(r => db.ScopeUnrestricted
            || (db.ScopePath != null && (r.UnitPath.StartsWith(db.ScopePath) || db.ScopePath.StartsWith(r.UnitPath))));
    }

    public void Configure(EntityTypeBuilder<TitleLine> e)
    {
        e.ToTable("TitleLines");
        e.Property(l => l.SubjectName).HasMaxLength(300);
        e.Property(l => l.UnitPath).HasMaxLength(1000);
        e.HasIndex(l => new { l.RoundId, l.Title, l.SubjectId }).IsUnique();
        e.HasIndex(l => new { l.SubjectType, l.SubjectId });
        e.HasIndex(l => new { l.Year, l.UnitPath });
        e.HasQueryFilter(l => db.ScopeUnrestricted || (db.ScopePath != null && l.UnitPath.StartsWith(db.ScopePath)
            && (db.ScopeMemberId == null || l.SubjectId == db.ScopeMemberId)));
    }
}
