using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Jobs;
using Workflow.Web.Localization;
using Workflow.Web.Mail;
using Workflow.Web.Ratings;

namespace Workflow.Web.Reminders;

public sealed record EmailPreferenceRequest(EmailPreference? Preference);
