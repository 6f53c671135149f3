using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Web.Awards;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Processes;

namespace Workflow.Web.Pages.Awards;

/// <summary>
/// A proposal to the province with its dossier: each subject's ratings over the years and awards, the proposing
/// decision; the province's board examines (forward or return with a reason), its standing committee decides.
/// </summary>
public sealed class ProposalModel(AppDbContext db, AchievementRecord records, ExamineProposal examine, DecideProposal decide, TimeProvider clock) : Shared.CommandPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public DateOnly? DecidedOn { get; set; }
    [BindProperty] public string? SignerName { get; set; }
    [BindProperty] public string? SignerTitle { get; set; }
    [BindProperty] public List<Guid> Selected { get; set; } = [];

    public AwardProposal Proposal { get; private set; } = null!;
    public IReadOnlyList<(AwardCandidate Line, AwardRule Kind, SubjectRecord Record)> Lines { get; private set; } = [];
    public bool CanExamine { get; private set; }
    public bool CanDecide { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        DecidedOn ??= VietnamTime.Today(clock);
        SignerName ??= User.FindFirst(AppClaims.FullName)?.Value;
        Selected = Lines.Select(l => l.Line.Id).ToList();
        return Page();
    }

    public Task<IActionResult> OnPostExamineAsync(string? action, CancellationToken ct) => RunAsync(async actor =>
    {
        var proposal = await examine.RunAsync(Id, new ExamineProposalRequest(Version, action, Reason), actor, ct);
        return proposal.Status == AwardProposalStatus.Returned ? "Đã trả lại cấp dưới." : "Đã trình Ban Thường vụ.";
    }, () => $"/Awards/Proposals/{Id}", ReloadAsync, ct);

    public Task<IActionResult> OnPostDecideAsync(string? action, CancellationToken ct) => RunAsync(async actor =>
    {
        var proposal = await decide.RunAsync(Id, new DecideProposalRequest(Version, action, Reason, Number, DecidedOn, SignerName, SignerTitle, Selected), actor, ct);
        return proposal.Status == AwardProposalStatus.Decided ? (Message)$"Đã ban hành Quyết định khen thưởng số {Number}." : "Đã trả Ban Tổ chức thẩm định lại.";
    }, () => $"/Awards/Proposals/{Id}", ReloadAsync, ct);

    private Task ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await db.AwardProposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == Id, ct) is not { } proposal)
        {
            return false;
        }

        Proposal = proposal;
        Version = proposal.Version;
        var lines = await AwardProposals.Lines(db, proposal).OrderBy(c => c.SubjectType).ThenBy(c => c.SubjectName).ToListAsync(ct);
        var kindIds = lines.Select(l => l.AwardRuleId).Distinct().ToList();
        var kinds = await db.AwardRules.AsNoTracking().Where(k => kindIds.Contains(k.Id)).ToDictionaryAsync(k => k.Id, ct);
        var list = new List<(AwardCandidate, AwardRule, SubjectRecord)>();
        foreach (var line in lines)
        {
            list.Add((line, kinds[line.AwardRuleId], await records.ReadAsync(line.SubjectType, line.SubjectId, ct)));
        }

        Lines = list;
        var actor = Actor.From(User);
        var task = proposal.InstanceId is { } instance ? await db.WfTasks.AsNoTracking().FirstOrDefaultAsync(t => t.InstanceId == instance, ct) : null;
        CanExamine = task?.ElementId == AwardWorkflow.ExamineStep && TaskAccess.CanAct(task, actor);
        CanDecide = task?.ElementId == AwardWorkflow.UpperDecisionStep && TaskAccess.CanAct(task, actor)
            && (actor.IsAdmin || actor.Is(Roles.StandingCommittee, proposal.ToUnitId));
        return true;
    }
}
