using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Jobs;
using Workflow.Web.Localization;
using Workflow.Web.Ratings;

namespace Workflow.Web.Meetings;

public sealed record OpenMeetingPeriodRequest(int? Year, int? Month, int? Months);

public sealed record ConfirmMeetingScoresRequest(List<Guid>? Ids);

public sealed record ReturnMeetingScoreRequest(string? Reason);
