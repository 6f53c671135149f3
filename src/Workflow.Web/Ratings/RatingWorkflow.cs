using System.Security.Claims;
using Workflow.Web.Identity;

namespace Workflow.Web.Ratings;

/// <summary>
/// What the domain knows of the rating BPMN (workflows/rating-subject.bpmn): the process key, the elements it acts
/// on and the messages it sends. Any other user task in an edited version is handled generically (approve, return,
/// comment), so adding a step is a BPMN edit, not a code change.
/// </summary>
public static class RatingWorkflow
{
    public const string ProcessKey = "rating-subject";
    public const string SelfAssessment = "selfAssessment";
    public const string BoardReview = "boardReview";
    public const string InspectionOpinion = "inspectionOpinion";
    public const string AwaitDecision = "awaitDecision";
    public const string Reverify = "reverify";
    public const string Redecide = "redecide";
    public const string DecidedMessage = "rating.decided";
    public const string ComplaintMessage = "rating.complaint";

    public static readonly IReadOnlySet<string> KnownTasks = new HashSet<string> { SelfAssessment, BoardReview, InspectionOpinion, Reverify, Redecide };
}

/// <summary>Who acts: user name (the engine's user id), display name, unit and the principal for role checks.</summary>
public sealed record Actor(string UserName, string DisplayName, Guid? UnitId, ClaimsPrincipal Principal)
{
    public static Actor From(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? RequestContext.SystemActor,
        user.FindFirstValue(AppClaims.FullName) ?? user.Identity?.Name ?? RequestContext.SystemActor,
        AppClaims.UnitIdOf(user), user);

    public bool IsAdmin => Principal.IsInRole(Roles.Admin);

    public bool Is(string role, Guid unitId) => Principal.IsInRole(role) && UnitId == unitId;
}

/// <summary>A refused domain command: a Vietnamese message, per-field errors, and the HTTP status that fits.</summary>
public sealed class RatingException(string message, int status = 400, IReadOnlyList<FieldError>? errors = null) : Exception(message)
{
    public int Status { get; } = status;
    public IReadOnlyList<FieldError> Errors { get; } = errors ?? [];

    public static RatingException NotFound(string what) => new($"Không tìm thấy {what}, hoặc bạn không có quyền xem.", 404);

    public static RatingException Forbidden(string message) => new(message, 403);

    public static RatingException Conflict(string message) => new(message, 409);

    /// <summary>The file changed since the caller read it (another reviewer, another tab).</summary>
    public static RatingException Stale() => Conflict("Hồ sơ vừa được người khác cập nhật. Tải lại để xem tình trạng mới rồi thao tác lại.");

    public static RatingException Invalid(string message, IReadOnlyList<FieldError>? errors = null) => new(message, 400, errors);
}
