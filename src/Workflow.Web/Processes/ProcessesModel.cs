using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;

namespace Workflow.Web.Processes;

/// <summary>The engine's tables (see ProcessEntities.cs): indexes serve the inbox, timers and workers. Applied by <see cref="AppDbContext"/>.</summary>
internal sealed class ProcessesModel :
    IEntityTypeConfiguration<WfDeployment>,
    IEntityTypeConfiguration<WfDefinition>,
    IEntityTypeConfiguration<WfInstance>,
    IEntityTypeConfiguration<WfTask>,
    IEntityTypeConfiguration<WfTaskAudience>,
    IEntityTypeConfiguration<WfTimer>,
    IEntityTypeConfiguration<WfSubscription>,
    IEntityTypeConfiguration<WfExternalTask>,
    IEntityTypeConfiguration<WfIncident>,
    IEntityTypeConfiguration<WfJournal>,
    IEntityTypeConfiguration<WfStartTimer>,
    IEntityTypeConfiguration<WfTimerJob>
{
    public void Configure(EntityTypeBuilder<WfDeployment> e)
    {
        e.ToTable("WfDeployments");
        e.Property(d => d.Name).HasMaxLength(300);
    }

    public void Configure(EntityTypeBuilder<WfDefinition> e)
    {
        e.ToTable("WfDefinitions");
        e.Property(d => d.Id).HasMaxLength(200);
        e.Property(d => d.Key).HasMaxLength(200);
        e.Property(d => d.Hash).HasMaxLength(64);
        e.HasIndex(d => new { d.Key, d.Version }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<WfInstance> e)
    {
        e.ToTable("WfInstances");
        e.Property(i => i.DefinitionId).HasMaxLength(200);
        e.Property(i => i.DefinitionKey).HasMaxLength(200);
        e.Property(i => i.BusinessKey).HasMaxLength(300);
        e.Property(i => i.Version).IsConcurrencyToken();
        e.HasIndex(i => i.BusinessKey);
        e.HasIndex(i => i.DefinitionId);
    }

    public void Configure(EntityTypeBuilder<WfTask> e)
    {
        e.ToTable("WfTasks");
        e.Property(t => t.ElementId).HasMaxLength(200);
        e.Property(t => t.Assignee).HasMaxLength(256);
        e.Property(t => t.DefinitionKey).HasMaxLength(200);
        e.Property(t => t.DefinitionId).HasMaxLength(200);
        // The inbox adds the indexes its queries need; these serve saves (by instance) and deadline scans.
        e.HasIndex(t => t.InstanceId);
        e.HasIndex(t => t.DueAtUtc);
    }

    public void Configure(EntityTypeBuilder<WfTaskAudience> e)
    {
        e.ToTable("WfTaskAudience");
        e.HasKey(a => new { a.Principal, a.TaskId });
        e.Property(a => a.Principal).HasMaxLength(300);
        e.HasIndex(a => a.InstanceId);
    }

    public void Configure(EntityTypeBuilder<WfTimer> e)
    {
        e.ToTable("WfTimers");
        e.Property(t => t.Id).HasMaxLength(300);
        e.HasIndex(t => t.DueAtUtc);
        e.HasIndex(t => t.InstanceId);
    }

    public void Configure(EntityTypeBuilder<WfSubscription> e)
    {
        e.ToTable("WfSubscriptions");
        e.Property(s => s.MessageName).HasMaxLength(200);
        e.HasIndex(s => new { s.MessageName, s.BusinessKey });
        e.HasIndex(s => s.InstanceId);
    }

    public void Configure(EntityTypeBuilder<WfExternalTask> e)
    {
        e.ToTable("WfExternalTasks");
        e.Property(t => t.Topic).HasMaxLength(200);
        e.Property(t => t.WorkerId).HasMaxLength(256);
        e.HasIndex(t => new { t.Topic, t.Priority });
        e.HasIndex(t => t.InstanceId);
    }

    public void Configure(EntityTypeBuilder<WfIncident> e)
    {
        e.ToTable("WfIncidents");
        e.Property(i => i.Type).HasMaxLength(100);
        e.HasIndex(i => i.InstanceId);
    }

    public void Configure(EntityTypeBuilder<WfJournal> e)
    {
        e.ToTable("WfJournal");
        e.HasIndex(j => new { j.InstanceId, j.AtUtc });
    }

    public void Configure(EntityTypeBuilder<WfStartTimer> e)
    {
        e.ToTable("WfStartTimers");
        e.Property(t => t.Id).HasMaxLength(300);
        e.Property(t => t.DefinitionKey).HasMaxLength(200);
        e.HasIndex(t => t.DefinitionKey);
    }

    public void Configure(EntityTypeBuilder<WfTimerJob> e)
    {
        e.ToTable("WfTimerJobs");
        e.HasKey(j => j.TimerId);
        e.Property(j => j.TimerId).HasMaxLength(300);
        e.Property(j => j.JobId).HasMaxLength(100);
    }
}

/// <summary>The processes tables as sets of the one context (C# extension members, so the context names no feature).</summary>
public static class ProcessesTables
{
    extension(AppDbContext db)
    {
        public DbSet<WfDeployment> WfDeployments => db.Set<WfDeployment>();
        public DbSet<WfDefinition> WfDefinitions => db.Set<WfDefinition>();
        public DbSet<WfInstance> WfInstances => db.Set<WfInstance>();
        public DbSet<WfTask> WfTasks => db.Set<WfTask>();
        public DbSet<WfTaskAudience> WfTaskAudience => db.Set<WfTaskAudience>();
        public DbSet<WfTimer> WfTimers => db.Set<WfTimer>();
        public DbSet<WfSubscription> WfSubscriptions => db.Set<WfSubscription>();
        public DbSet<WfExternalTask> WfExternalTasks => db.Set<WfExternalTask>();
        public DbSet<WfIncident> WfIncidents => db.Set<WfIncident>();
        public DbSet<WfJournal> WfJournal => db.Set<WfJournal>();
        public DbSet<WfTimerJob> WfTimerJobs => db.Set<WfTimerJob>();
        public DbSet<WfStartTimer> WfStartTimers => db.Set<WfStartTimer>();
    }
}
