using Hangfire;
using Workflow.Web.Jobs;
using Workflow.Web.Mail;

namespace Workflow.Web.Reminders;

/// <summary>
/// After a restart: one scan now for what fell due while the host was down (today's rules; the unique keys keep it
/// from repeating anything) and one send of whatever waits in the outbox.
/// </summary>
public sealed class ReminderRecovery(IBackgroundJobClient jobs, ReminderOptions options) : IPendingWorkSource
{
    public string Name => "reminders and mail";

    public Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        if (options.Enabled)
        {
            jobs.Enqueue<ReminderScanner>(s => s.RunAsync(CancellationToken.None));
        }

        jobs.Enqueue<MailSender>(s => s.SendDueAsync(CancellationToken.None));
        return Task.FromResult(1);
    }
}
