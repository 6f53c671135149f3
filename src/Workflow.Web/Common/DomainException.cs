namespace Workflow.Web.Common;

/// <summary>
/// A refused command, in every feature: a Vietnamese message, per-field errors, and the HTTP status that fits. Under /api
/// it becomes a problem-details response (<see cref="ApiErrors"/>); pages show its message.
/// </summary>
public sealed class DomainException(string message, int status = 400, IReadOnlyList<FieldError>? errors = null) : Exception(message)
{
    public int Status { get; } = status;
    public IReadOnlyList<FieldError> Errors { get; } = errors ?? [];

    public static DomainException NotFound(string what) => new($"Không tìm thấy {what}, hoặc bạn không có quyền xem.", 404);

    public static DomainException Forbidden(string message) => new(message, 403);

    public static DomainException Conflict(string message) => new(message, 409);

    /// <summary>The file changed since the caller read it (another reviewer, another tab).</summary>
    public static DomainException Stale() => Conflict("Hồ sơ vừa được người khác cập nhật. Tải lại để xem tình trạng mới rồi thao tác lại.");

    public static DomainException Invalid(string message, IReadOnlyList<FieldError>? errors = null) => new(message, 400, errors);
}
