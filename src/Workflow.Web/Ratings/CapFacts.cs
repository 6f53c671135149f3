namespace Workflow.Web.Ratings;

/// <summary>A discipline as the cap rules read it.</summary>
public sealed record DisciplineFact(Guid? MemberId, Guid UnitId, string UnitPath, bool SelfRemedied, bool IsLeader);

/// <summary>
/// Which cap facts hold for a subject, from the year's disciplines (DOMAIN.md's hard rules): a member's own discipline
/// unless self-discovered and remedied; for an organization, its own discipline, and a disciplined subordinate
/// organization or leader in its subtree. Used when a round opens and whenever a discipline is recorded.
/// </summary>
public static class CapFacts
{
    public static HashSet<CapFact> For(Guid? memberId, Guid unitId, string unitPath, IReadOnlyCollection<DisciplineFact> disciplines,
        bool previousYearNotComplete, bool degradation)
    {
        var facts = new HashSet<CapFact>();
        if (memberId is { } member)
        {
            if (disciplines.Any(d => d.MemberId == member && !d.SelfRemedied))
            {
                facts.Add(CapFact.Discipline);
            }
        }
        else
        {
            if (disciplines.Any(d => d.MemberId == null && d.UnitId == unitId))
            {
                facts.Add(CapFact.Discipline);
            }

            if (disciplines.Any(d => d.UnitPath.StartsWith(unitPath, StringComparison.Ordinal)
                && ((d.MemberId == null && d.UnitId != unitId) || (d.MemberId != null && d.IsLeader))))
            {
                facts.Add(CapFact.SubordinateDiscipline);
            }
        }

        if (previousYearNotComplete)
        {
            facts.Add(CapFact.PreviousYearNotComplete);
        }

        if (degradation)
        {
            facts.Add(CapFact.Degradation);
        }

        return facts;
    }
}
