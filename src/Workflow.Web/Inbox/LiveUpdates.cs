using Microsoft.AspNetCore.SignalR;
using Workflow.Web.Notifications;
using Workflow.Web.Processes;

namespace Workflow.Web.Inbox;

/// <summary>
/// Tells open pages what changed once it is committed: "tasksChanged" to the audiences of the tasks a unit of work
/// created, changed or ended (the page asks the server again, under the user's own rights), "notificationsChanged" to
/// the users whose bell changed. Messages carry no task data.
/// </summary>
public sealed class LiveUpdates(IHubContext<InboxHub> hub) : IHandles<TaskAudiencesChanged>, IHandles<NotificationsChanged>
{
    public async Task HandleAsync(TaskAudiencesChanged domainEvent, CancellationToken ct)
    {
        // A round opening touches thousands of audiences: send in slices, each one message to many groups.
        foreach (var slice in domainEvent.Principals.Append(InboxHub.AdminGroup).Chunk(500))
        {
            await hub.Clients.Groups(slice).SendAsync("tasksChanged", ct);
        }
    }

    public async Task HandleAsync(NotificationsChanged domainEvent, CancellationToken ct)
    {
        foreach (var slice in domainEvent.UserNames.Select(u => TaskPrincipal.User(u).Stored).Chunk(500))
        {
            await hub.Clients.Groups(slice).SendAsync("notificationsChanged", ct);
        }
    }
}
