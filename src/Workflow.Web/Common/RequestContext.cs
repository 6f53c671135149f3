namespace Workflow.Web.Common;

/// <summary>
/// Who is acting in the current DI scope and what they may see. Outside an HTTP request (jobs, start-up) it is the
/// system with the whole tree; <c>Identity.DataScopeMiddleware</c> narrows it for each request.
/// </summary>
public sealed class RequestContext
{
    public DataScope Scope { get; set; } = DataScope.System;
    public Guid? ActorId { get; set; }
    public string ActorName { get; set; } = SystemActor;

    public const string SystemActor = "hệ thống";
}
