using MailKit.Security;

namespace Workflow.Web.Mail;

/// <summary>
/// The "Mail" section of appsettings.json. With no <see cref="Host"/> the product still runs: mail waits in the outbox
/// (visible to admins) until an SMTP server is configured.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's names).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "no-reply@localhost";
    public string FromName { get; set; } = "Hệ thống đánh giá, xếp loại";
    /// <summary>The product's public address, for links in mail ("https://xeploai.example.vn").</summary>
    public string BaseUrl { get; set; } = "http://localhost:5080";
    public int BatchSize { get; set; } = 50;
    public int TimeoutSeconds { get; set; } = 20;
    /// <summary>Minutes to wait after the 1st, 2nd, … failed attempt; after the last the message is marked failed.</summary>
    /// <remarks>Comma-separated (a string, because the configuration binder appends to arrays instead of replacing them).</remarks>
    public string RetryMinutes { get; set; } = "1,5,15,60,240";
    /// <summary>How often the sender job looks for due messages (cron, server time).</summary>
    public string SendCron { get; set; } = "* * * * *";

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
    public int MaxAttempts => Retries.Count + 1;

    public IReadOnlyList<int> Retries =>
        RetryMinutes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(m => int.TryParse(m, out var v) && v > 0 ? v : 1).ToList();

    public TimeSpan DelayAfter(int attempts)
    {
        var retries = Retries;
        return TimeSpan.FromMinutes(retries.Count == 0 ? 1 : retries[Math.Clamp(attempts - 1, 0, retries.Count - 1)]);
    }
}
