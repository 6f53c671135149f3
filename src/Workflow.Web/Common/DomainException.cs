using Workflow.Engine;

namespace Workflow.Web.Common;

/// <summary>
/// A refused command, in every feature: a message, per-field errors, and the HTTP status that fits. Under /api it becomes
/// a problem-details response (<see cref="ApiErrors"/>); pages show its message. The message is written in Vietnamese as
/// an ordinary (interpolated) string and kept as a <see cref="Engine.Message"/> (<see cref="Text"/>), so it is shown in the
/// reader's language; <see cref="Exception.Message"/> is the Vietnamese sentence, for logs.
/// </summary>
public sealed class DomainException(Message message, int status = 400, IReadOnlyList<FieldError>? errors = null) : Exception(message.ToString())
{
    public int Status { get; } = status;
    public IReadOnlyList<FieldError> Errors { get; } = errors ?? [];
    public Message Text { get; } = message;

    public static DomainException NotFound(Message what) => new($"Không tìm thấy {what}, hoặc bạn không có quyền xem.", 404);

    public static DomainException Forbidden(Message message) => new(message, 403);

    public static DomainException Conflict(Message message) => new(message, 409);

    /// <summary>The file changed since the caller read it (another reviewer, another tab).</summary>
    public static DomainException Stale() => Conflict("Hồ sơ vừa được người khác cập nhật. Tải lại để xem tình trạng mới rồi thao tác lại.");

    public static DomainException Invalid(Message message, IReadOnlyList<FieldError>? errors = null) => new(message, 400, errors);
}
