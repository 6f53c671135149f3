namespace Workflow.Web.Common;

/// <summary>
/// Who a task is offered to, as its audience stores it: a user ("u:btc.khoi") or a group ("g:OrganizationBoard" or
/// "g:OrganizationBoard:&lt;unit id&gt;"). The one place that writes and reads that form.
/// </summary>
public readonly record struct TaskPrincipal(bool IsGroup, string Name)
{
    private const string UserPrefix = "u:";
    public const string GroupPrefix = "g:";

    public static TaskPrincipal User(string userName) => new(false, userName);

    public static TaskPrincipal Group(string group) => new(true, group);

    /// <summary>Reads the stored form; anything else is null.</summary>
    public static TaskPrincipal? Parse(string? stored) =>
        stored is null ? null
        : stored.StartsWith(UserPrefix, StringComparison.Ordinal) ? User(stored[UserPrefix.Length..])
        : stored.StartsWith(GroupPrefix, StringComparison.Ordinal) ? Group(stored[GroupPrefix.Length..])
        : null;

    /// <summary>The user name of a user principal (null for a group).</summary>
    public string? UserName => IsGroup ? null : Name;

    /// <summary>A group's role ("OrganizationBoard"), null for a user.</summary>
    public string? Role => IsGroup ? Name.Split(':', 2)[0] : null;

    /// <summary>A qualified group's unit ("OrganizationBoard:&lt;unit&gt;"), null otherwise.</summary>
    public Guid? UnitId => IsGroup && Name.Split(':', 2) is [_, var unit] && Guid.TryParse(unit, out var id) ? id : null;

    /// <summary>The stored form ("u:…" or "g:…").</summary>
    public string Stored => (IsGroup ? GroupPrefix : UserPrefix) + Name;

    public override string ToString() => Stored;
}
