using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;

namespace Workflow.Web.Reminders;

/// <summary>Sent reminders: the unique key is the "never twice" guarantee. Applied by <see cref="AppDbContext"/>.</summary>
internal sealed class RemindersModel :
    IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> e)
    {
        e.ToTable("Reminders");
        e.Property(r => r.Rule).HasMaxLength(20);
        e.Property(r => r.UserName).HasMaxLength(256);
        e.Property(r => r.TaskName).HasMaxLength(300);
        e.Property(r => r.SubjectName).HasMaxLength(300);
        // The unique key is the "never twice" guarantee; (task, day) serves the scan's "not reminded today".
        e.HasIndex(r => new { r.TaskId, r.Rule, r.UserName }).IsUnique();
        e.HasIndex(r => new { r.TaskId, r.Day });
        e.HasIndex(r => r.ScanId);
        e.HasIndex(r => new { r.Email, r.UserName });
    }
}

/// <summary>The reminders tables as sets of the one context (C# extension members, so the context names no feature).</summary>
public static class RemindersTables
{
    extension(AppDbContext db)
    {
        public DbSet<Reminder> Reminders => db.Set<Reminder>();
    }
}
