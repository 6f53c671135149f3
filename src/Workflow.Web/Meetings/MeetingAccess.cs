namespace Workflow.Web.Meetings;

/// <summary>Who may score a branch's meetings (its secretary) and who confirms them (the committee directly above).</summary>
public static class MeetingAccess
{
    public static bool IsSecretaryOf(Actor actor, Guid unitId) => actor.Is(Roles.BranchSecretary, unitId);

    /// <summary>Who confirms for a committee: its secretary, standing committee or organization board (and admins).</summary>
    public static bool CanConfirm(Actor actor, Guid confirmerUnitId) =>
        actor.IsAdmin || actor.Is(Roles.BranchSecretary, confirmerUnitId) || actor.Is(Roles.StandingCommittee, confirmerUnitId)
        || actor.Is(Roles.OrganizationBoard, confirmerUnitId);

    public static bool CanScore(Actor actor, MeetingScore score) =>
        (actor.IsAdmin || IsSecretaryOf(actor, score.UnitId)) && score.Status is not MeetingScoreStatus.Confirmed;
}
