using System.Data.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workflow.Web.EngineRest;

namespace Workflow.Web.Inbox;

/// <summary>
/// Live updates for open inbox pages. A connection joins one group per principal of its user (the same "u:…" and
/// "g:…" names as the task audience, plus "admin" for administrators). Messages carry no task data: "tasksChanged"
/// makes the page ask the server again, under the user's own rights; "notificationsChanged" refreshes the bell.
/// So a user learns nothing about tasks outside their audience, not even their ids.
/// </summary>
[Authorize]
public sealed class InboxHub : Hub
{
    public const string Path = "/hubs/inbox";
    public const string AdminGroup = "admin";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        foreach (var principal in RestAccess.Principals(user))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, principal);
        }

        if (RestAccess.IsAdmin(user))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, AdminGroup);
        }

        await base.OnConnectedAsync();
    }
}

/// <summary>
/// What a unit of work changed that open pages should hear of: the audiences of the tasks it created, changed or
/// ended, and the users who got notifications. Sent after the commit (never for a rolled-back change).
/// </summary>
public sealed class InboxFeed(IHubContext<InboxHub> hub)
{
    private readonly HashSet<string> _principals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _notified = new(StringComparer.Ordinal);

    public void Touch(IEnumerable<string> principals) => _principals.UnionWith(principals);

    public void Notify(string userName) => _notified.Add(userName);

    public void Discard()
    {
        _principals.Clear();
        _notified.Clear();
    }

    public async Task FlushAsync(CancellationToken ct = default)
    {
        if (_principals.Count > 0)
        {
            var groups = _principals.Append(InboxHub.AdminGroup).ToList();
            _principals.Clear();
            // A round opening touches thousands of audiences: send in slices, each one message to many groups.
            foreach (var slice in groups.Chunk(500))
            {
                await hub.Clients.Groups(slice).SendAsync("tasksChanged", ct);
            }
        }

        if (_notified.Count > 0)
        {
            var users = _notified.Select(u => Processes.WfTaskAudience.UserPrefix + u).ToList();
            _notified.Clear();
            await hub.Clients.Groups(users).SendAsync("notificationsChanged", ct);
        }
    }
}

/// <summary>Flushes the <see cref="InboxFeed"/> after a commit, or after a save that ran without a transaction.</summary>
public sealed class InboxFeedInterceptor(InboxFeed feed) : IDbTransactionInterceptor, ISaveChangesInterceptor
{
    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        await feed.FlushAsync(cancellationToken);

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => feed.FlushAsync().GetAwaiter().GetResult();

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => feed.Discard();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        feed.Discard();
        return Task.CompletedTask;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            await feed.FlushAsync(cancellationToken);
        }

        return result;
    }
}
