using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Org;

namespace Workflow.Web.Audit;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every added, modified or deleted <see cref="IAudited"/> entity in the same
/// SaveChanges (so in the same transaction). Secrets (password hashes, stamps) are never copied into the log.
/// </summary>
public sealed class AuditInterceptor(RequestContext request, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<string> Secret =
    [
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp),
        nameof(Unit.SearchName), nameof(PartyMember.SearchName),
    ];

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddEntries(DbContext? context)
    {
        if (context is not AppDbContext db || db.AuditSuppressed)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var entries = new List<AuditEntry>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is not IAudited)
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Create,
                EntityState.Modified => AuditAction.Update,
                EntityState.Deleted => AuditAction.Delete,
                _ => (AuditAction?)null,
            };
            if (action is null)
            {
                continue;
            }

            var (before, after) = Snapshot(entry, action.Value);
            if (action == AuditAction.Update && before.Count == 0)
            {
                continue;
            }

            entries.Add(new AuditEntry
            {
                AtUtc = now,
                ActorId = request.ActorId,
                ActorName = request.ActorName,
                Action = action.Value,
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties
                    .Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture))),
                Label = LabelOf(entry.Entity),
                Before = before.Count == 0 ? null : JsonSerializer.Serialize(before, Json),
                After = after.Count == 0 ? null : JsonSerializer.Serialize(after, Json),
            });
        }

        db.AuditEntries.AddRange(entries);
    }

    private static (Dictionary<string, object?> Before, Dictionary<string, object?> After) Snapshot(
        EntityEntry entry, AuditAction action)
    {
        var before = new Dictionary<string, object?>();
        var after = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Secret.Contains(name))
            {
                continue;
            }

            switch (action)
            {
                case AuditAction.Create:
                    after[name] = property.CurrentValue;
                    break;
                case AuditAction.Delete:
                    before[name] = property.OriginalValue;
                    break;
                default:
                    if (property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
                    {
                        before[name] = property.OriginalValue;
                        after[name] = property.CurrentValue;
                    }

                    break;
            }
        }

        return (before, after);
    }

    private static string? LabelOf(object entity) => entity switch
    {
        Unit u => u.Name,
        PartyMember m => m.FullName,
        Committee c => c.Name,
        AppUser u => u.UserName,
        _ => null,
    };
}
