using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.EngineRest;
using Workflow.Web.Notifications;
using Workflow.Web.Ratings;

namespace Workflow.Web.Inbox;

public sealed record BulkRequest(string? Action, List<Guid>? TaskIds);

public sealed record AssignRequest(string? User, string? Note);

public sealed record NoteRequest(string? Text);

public sealed record SaveViewRequest(string? Name, string? Query);
