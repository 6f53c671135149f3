using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Ratings;
namespace Workflow.Web.Inbox;

/// <summary>A view in the inbox's side list: built in (key "b:…") or saved by the user (key = its id).</summary>
public sealed record InboxView(string Key, string Name, string Query, bool BuiltIn, int? Count = null);

/// <summary>
/// The inbox's views: built-in ones (everything, mine, unassigned, overdue, and the step each role works on, which is
/// that role's default) and the ones a user saved, each with how many tasks it holds right now.
/// </summary>
public sealed class InboxViews(AppDbContext db, InboxQuery query, TimeProvider clock)
{
    public const int MaxSaved = 30;

    public static IReadOnlyList<InboxView> BuiltIn(ClaimsPrincipal user)
    {
        var views = new List<InboxView>();
        void Role(string role, string key, string name, string task)
        {
            if (user.IsInRole(role))
            {
                views.Add(new InboxView("b:" + key, name, "task=" + task, true));
            }
        }

        Role(Roles.OrganizationBoard, "review", "Hồ sơ chờ thẩm định", RatingWorkflow.BoardReview);
        Role(Roles.InspectionCommittee, "inspect", "Hồ sơ chờ ý kiến kiểm tra", RatingWorkflow.InspectionOpinion);
        Role(Roles.BranchSecretary, "self", "Hồ sơ chờ tự đánh giá", RatingWorkflow.SelfAssessment);
        Role(Roles.Member, "self-member", "Bản tự đánh giá của tôi", RatingWorkflow.SelfAssessment);
        Role(Roles.OrganizationBoard, "reverify", "Khiếu nại chờ thẩm tra lại", RatingWorkflow.Reverify);
        Role(Roles.StandingCommittee, "redecide", "Khiếu nại chờ quyết định lại", RatingWorkflow.Redecide);
        views.Add(new InboxView("b:all", "Tất cả việc của tôi", "", true));
        views.Add(new InboxView("b:mine", "Việc tôi đã nhận", "assigned=mine", true));
        views.Add(new InboxView("b:unassigned", "Việc chưa ai nhận", "assigned=unassigned", true));
        views.Add(new InboxView("b:overdue", "Việc quá hạn", "due=overdue", true));
        views.Add(new InboxView("b:today", "Đến hạn hôm nay", "due=today", true));
        return views.DistinctBy(v => v.Query).ToList();
    }

    /// <summary>The view a role lands on: its own step when it has one, else everything.</summary>
    public static InboxView Default(ClaimsPrincipal user) => BuiltIn(user)[0];

    public async Task<IReadOnlyList<InboxView>> ListAsync(ClaimsPrincipal user, bool withCounts, CancellationToken ct)
    {
        var name = Actor.From(user).UserName;
        var saved = await db.InboxSavedViews.AsNoTracking().Where(v => v.UserName == name).OrderBy(v => v.Name).ToListAsync(ct);
        var views = BuiltIn(user).Concat(saved.Select(v => new InboxView(v.Id.ToString(), v.Name, v.Query, false))).ToList();
        if (!withCounts)
        {
            return views;
        }

        var counted = new List<InboxView>(views.Count);
        foreach (var view in views)
        {
            counted.Add(view with { Count = await query.CountAsync(InboxFilter.Parse(view.Query), user, ct) });
        }

        return counted;
    }

    public async Task<InboxView> SaveAsync(ClaimsPrincipal user, string? name, InboxFilter filter, CancellationToken ct)
    {
        var userName = Actor.From(user).UserName;
        name = TextRules.Name(name, 100, "name", "Tên bộ lọc", required: true)!;

        var existing = await db.InboxSavedViews.Where(v => v.UserName == userName).ToListAsync(ct);
        var same = existing.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
        if (same is null && existing.Count >= MaxSaved)
        {
            throw DomainException.Invalid($"Mỗi người lưu được tối đa {MaxSaved} bộ lọc; hãy xóa bớt bộ lọc cũ.");
        }

        same ??= db.InboxSavedViews.Add(new InboxSavedView { UserName = userName, Name = name, Query = "", CreatedAtUtc = clock.GetUtcNow().UtcDateTime }).Entity;
        same.Name = name;
        same.Query = filter.ToQueryString();
        await db.SaveChangesAsync(ct);
        return new InboxView(same.Id.ToString(), same.Name, same.Query, false);
    }

    public async Task DeleteAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var userName = Actor.From(user).UserName;
        var deleted = await db.InboxSavedViews.Where(v => v.Id == id && v.UserName == userName).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            throw DomainException.NotFound("bộ lọc");
        }
    }
}
