using Workflow.Engine;
using Workflow.Web.Data;

namespace Workflow.Web.Awards;

/// <summary>Writes an award decision's list: one grant per selected candidate, in kind order then unit and name, with one prepared statement.</summary>
internal static class GrantWriter
{
    public static Task<int> WriteAsync(AppDbContext db, AwardDecision decision, int year, IReadOnlyList<(AwardCandidate Candidate, AwardRule Kind)> lines, CancellationToken ct)
    {
        var ordered = lines.OrderBy(l => l.Kind.SortOrder).ThenBy(l => l.Kind.Code, StringComparer.Ordinal)
            .ThenBy(l => l.Candidate.SubjectType == Ratings.SubjectType.Member)
            .ThenBy(l => l.Candidate.UnitPath, StringComparer.Ordinal).ThenBy(l => l.Candidate.SubjectName, StringComparer.Ordinal).ToList();
        return new BulkInsert(db, "AwardGrants", "Id", "AwardDecisionId", "AwardRuleId", "Year", "Order", "SubjectType", "SubjectId", "SubjectName", "UnitId",
                "UnitPath", "UnitName", "Reason")
            .WriteAsync(ordered.Select((l, i) => new object?[]
            {
                Uuid7.New(), decision.Id, l.Kind.Id, year, i + 1, l.Candidate.SubjectType, l.Candidate.SubjectId, l.Candidate.SubjectName,
                l.Candidate.UnitId, l.Candidate.UnitPath, l.Candidate.UnitName, l.Kind.ReasonFor(year),
            }), ct);
    }
}
