using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Notifications;
using Workflow.Web.Ratings;

namespace Workflow.Web.Inbox;

/// <summary>
/// A Decision was issued: every subject's branch secretary hears how many of their unit's files it decided, and every
/// member rated by it hears their own level (bell, and mail for those who chose immediate mails). Set-based: the
/// decided files, their secretaries and their members are read in batches, the notices written in one pass.
/// </summary>
public sealed class DecisionNotifications(AppDbContext db, NoticeBoard notices) : IHandles<DecisionPublished>
{
    public async Task HandleAsync(DecisionPublished domainEvent, CancellationToken ct)
    {
        var decision = await db.Decisions.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Id == domainEvent.DecisionId, ct);
        if (decision is null)
        {
            return;
        }

        var items = await (
            from item in db.DecisionItems.IgnoreQueryFilters().AsNoTracking()
            join file in db.Files.IgnoreQueryFilters().AsNoTracking() on item.FileId equals file.Id
            where item.DecisionId == decision.Id
            select new { file.SubjectName, file.SubjectUnitId, file.MemberId, item.Level }).ToListAsync(ct);
        var title = $"Quyết định số {decision.Number} ngày {decision.DecidedOn:dd/MM/yyyy}";
        var link = $"/Decisions/{decision.Id}";
        var list = new List<Notice>();

        var byUnit = items.ToLookup(i => i.SubjectUnitId);
        foreach (var (userName, unitId) in await UnitPeople.SecretariesAsync(db, byUnit.Select(g => g.Key), ct))
        {
            var theirs = byUnit[unitId].ToList();
            var text = theirs.Count == 1
                ? $"{title}: {theirs[0].SubjectName} được xếp loại \"{RatingText.Name(theirs[0].Level)}\"."
                : $"{title}: {theirs.Count} đối tượng của đơn vị đồng chí đã có kết quả xếp loại ("
                  + string.Join(", ", theirs.GroupBy(i => i.Level).OrderBy(g => g.Key).Select(g => $"{g.Count()} {RatingText.Code(g.Key)}")) + ").";
            list.Add(new Notice(userName, NotificationKind.Decided, text, link, $"decided:{decision.Id:N}:{userName}"));
        }

        var members = items.Where(i => i.MemberId is not null).ToDictionary(i => i.MemberId!.Value);
        foreach (var (userName, memberId) in await UnitPeople.MemberUsersAsync(db, members.Keys, ct))
        {
            list.Add(new Notice(userName, NotificationKind.Decided, $"{title}: đồng chí được xếp loại \"{RatingText.Name(members[memberId].Level)}\".", link,
                $"decided:{decision.Id:N}:{userName}:member"));
        }

        // A secretary who is also rated as a member hears both (two keys).
        await notices.PostAsync(list, sendMail: true, ct);
    }
}
