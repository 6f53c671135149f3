using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Notifications;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;

namespace Workflow.Web.Inbox;

/// <summary>
/// A returned file: the people who now hold its self-assessment (its candidates: users and the members of its groups)
/// hear why it came back, under the bell.
/// </summary>
public sealed class ReturnedFileNotifications(AppDbContext db, Notifier notifier) : IHandles<FileReturned>
{
    public async Task HandleAsync(FileReturned domainEvent, CancellationToken ct)
    {
        var audience = await db.WfTaskAudience.AsNoTracking().Where(a => a.InstanceId == domainEvent.InstanceId).Select(a => a.Principal).ToListAsync(ct);
        foreach (var user in await AudienceMembers.UsersAsync(db, audience, bareRoles: false, ct))
        {
            notifier.Add(user.UserName!, NotificationKind.Returned, $"Hồ sơ {domainEvent.SubjectName} bị trả lại để sửa: {domainEvent.Reason}", $"/Files/{domainEvent.FileId}");
        }

        await db.SaveChangesAsync(ct);
    }
}
