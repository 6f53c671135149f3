using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Org;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;

namespace Workflow.Web.Pages;

/// <summary>The landing page: who you are, what your part of the tree holds, and what you can do.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public string FullName { get; private set; } = "";
    public IReadOnlyList<string> RoleNames { get; private set; } = [];
    public string UnitName { get; private set; } = "";
    public string Today { get; private set; } = "";
    public int GrassrootsCount { get; private set; }
    public int AffiliatedCount { get; private set; }
    public int MemberCount { get; private set; }
    public double ProbationaryShare { get; private set; }
    public IReadOnlyList<QuickLink> Links { get; private set; } = [];

    public async Task OnGetAsync()
    {
        FullName = User.FindFirst(AppClaims.FullName)?.Value ?? User.Identity?.Name ?? "";
        RoleNames = Roles.All.Where(User.IsInRole).Select(Roles.DisplayName).ToList();
        var unitId = AppClaims.UnitIdOf(User);
        UnitName = await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync() ?? "";
        Today = VietnamTime.Format(VietnamTime.Today(clock));

        // Counts come through the scoped query filters: each user sees the figures of their own subtree.
        var kinds = await db.Units.Where(u => u.ValidTo == null)
            .GroupBy(u => u.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        GrassrootsCount = kinds.Where(k => k.Key is UnitKind.GrassrootsCommittee or UnitKind.GrassrootsBranch).Sum(k => k.Count);
        AffiliatedCount = kinds.Where(k => k.Key == UnitKind.AffiliatedBranch).Sum(k => k.Count);
        var members = await db.Members.Where(m => m.LeftOn == null)
            .GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        MemberCount = members.Sum(m => m.Count);
        ProbationaryShare = MemberCount == 0 ? 0 : (double)members.Where(m => m.Key == MemberStatus.Probationary).Sum(m => m.Count) / MemberCount;
        // What is waiting for this person (the same rule as the inbox and /engine-rest).
        var now = clock.GetUtcNow().UtcDateTime;
        var soon = now.AddDays(2);
        Waiting = await Processes.TaskAccess.Visible(db.WfTasks.AsNoTracking(), db.WfTaskAudience, Actor.From(User))
            .GroupBy(t => new { t.ElementId, t.Name })
            .Select(g => new WaitingStep(g.Key.ElementId, g.Key.Name ?? g.Key.ElementId, g.Count(), g.Count(t => t.DueAtUtc < now), g.Count(t => t.DueAtUtc >= now && t.DueAtUtc < soon), g.Min(t => t.DueAtUtc)))
            .ToListAsync();
        Waiting = Waiting.OrderBy(w => w.EarliestDue ?? DateTime.MaxValue).ToList();
        OpenTasks = Waiting.Sum(w => w.Count);
        Progress = await ProgressAsync();
        Links = LinksFor();
    }

    public IReadOnlyList<WaitingStep> Waiting { get; private set; } = [];
    public IReadOnlyList<RoundProgress> Progress { get; private set; } = [];

    /// <summary>How far the open rounds in the caller's part of the tree are, per deciding unit (the largest groups first).</summary>
    private async Task<IReadOnlyList<RoundProgress>> ProgressAsync()
    {
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.Status == RoundStatus.Open).OrderByDescending(r => r.CreatedAtUtc).Take(3)
            .Select(r => new { r.Id, r.Name }).ToListAsync();
        if (rounds.Count == 0)
        {
            return [];
        }

        var ids = rounds.Select(r => r.Id).ToList();
        var counts = await db.Files.AsNoTracking().Where(f => ids.Contains(f.RoundId))
            .GroupBy(f => new { f.RoundId, f.DecidingUnitId, f.Status }).Select(g => new { g.Key.RoundId, g.Key.DecidingUnitId, g.Key.Status, Count = g.Count() })
            .ToListAsync();
        var unitIds = counts.Select(c => c.DecidingUnitId).Distinct().ToList();
        var names = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name);
        return rounds.SelectMany(r => counts.Where(c => c.RoundId == r.Id).GroupBy(c => c.DecidingUnitId).Select(g =>
        {
            int Of(params FileStatus[] statuses) => g.Where(c => statuses.Contains(c.Status)).Sum(c => c.Count);
            return new RoundProgress(r.Id, r.Name, names.GetValueOrDefault(g.Key) ?? "", g.Key,
                Of(FileStatus.Opened, FileStatus.Draft, FileStatus.Returned), Of(FileStatus.Submitted),
                Of(FileStatus.Proposed), Of(FileStatus.Decided, FileStatus.Complained));
        }).OrderByDescending(p => p.Total).Take(8)).ToList();
    }

    public int OpenTasks { get; private set; }

    /// <summary>One step waiting for the caller: how many, how many overdue or due within two days, the earliest due.</summary>
    public sealed record WaitingStep(string ElementId, string Name, int Count, int Overdue, int Soon, DateTime? EarliestDue);

    /// <summary>One deciding unit's files in an open round: not yet submitted, submitted, reviewed (proposed), decided.</summary>
    public sealed record RoundProgress(Guid RoundId, string RoundName, string UnitName, Guid UnitId, int NotSubmitted, int Submitted, int Reviewed, int Decided)
    {
        public int Total => NotSubmitted + Submitted + Reviewed + Decided;

        public double Share(int count) => Total == 0 ? 0 : Math.Round(count * 100.0 / Total, 1);
    }

    private List<QuickLink> LinksFor()
    {
        var links = new List<QuickLink>
        {
            OpenTasks == 0 ? new("/Inbox", "bi-inbox", "Việc cần làm: không có việc đang chờ") : new("/Inbox", "bi-inbox", "Việc cần làm: {0} việc đang chờ", OpenTasks.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)),
            new("/Rounds", "bi-clipboard-check", "Các đợt đánh giá, xếp loại"),
        };
        if (User.IsInRole(Roles.Admin))
        {
            links.Add(new("/Admin/Users", "bi-people", "Quản lý người dùng"));
            links.Add(new("/Units", "bi-diagram-3", "Cây tổ chức"));
            links.Add(new("/Admin/Audit", "bi-journal-text", "Nhật ký thay đổi"));
        }
        else if (User.IsInRole(Roles.StandingCommittee) || User.IsInRole(Roles.OrganizationBoard) || User.IsInRole(Roles.InspectionCommittee))
        {
            links.Add(new("/Units", "bi-diagram-3", "Các tổ chức đảng trực thuộc"));
            links.Add(new("/Members", "bi-person-lines-fill", "Danh sách đảng viên"));
        }
        else if (User.IsInRole(Roles.BranchSecretary))
        {
            links.Add(new($"/Units/Details/{AppClaims.UnitIdOf(User)}", "bi-house", "Thông tin chi bộ, đảng bộ của tôi"));
            links.Add(new("/Members", "bi-person-lines-fill", "Danh sách đảng viên"));
        }
        else if (AppClaims.MemberIdOf(User) is { } memberId)
        {
            links.Add(new($"/Members/Details/{memberId}", "bi-person-vcard", "Hồ sơ đảng viên của tôi"));
        }

        links.Add(new("/Account/ChangePassword", "bi-key", "Đổi mật khẩu"));
        return links;
    }

    public sealed record QuickLink(string Href, string Icon, string Text, string? Arg = null);
}
