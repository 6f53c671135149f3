using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;

namespace Workflow.Web.Mail;

/// <summary>The mail outbox. Applied by <see cref="AppDbContext"/>.</summary>
internal sealed class MailModel :
    IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("OutboxMessages");
        e.Property(m => m.ToAddress).HasMaxLength(320);
        e.Property(m => m.ToName).HasMaxLength(300);
        e.Property(m => m.UserName).HasMaxLength(256);
        e.Property(m => m.Subject).HasMaxLength(300);
        e.Property(m => m.DedupeKey).HasMaxLength(200);
        e.Property(m => m.LastError).HasMaxLength(1000);
        e.HasIndex(m => m.DedupeKey).IsUnique();
        e.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
        e.HasIndex(m => m.LockedBy);
    }
}
