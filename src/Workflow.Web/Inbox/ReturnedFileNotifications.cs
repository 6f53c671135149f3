using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Web.Data;
using Workflow.Web.Notifications;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;

namespace Workflow.Web.Inbox;

/// <summary>
/// A returned file: the people who now hold its self-assessment (its candidates: users and the members of its groups)
/// hear why it came back, under the bell and by mail when they chose immediate mails.
/// </summary>
public sealed class ReturnedFileNotifications(AppDbContext db, NoticeBoard notices) : IHandles<FileReturned>
{
    public async Task HandleAsync(FileReturned domainEvent, CancellationToken ct)
    {
        var audience = await db.WfTaskAudience.AsNoTracking().Where(a => a.InstanceId == domainEvent.InstanceId).Select(a => a.Principal).ToListAsync(ct);
        var key = Uuid7.New().ToString("N"); // one event per return: its notices are sent once
        var text = $"Hồ sơ {domainEvent.SubjectName} bị trả lại để sửa: {domainEvent.Reason}";
        await notices.PostAsync((await AudienceMembers.UsersAsync(db, audience, bareRoles: false, ct))
            .Select(u => new Notice(u.UserName!, NotificationKind.Returned, text, $"/Files/{domainEvent.FileId}", $"returned:{key}:{u.UserName}")).ToList(), sendMail: true, ct);
    }
}
