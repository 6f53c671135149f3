using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Jobs;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

public sealed record RevokeRequest(string? Reason);
