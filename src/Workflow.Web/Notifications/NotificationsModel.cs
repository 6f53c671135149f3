using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;

namespace Workflow.Web.Notifications;

/// <summary>The bell's lines. Applied by <see cref="AppDbContext"/>.</summary>
internal sealed class NotificationsModel :
    IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.ToTable("Notifications");
        e.Property(n => n.UserName).HasMaxLength(256);
        e.Property(n => n.Text).HasMaxLength(Notification.MaxTextLength);
        e.Property(n => n.Link).HasMaxLength(500);
        // The bell: a user's unread count and latest lines.
        e.HasIndex(n => new { n.UserName, n.ReadAtUtc });
        e.HasIndex(n => new { n.UserName, n.Id });
    }
}
