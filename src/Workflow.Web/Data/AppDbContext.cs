using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Audit;
using Workflow.Web.Identity;
using Workflow.Web.Org;

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

    /// <summary>Set by bulk imports (demo seed) that write one summary audit row instead of one per entity.</summary>
    public bool SuppressAudit { get; set; }

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
}

/// <summary>The SQLite flavour (default, embedded). Owns the migrations under Data/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, RequestContext? request = null)
    : AppDbContext(options, request);

/// <summary>The PostgreSQL flavour (scale option). Owns the migrations under Data/Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, RequestContext? request = null)
    : AppDbContext(options, request);
