using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Audit;
using Workflow.Web.Identity;
using Workflow.Web.Mail;
using Workflow.Web.Notifications;
using Workflow.Web.Org;
using Workflow.Web.Templates;
namespace Workflow.Web.Data;

/// <summary>
/// The one database of the product: Identity, the organization tree, the engine's state and every feature's records,
/// changed together in one transaction per command. The context names only the platform's tables; each folder
/// configures its own entities (<see cref="OnModelCreating"/>) and adds its sets as extension members. Provider-specific subclasses exist only so that each provider has
/// its own migrations (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>).
/// </summary>
public class AppDbContext : IdentityDbContext<AppUser, AppRole, Guid>, IDataProtectionKeyContext
{
    private readonly RequestContext _request;

    protected AppDbContext(DbContextOptions options, RequestContext? request) : base(options)
    {
        _request = request ?? new RequestContext();
    }

    // The platform's tables. Each feature adds its own as extension members next to its entities (e.g. RatingsTables).
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Committee> Committees => Set<Committee>();
    public DbSet<UnitMove> UnitMoves => Set<UnitMove>();
    public DbSet<PartyMember> Members => Set<PartyMember>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DocumentTemplate> DocumentTemplates => Set<DocumentTemplate>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>The data-protection key ring shared by every node (cookies, antiforgery tokens).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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

    // The global query filters read these per query: EF Core replaces the context a filter names with the context
    // running the query, so the feature models (which receive the context) filter by the current user's scope.
    internal bool ScopeUnrestricted => _request.Scope.Unrestricted;
    internal string? ScopePath => _request.Scope.UnitPath;
    internal Guid? ScopeMemberId => _request.Scope.MemberId;

    /// <summary>
    /// Identity's tables, then every folder's entity configuration: each class of this assembly that implements
    /// <see cref="IEntityTypeConfiguration{TEntity}"/> (one per folder, e.g. Ratings/RatingsModel.cs, for all the folder's
    /// entities), created with this context when its constructor takes one (for the data-scope filters).
    /// </summary>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        var apply = typeof(ModelBuilder).GetMethods().Single(m => m.Name == nameof(ModelBuilder.ApplyConfiguration)
            && m.GetParameters()[0].ParameterType.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>));
        foreach (var type in FeatureModels)
        {
            var model = type.GetConstructor([typeof(AppDbContext)]) is { } withContext
                ? withContext.Invoke([this])
                : Activator.CreateInstance(type, nonPublic: true)!;
            foreach (var entity in type.GetInterfaces()
                         .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>))
                         .Select(i => i.GenericTypeArguments[0]))
            {
                apply.MakeGenericMethod(entity).Invoke(builder, [model]);
            }
        }
    }

    private static readonly Type[] FeatureModels = typeof(AppDbContext).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
            && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();
}
