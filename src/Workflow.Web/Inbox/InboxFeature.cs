using Workflow.Web.Ratings;

namespace Workflow.Web.Inbox;

/// <summary>
/// The reviewer's inbox: its query, views, actions and notifications, the JSON endpoints under /api/inbox that the
/// page's script and the tests use, and the SignalR hub that keeps open pages current.
/// Pages: Pages/Inbox (its script: ClientApp/src/inbox.js), Pages/Notifications.
/// </summary>
public static class InboxFeature
{
    public static void AddInbox(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddScoped<InboxQuery>();
        builder.Services.AddScoped<InboxViews>();
        builder.Services.AddScoped<InboxActions>();
        // Open pages hear of committed changes; a returned file's holders hear why.
        builder.Services.AddHandler<Processes.TaskAudiencesChanged, LiveUpdates>();
        builder.Services.AddHandler<Notifications.NotificationsChanged, LiveUpdates>();
        builder.Services.AddHandler<FileReturned, ReturnedFileNotifications>();
        builder.Services.AddHandler<DecisionPublished, DecisionNotifications>();
    }
}
