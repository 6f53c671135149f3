using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Audit;
using Workflow.Web.Identity;
using Workflow.Web.Org;
using Workflow.Web.Processes;

namespace Workflow.Web.Data;

/// <summary>
/// The one database of the product: Identity, the organization tree and (later) the engine's state and the domain,
/// changed together in one transaction per command. Provider-specific subclasses exist only so that each provider has
/// its own migrations (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>).
/// </summary>
public class AppDbContext : IdentityDbContext<AppUser, AppRole, Guid>
{
    private readonly RequestContext _request;

    protected AppDbContext(DbContextOptions options, RequestContext? request) : base(options)
    {
        _request = request ?? new RequestContext();
    }

    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Committee> Committees => Set<Committee>();
    public DbSet<UnitMove> UnitMoves => Set<UnitMove>();
    public DbSet<PartyMember> Members => Set<PartyMember>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<WfDeployment> WfDeployments => Set<WfDeployment>();
    public DbSet<WfDefinition> WfDefinitions => Set<WfDefinition>();
    public DbSet<WfInstance> WfInstances => Set<WfInstance>();
    public DbSet<WfTask> WfTasks => Set<WfTask>();
    public DbSet<WfTaskAudience> WfTaskAudience => Set<WfTaskAudience>();
    public DbSet<WfTimer> WfTimers => Set<WfTimer>();
    public DbSet<WfSubscription> WfSubscriptions => Set<WfSubscription>();
    public DbSet<WfExternalTask> WfExternalTasks => Set<WfExternalTask>();
    public DbSet<WfIncident> WfIncidents => Set<WfIncident>();
    public DbSet<WfJournal> WfJournal => Set<WfJournal>();
    public DbSet<WfTimerJob> WfTimerJobs => Set<WfTimerJob>();
    public DbSet<WfStartTimer> WfStartTimers => Set<WfStartTimer>();
    public DbSet<Ratings.RuleSet> RuleSets => Set<Ratings.RuleSet>();
    public DbSet<Ratings.RatingRound> Rounds => Set<Ratings.RatingRound>();
    public DbSet<Ratings.RatingFile> Files => Set<Ratings.RatingFile>();
    public DbSet<Ratings.FileEvent> FileEvents => Set<Ratings.FileEvent>();
    public DbSet<Ratings.Discipline> Disciplines => Set<Ratings.Discipline>();
    public DbSet<Ratings.DegradationConclusion> DegradationConclusions => Set<Ratings.DegradationConclusion>();
    public DbSet<Ratings.Decision> Decisions => Set<Ratings.Decision>();
    public DbSet<Ratings.DecisionItem> DecisionItems => Set<Ratings.DecisionItem>();
    public DbSet<Templates.DocumentTemplate> DocumentTemplates => Set<Templates.DocumentTemplate>();
    public DbSet<Inbox.InboxSavedView> InboxSavedViews => Set<Inbox.InboxSavedView>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Awards.AwardRule> AwardRules => Set<Awards.AwardRule>();
    public DbSet<Awards.Certificate> Certificates => Set<Awards.Certificate>();
    public DbSet<Awards.CertificateEvent> CertificateEvents => Set<Awards.CertificateEvent>();
    public DbSet<global::Workflow.Web.Reminders.Reminder> Reminders => Set<global::Workflow.Web.Reminders.Reminder>();
    public DbSet<Mail.OutboxMessage> OutboxMessages => Set<Mail.OutboxMessage>();
    public DbSet<Meetings.MeetingSheet> MeetingSheets => Set<Meetings.MeetingSheet>();
    public DbSet<Meetings.MeetingPeriod> MeetingPeriods => Set<Meetings.MeetingPeriod>();
    public DbSet<Meetings.MeetingScore> MeetingScores => Set<Meetings.MeetingScore>();
    public DbSet<Awards.CertificateCounter> CertificateCounters => Set<Awards.CertificateCounter>();
    public DbSet<Designer.ProcessDraft> ProcessDrafts => Set<Designer.ProcessDraft>();
    public DbSet<Designer.FormDefinition> FormDefinitions => Set<Designer.FormDefinition>();

    private int _auditSuppressions;

    /// <summary>True inside a <see cref="WithoutAudit"/> scope.</summary>
    public bool AuditSuppressed => _auditSuppressions > 0;

    /// <summary>
    /// Bulk work that writes one summary audit row instead of one per entity (the demo seed, a round's files, a batch of
    /// certificates) runs inside <c>using (db.WithoutAudit()) { … }</c>: auditing is back on when the scope ends,
    /// whatever happens inside it. Scopes nest.
    /// </summary>
    public IDisposable WithoutAudit()
    {
        _auditSuppressions++;
        return new AuditScope(this);
    }

    private sealed class AuditScope(AppDbContext db) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                db._auditSuppressions--;
            }
        }
    }

    // The global query filters read these per query (EF Core parameterizes context members).
    private bool ScopeUnrestricted => _request.Scope.Unrestricted;
    private string? ScopePath => _request.Scope.UnitPath;
    private Guid? ScopeMemberId => _request.Scope.MemberId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(e =>
        {
            e.Property(u => u.FullName).HasMaxLength(200);
            e.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(u => u.UnitId);
        });

        builder.Entity<Unit>(e =>
        {
            e.ToTable("Units");
            e.Property(u => u.Name).HasMaxLength(300);
            e.Property(u => u.Code).HasMaxLength(50);
            e.Property(u => u.SearchName).HasMaxLength(300);
            e.Property(u => u.Path).HasMaxLength(1000);
            e.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(u => u.Path);
            e.HasIndex(u => new { u.ParentId, u.SortOrder });
            e.HasQueryFilter(u => ScopeUnrestricted || (ScopePath != null && u.Path.StartsWith(ScopePath)));
        });

        builder.Entity<Committee>(e =>
        {
            e.ToTable("Committees");
            e.Property(c => c.Name).HasMaxLength(300);
            e.HasOne(c => c.Unit).WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => new { c.UnitId, c.Kind }).IsUnique();
            e.HasQueryFilter(c => ScopeUnrestricted || (ScopePath != null && c.Unit!.Path.StartsWith(ScopePath)));
        });

        builder.Entity<UnitMove>(e =>
        {
            e.ToTable("UnitMoves");
            e.Property(m => m.RecordedBy).HasMaxLength(256);
            e.HasIndex(m => m.UnitId);
        });

        builder.Entity<PartyMember>(e =>
        {
            e.ToTable("Members");
            e.Property(m => m.FullName).HasMaxLength(200);
            e.Property(m => m.SearchName).HasMaxLength(200);
            e.Property(m => m.Position).HasMaxLength(300);
            e.HasOne(m => m.Unit).WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(m => new { m.UnitId, m.SearchName });
            e.HasIndex(m => m.SearchName);
            e.HasQueryFilter(m => ScopeUnrestricted
                || (ScopePath != null && m.Unit!.Path.StartsWith(ScopePath)
                    && (ScopeMemberId == null || m.Id == ScopeMemberId)));
        });

        builder.Entity<Meetings.MeetingSheet>(e =>
        {
            e.ToTable("MeetingSheets");
            e.Property(m => m.SavedBy).HasMaxLength(256);
            e.HasIndex(m => m.Version).IsUnique();
        });
        builder.Entity<Meetings.MeetingPeriod>(e =>
        {
            e.ToTable("MeetingPeriods");
            e.Property(m => m.OpenedBy).HasMaxLength(256);
            e.Ignore(m => m.Quarter);
            e.Ignore(m => m.Label);
            // One period per first month: the recurring job, a second node and an admin cannot open it twice.
            e.HasIndex(m => new { m.Year, m.Month }).IsUnique();
        });
        builder.Entity<Meetings.MeetingScore>(e =>
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
            e.HasQueryFilter(m => ScopeUnrestricted || (ScopePath != null && m.UnitPath.StartsWith(ScopePath)));
        });
        ConfigureEngine(builder);
        ConfigureRatings(builder);

        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.Property(a => a.ActorName).HasMaxLength(256);
            e.Property(a => a.EntityType).HasMaxLength(100);
            e.Property(a => a.EntityId).HasMaxLength(100);
            e.Property(a => a.Label).HasMaxLength(300);
            e.HasIndex(a => a.AtUtc);
            e.HasIndex(a => new { a.EntityType, a.EntityId });
            e.HasIndex(a => a.ActorId);
        });
    }

    /// <summary>
    /// Rounds, files, decisions. Files and disciplines carry their unit's path so the data scope filters them like
    /// units; a round is visible in its deciding unit's subtree and to the units above it.
    /// </summary>
    private void ConfigureRatings(ModelBuilder builder)
    {
        builder.Entity<Ratings.RuleSet>(e =>
        {
            e.ToTable("RuleSets");
            e.Property(r => r.Code).HasMaxLength(50);
            e.Property(r => r.Name).HasMaxLength(300);
            e.Property(r => r.CreatedBy).HasMaxLength(256);
            e.HasIndex(r => new { r.Code, r.Version }).IsUnique();
        });
        builder.Entity<Ratings.RatingRound>(e =>
        {
            e.ToTable("Rounds");
            e.Property(r => r.Name).HasMaxLength(300);
            e.Property(r => r.DecidingUnitPath).HasMaxLength(1000);
            e.Property(r => r.SubjectTypes).HasMaxLength(200);
            e.Property(r => r.DefinitionKey).HasMaxLength(200);
            e.Property(r => r.CreatedBy).HasMaxLength(256);
            e.HasOne(r => r.RuleSet).WithMany().HasForeignKey(r => r.RuleSetId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => new { r.Year, r.DecidingUnitId });
            e.HasQueryFilter(r => ScopeUnrestricted
                || (ScopePath != null && (r.DecidingUnitPath.StartsWith(ScopePath) || ScopePath.StartsWith(r.DecidingUnitPath))));
        });
        builder.Entity<Ratings.RatingFile>(e =>
        {
            e.ToTable("Files");
            e.Property(f => f.SubjectName).HasMaxLength(300);
            e.Property(f => f.SearchName).HasMaxLength(300);
            e.Property(f => f.UnitPath).HasMaxLength(1000);
            e.Property(f => f.FormCode).HasMaxLength(50);
            e.Property(f => f.CapFacts).HasMaxLength(200);
            e.Property(f => f.Points).HasPrecision(6, 2);
            e.Property(f => f.Version).IsConcurrencyToken();
            e.HasOne(f => f.Round).WithMany().HasForeignKey(f => f.RoundId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(f => new { f.RoundId, f.DecidingUnitId, f.SubjectType, f.Status });
            // Only what the pages and commands query: every index costs when a round of 75,000 opens.
            e.HasIndex(f => f.MemberId);
            e.HasIndex(f => f.InstanceId); // the inbox joins tasks to their files
            e.HasQueryFilter(f => ScopeUnrestricted
                || (ScopePath != null && f.UnitPath.StartsWith(ScopePath) && (ScopeMemberId == null || f.MemberId == ScopeMemberId)));
        });
        builder.Entity<Ratings.FileEvent>(e =>
        {
            e.ToTable("FileEvents");
            e.Property(f => f.Actor).HasMaxLength(256);
            e.Property(f => f.ActorName).HasMaxLength(256);
            e.HasIndex(f => new { f.FileId, f.AtUtc });
        });
        builder.Entity<Ratings.Discipline>(e =>
        {
            e.ToTable("Disciplines");
            e.Property(d => d.UnitPath).HasMaxLength(1000);
            e.Property(d => d.Note).HasMaxLength(2000);
            e.Property(d => d.RecordedBy).HasMaxLength(256);
            e.HasIndex(d => new { d.Year, d.UnitPath });
            e.HasIndex(d => d.MemberId);
            e.HasQueryFilter(d => ScopeUnrestricted || (ScopePath != null && d.UnitPath.StartsWith(ScopePath)));
        });
        builder.Entity<Ratings.DegradationConclusion>(e =>
        {
            e.ToTable("DegradationConclusions");
            e.Property(c => c.UnitPath).HasMaxLength(1000);
            e.Property(c => c.RecordedBy).HasMaxLength(256);
            e.HasIndex(c => new { c.Year, c.MemberId });
            e.HasIndex(c => new { c.Year, c.UnitId });
            e.HasQueryFilter(c => ScopeUnrestricted || (ScopePath != null && c.UnitPath.StartsWith(ScopePath)));
        });
        builder.Entity<Ratings.Decision>(e =>
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
            e.HasQueryFilter(d => ScopeUnrestricted || (ScopePath != null
                && (Units.Any(u => u.Id == d.DecidingUnitId && u.Path.StartsWith(ScopePath))
                    || DecisionItems.Any(i => i.DecisionId == d.Id && Files.Any(f => f.Id == i.FileId && f.UnitPath.StartsWith(ScopePath)
                        && (ScopeMemberId == null || f.MemberId == ScopeMemberId))))));
        });
        builder.Entity<Ratings.Evidence>(e =>
        {
            e.ToTable("Evidence");
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StoragePath).HasMaxLength(300);
            e.Property(x => x.UploadedBy).HasMaxLength(256);
            e.Property(x => x.RemovedBy).HasMaxLength(256);
            e.HasIndex(x => x.FileId);
        });
        builder.Entity<Templates.DocumentTemplate>(e =>
        {
            e.ToTable("DocumentTemplates");
            e.Property(t => t.Key).HasMaxLength(100);
            e.Property(t => t.SavedBy).HasMaxLength(256);
            e.HasIndex(t => new { t.Key, t.Version }).IsUnique();
        });
        builder.Entity<Awards.AwardRule>(e =>
        {
            e.ToTable("AwardRules");
            e.Property(r => r.Code).HasMaxLength(50);
            e.Property(r => r.Title).HasMaxLength(100);
            e.Property(r => r.SerialKind).HasMaxLength(20);
            e.Property(r => r.SubjectTypes).HasMaxLength(200);
            e.Property(r => r.Reason).HasMaxLength(500);
            e.HasIndex(r => r.Code).IsUnique();
        });
        builder.Entity<Awards.Certificate>(e =>
        {
            e.ToTable("Certificates");
            foreach (var p in new[] { nameof(Awards.Certificate.Number), nameof(Awards.Certificate.Title), nameof(Awards.Certificate.DecisionNumber) })
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
            e.HasIndex(c => new { c.IssuerUnitId, c.Year, c.Serial }).IsUnique();
            e.HasIndex(c => c.DecisionId);
        });
        builder.Entity<Awards.CertificateEvent>(e =>
        {
            e.ToTable("CertificateEvents");
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.Actor).HasMaxLength(256);
            e.Property(x => x.ActorName).HasMaxLength(300);
            e.HasIndex(x => x.CertificateId);
        });
        builder.Entity<Awards.CertificateCounter>(e =>
        {
            e.ToTable("CertificateCounters");
            e.HasKey(c => new { c.IssuerUnitId, c.Year });
        });
        builder.Entity<Inbox.InboxSavedView>(e =>
        {
            e.ToTable("InboxSavedViews");
            e.Property(v => v.UserName).HasMaxLength(256);
            e.Property(v => v.Name).HasMaxLength(100);
            e.Property(v => v.Query).HasMaxLength(2000);
            e.HasIndex(v => new { v.UserName, v.Name }).IsUnique();
        });
        builder.Entity<Notifications.Notification>(e =>
        {
            e.ToTable("Notifications");
            e.Property(n => n.UserName).HasMaxLength(256);
            e.Property(n => n.Text).HasMaxLength(500);
            e.Property(n => n.Link).HasMaxLength(500);
            // The bell: a user's unread count and latest lines.
            e.HasIndex(n => new { n.UserName, n.ReadAtUtc });
            e.HasIndex(n => new { n.UserName, n.Id });
        });
        builder.Entity<Ratings.DecisionItem>(e =>
        {
            e.ToTable("DecisionItems");
            e.Property(d => d.Reason).HasMaxLength(2000);
            e.HasIndex(d => new { d.DecisionId, d.Order });
            e.HasIndex(d => d.FileId);
        });
    }

    /// <summary>The engine's tables (see Processes/ProcessEntities.cs): indexes serve the inbox, timers and workers.</summary>
    private static void ConfigureEngine(ModelBuilder builder)
    {
        builder.Entity<WfDeployment>(e => e.Property(d => d.Name).HasMaxLength(300));
        builder.Entity<WfDefinition>(e =>
        {
            e.Property(d => d.Id).HasMaxLength(200);
            e.Property(d => d.Key).HasMaxLength(200);
            e.Property(d => d.Hash).HasMaxLength(64);
            e.HasIndex(d => new { d.Key, d.Version }).IsUnique();
        });
        builder.Entity<WfInstance>(e =>
        {
            e.Property(i => i.DefinitionId).HasMaxLength(200);
            e.Property(i => i.DefinitionKey).HasMaxLength(200);
            e.Property(i => i.BusinessKey).HasMaxLength(300);
            e.Property(i => i.Version).IsConcurrencyToken();
            e.HasIndex(i => i.BusinessKey);
            e.HasIndex(i => i.DefinitionId);
        });
        builder.Entity<WfTask>(e =>
        {
            e.Property(t => t.ElementId).HasMaxLength(200);
            e.Property(t => t.Assignee).HasMaxLength(256);
            e.Property(t => t.DefinitionKey).HasMaxLength(200);
            e.Property(t => t.DefinitionId).HasMaxLength(200);
            // The inbox adds the indexes its queries need; these serve saves (by instance) and deadline scans.
            e.HasIndex(t => t.InstanceId);
            e.HasIndex(t => t.DueAtUtc);
        });
        builder.Entity<Designer.ProcessDraft>(e =>
        {
            e.ToTable("ProcessDrafts");
            e.Property(d => d.Key).HasMaxLength(200);
            e.Property(d => d.Name).HasMaxLength(300);
            e.Property(d => d.SavedBy).HasMaxLength(256);
            e.HasIndex(d => d.Key).IsUnique();
        });
        builder.Entity<Designer.FormDefinition>(e =>
        {
            e.ToTable("FormDefinitions");
            e.Property(f => f.Key).HasMaxLength(100);
            e.Property(f => f.Name).HasMaxLength(300);
            e.Property(f => f.SavedBy).HasMaxLength(256);
            e.HasIndex(f => new { f.Key, f.Version }).IsUnique();
        });
        builder.Entity<global::Workflow.Web.Reminders.Reminder>(e =>
        {
            e.Property(r => r.Rule).HasMaxLength(20);
            e.Property(r => r.UserName).HasMaxLength(256);
            e.Property(r => r.TaskName).HasMaxLength(300);
            e.Property(r => r.SubjectName).HasMaxLength(300);
            // The unique key is the "never twice" guarantee; (task, day) serves the scan's "not reminded today".
            e.HasIndex(r => new { r.TaskId, r.Rule, r.UserName }).IsUnique();
            e.HasIndex(r => new { r.TaskId, r.Day });
            e.HasIndex(r => r.ScanId);
            e.HasIndex(r => new { r.Email, r.UserName });
        });
        builder.Entity<Mail.OutboxMessage>(e =>
        {
            e.Property(m => m.ToAddress).HasMaxLength(320);
            e.Property(m => m.ToName).HasMaxLength(300);
            e.Property(m => m.UserName).HasMaxLength(256);
            e.Property(m => m.Subject).HasMaxLength(300);
            e.Property(m => m.DedupeKey).HasMaxLength(200);
            e.Property(m => m.LastError).HasMaxLength(1000);
            e.HasIndex(m => m.DedupeKey).IsUnique();
            e.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
            e.HasIndex(m => m.LockedBy);
        });
        builder.Entity<WfTaskAudience>(e =>
        {
            e.ToTable("WfTaskAudience");
            e.HasKey(a => new { a.Principal, a.TaskId });
            e.Property(a => a.Principal).HasMaxLength(300);
            e.HasIndex(a => a.InstanceId);
        });
        builder.Entity<WfTimer>(e =>
        {
            e.Property(t => t.Id).HasMaxLength(300);
            e.HasIndex(t => t.DueAtUtc);
            e.HasIndex(t => t.InstanceId);
        });
        builder.Entity<WfSubscription>(e =>
        {
            e.Property(s => s.MessageName).HasMaxLength(200);
            e.HasIndex(s => new { s.MessageName, s.BusinessKey });
            e.HasIndex(s => s.InstanceId);
        });
        builder.Entity<WfExternalTask>(e =>
        {
            e.Property(t => t.Topic).HasMaxLength(200);
            e.Property(t => t.WorkerId).HasMaxLength(256);
            e.HasIndex(t => new { t.Topic, t.Priority });
            e.HasIndex(t => t.InstanceId);
        });
        builder.Entity<WfIncident>(e =>
        {
            e.Property(i => i.Type).HasMaxLength(100);
            e.HasIndex(i => i.InstanceId);
        });
        builder.Entity<WfJournal>(e =>
        {
            e.HasIndex(j => new { j.InstanceId, j.AtUtc });
        });
        builder.Entity<WfStartTimer>(e =>
        {
            e.Property(t => t.Id).HasMaxLength(300);
            e.Property(t => t.DefinitionKey).HasMaxLength(200);
            e.HasIndex(t => t.DefinitionKey);
        });
        builder.Entity<WfTimerJob>(e =>
        {
            e.HasKey(j => j.TimerId);
            e.Property(j => j.TimerId).HasMaxLength(300);
            e.Property(j => j.JobId).HasMaxLength(100);
        });
    }
}

/// <summary>The SQLite flavour (default, embedded). Owns the migrations under Data/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, RequestContext? request = null)
    : AppDbContext(options, request)
{
    /// <summary>
    /// GUIDs as 16-byte BLOBs in big-endian order (not EF's default 36-character text): rows and indexes are much
    /// smaller, and the byte order keeps version-7 keys sorted by time, so inserts append to the index.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<Guid>().HaveConversion<GuidBigEndianBytes>().HaveColumnType("BLOB");
    }
}

/// <summary>A GUID as its 16 bytes in big-endian (RFC 9562) order, which sorts version-7 GUIDs by time.</summary>
public sealed class GuidBigEndianBytes() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<Guid, byte[]>(
    g => g.ToByteArray(true), b => new Guid(b, true))
{
    public static byte[] ToBytes(Guid id) => id.ToByteArray(true);
}

/// <summary>The PostgreSQL flavour (scale option). Owns the migrations under Data/Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, RequestContext? request = null)
    : AppDbContext(options, request);
