using Workflow.Engine;

namespace Workflow.Web.Common;

/// <summary>
/// A validation error of one field (its message in Vietnamese, shown in the reader's language); <see cref="Missing"/> when
/// the field is only not filled in yet (a draft may be).
/// </summary>
public sealed record FieldError(string Field, Message Message, bool Missing = false);
