using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Workflow.Testing;

/// <summary>One email as maildev received it.</summary>
public sealed record ReceivedMail(string Subject, string To, string Text, string Html);

/// <summary>
/// A real SMTP server for tests: maildev (npm, tests/maildev) on 127.0.0.1, SMTP on one free port and its JSON API on
/// another. It is installed with `npm ci` the first time (one process at a time) and stopped when disposed.
/// </summary>
public sealed class MailDev : IAsyncDisposable
{
    private static readonly SemaphoreSlim Install = new(1, 1);
    private readonly Process _process;
    private readonly HttpClient _http;

    private MailDev(Process process, int smtpPort, int webPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int SmtpPort { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts maildev; <paramref name="smtpPort"/> lets a test bring a server "back" on the port the app was given.</summary>
    public static async Task<MailDev> StartAsync(int? smtpPort = null)
    {
        var folder = Path.Combine(Artifacts.RepositoryRoot, "tests", "maildev");
        var script = Path.Combine(folder, "node_modules", "maildev", "dist", "bin", "maildev.js");
        await EnsureInstalledAsync(folder, script);
        var smtp = smtpPort ?? FreePort();
        var web = FreePort();
        var start = new ProcessStartInfo("node", [script, "--smtp", smtp.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ip", "127.0.0.1", "--web", web.ToString(System.Globalization.CultureInfo.InvariantCulture), "--web-ip", "127.0.0.1", "--silent"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("maildev did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MailDev(process, smtp, web);
        var answered = await Eventually.TrueAsync(async () =>
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, smtp);
                await server._http.GetStringAsync("api/email");
                return true;
            }
            catch (Exception) when (!process.HasExited)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(15));
        if (answered)
        {
            return server;
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"maildev did not answer on 127.0.0.1:{smtp}/{web}");
    }

    private static async Task EnsureInstalledAsync(string folder, string script)
    {
        await Install.WaitAsync();
        try
        {
            if (File.Exists(script))
            {
                return;
            }

            var npm = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]) { WorkingDirectory = folder, UseShellExecute = false };
            npm.Environment["IBM_TELEMETRY_DISABLED"] = "true";
            using var process = Process.Start(npm)!;
            await process.WaitForExitAsync();
            if (!File.Exists(script))
            {
                throw new InvalidOperationException($"npm ci in {folder} did not install maildev (exit {process.ExitCode})");
            }
        }
        finally
        {
            Install.Release();
        }
    }

    public async Task<IReadOnlyList<ReceivedMail>> EmailsAsync()
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync("api/email"));
        return doc.RootElement.EnumerateArray().Select(e => new ReceivedMail(
            e.TryGetProperty("subject", out var s) ? s.GetString() ?? "" : "",
            e.TryGetProperty("to", out var to) && to.ValueKind == JsonValueKind.Array && to.GetArrayLength() > 0 ? to[0].GetProperty("address").GetString() ?? "" : "",
            e.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "",
            e.TryGetProperty("html", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() ?? "" : "")).ToList();
    }

    /// <summary>Waits until at least <paramref name="count"/> emails arrived (or the time is up) and returns them all.</summary>
    public Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count, TimeSpan? within = null) =>
        Eventually.ValueAsync(EmailsAsync, mails => mails.Count >= count, within ?? TimeSpan.FromSeconds(20));

    public async Task ClearAsync() => (await _http.DeleteAsync("api/email/all")).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
