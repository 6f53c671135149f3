using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflow.Web.Data;

/// <summary>Dispatches the scope's <see cref="DomainEvents"/> after a commit (or after a save outside a transaction); drops them on a rollback.</summary>
public sealed class DomainEventsInterceptor(DomainEvents events) : IDbTransactionInterceptor, ISaveChangesInterceptor
{
    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        events.DispatchAsync(cancellationToken);

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => events.DispatchAsync().GetAwaiter().GetResult();

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => events.Discard();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        events.Discard();
        return Task.CompletedTask;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            await events.DispatchAsync(cancellationToken);
        }

        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            events.DispatchAsync().GetAwaiter().GetResult();
        }

        return result;
    }
}
