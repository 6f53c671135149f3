namespace Workflow.Web.Common;

/// <summary>A validation error of one field, in Vietnamese; <see cref="Missing"/> when the field is only not filled in yet (a draft may be).</summary>
public sealed record FieldError(string Field, string Message, bool Missing = false);
