using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Org;

namespace Workflow.Web.Ratings;

/// <summary>One subject on the decision board.</summary>
public sealed record BoardItem(Guid FileId, string SubjectName, FileStatus Status, RatingLevel? SelfLevel, RatingLevel? SuggestedLevel,
    RatingLevel? ProposedLevel, string? ProposalReason, RatingLevel? CapLevel, IReadOnlyList<string> CapReasons, RatingLevel? DecidedLevel, int Version);

/// <summary>A peer group's decision board: every subject, and the quota as it stands with the proposals.</summary>
public sealed record Board(RatingRound Round, Unit DecidingUnit, SubjectType SubjectType, RuleSetDefinition Rules, IReadOnlyList<BoardItem> Items,
    int Unreviewed, int MaxExcellentWithProposals, Decision? Decision, IReadOnlyList<string> OrderWarnings);

/// <summary>The standing committee's board for one peer group (round, deciding unit, subject type).</summary>
public sealed class ReadBoard(AppDbContext db, DecisionOrder order)
{
    public async Task<Board> RunAsync(Guid roundId, Guid decidingUnitId, SubjectType type, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.RuleSet).FirstOrDefaultAsync(r => r.Id == roundId, ct) ?? throw DomainException.NotFound("đợt đánh giá");
        var unit = await db.Units.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(u => u.Id == decidingUnitId, ct) ?? throw DomainException.NotFound("đơn vị quyết định");
        var rules = round.RuleSet!.Parse();
        var rows = await db.Files.AsNoTracking().Where(f => f.RoundId == roundId && f.DecidingUnitId == decidingUnitId && f.SubjectType == type)
            .OrderBy(f => f.Id).ToListAsync(ct);
        var items = rows.Select(f => new BoardItem(f.Id, f.SubjectName, f.Status, f.SelfLevel, f.SuggestedLevel, f.ProposedLevel, f.ProposalReason, f.CapLevel,
            rules.Cap(f.SubjectType, f.Facts).Reasons, f.DecidedLevel, f.Version)).ToList();
        var excellent = rows.Count(f => f.ProposedLevel == RatingLevel.Excellent);
        var good = rows.Count(f => f.ProposedLevel == RatingLevel.Good);
        var decision = await db.Decisions.AsNoTracking().Where(d => d.RoundId == roundId && d.DecidingUnitId == decidingUnitId && d.SubjectType == type && d.AmendsDecisionId == null)
            .FirstOrDefaultAsync(ct);
        var warnings = decision is null && rows.Count > 0 ? await order.WarningsAsync(round, rows, ct) : [];
        return new Board(round, unit, type, rules, items, rows.Count(f => f.Status != FileStatus.Proposed && f.DecidedLevel is null),
            rules.MaxExcellent(excellent, good), decision, warnings);
    }
}
