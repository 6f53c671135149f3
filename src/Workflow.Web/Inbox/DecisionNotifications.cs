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

        var units = items.Select(i => i.SubjectUnitId).Distinct().ToList();
        foreach (var chunk in units.Chunk(500))
        {
            var secretaries = await RoleMembers.Query(db).Where(m => m.Role == Roles.BranchSecretary && chunk.Contains(m.User.UnitId))
                .Select(m => new { m.User.UserName, m.User.UnitId }).ToListAsync(ct);
            foreach (var secretary in secretaries)
            {
                var theirs = items.Where(i => i.SubjectUnitId == secretary.UnitId).ToList();
                var text = theirs.Count == 1
                    ? $"{title}: {theirs[0].SubjectName} được xếp loại \"{RatingText.Name(theirs[0].Level)}\"."
                    : $"{title}: {theirs.Count} đối tượng của đơn vị đồng chí đã có kết quả xếp loại ("
                      + string.Join(", ", theirs.GroupBy(i => i.Level).OrderBy(g => g.Key).Select(g => $"{g.Count()} {RatingText.Code(g.Key)}")) + ").";
                list.Add(new Notice(secretary.UserName!, NotificationKind.Decided, text, link, $"decided:{decision.Id:N}:{secretary.UserName}"));
            }
        }

        var members = items.Where(i => i.MemberId is not null).ToDictionary(i => i.MemberId!.Value);
        foreach (var chunk in members.Keys.Chunk(500))
        {
            foreach (var user in await db.Users.AsNoTracking().Where(u => u.MemberId != null && chunk.Contains(u.MemberId.Value))
                .Select(u => new { u.UserName, u.MemberId }).ToListAsync(ct))
            {
                var level = members[user.MemberId!.Value].Level;
                list.Add(new Notice(user.UserName!, NotificationKind.Decided, $"{title}: đồng chí được xếp loại \"{RatingText.Name(level)}\".", link,
                    $"decided:{decision.Id:N}:{user.UserName}"));
            }
        }

        // A secretary who is also rated as a member hears both; one user never gets the same notice twice.
        await notices.PostAsync(list.DistinctBy(n => n.DedupeKey + n.Text).ToList(), sendMail: true, ct);
    }
}
