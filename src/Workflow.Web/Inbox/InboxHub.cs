using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

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
        var actor = Actor.From(user);
        foreach (var principal in actor.Principals)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, principal.Stored);
        }

        if (actor.IsAdmin)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, AdminGroup);
        }

        await base.OnConnectedAsync();
    }
}
