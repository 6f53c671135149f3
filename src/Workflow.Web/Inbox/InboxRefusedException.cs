namespace Workflow.Web.Inbox;

/// <summary>An inbox action refused for a reason the user can fix or understand.</summary>
public sealed class InboxRefusedException(string message) : Exception(message);
