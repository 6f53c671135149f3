using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflow.Web.Processes;

/// <summary>
/// Applies the scheduler's buffered effects after commit (in a fresh scope: the committing context still holds its
/// finished transaction while this callback runs), and drops them after a rollback.
/// </summary>
public sealed class EngineEffectsInterceptor(IServiceProvider services, IServiceScopeFactory scopes) : DbTransactionInterceptor
{
    public override async Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var effects = services.GetRequiredService<HangfireEngineScheduler>().TakePending();
        if (effects.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HangfireEngineScheduler>().ApplyNowAsync(effects, cancellationToken);
    }

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        TransactionCommittedAsync(transaction, eventData).GetAwaiter().GetResult();

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        services.GetRequiredService<HangfireEngineScheduler>().Discard();

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        services.GetRequiredService<HangfireEngineScheduler>().Discard();
        return Task.CompletedTask;
    }
}
