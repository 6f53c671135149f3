using System.Diagnostics;
using System.Globalization;

namespace Workflow.Testing;

/// <summary>
/// One node of the product as a real process (`dotnet Workflow.Web.dll` from the web project's build output), on
/// 127.0.0.1 and a port of its own, configured by environment variables. It can be killed (SIGKILL, as a crash),
/// stopped gracefully (SIGTERM, as systemd or a deploy does) and started again on the same port. Its output goes to
/// artifacts/nodes/&lt;name&gt;.log. Disposing kills it, so no node outlives its test.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private Process? _process;
    private StreamWriter? _log;

    private NodeProcess(string name, int port, Dictionary<string, string?> settings)
    {
        Name = name;
        Port = port;
        _settings = settings;
    }

    public string Name { get; }
    public int Port { get; }
    public Uri Address => new($"http://127.0.0.1:{Port}/");
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The running process's id (for a benchmark reading its CPU time), or null when it is not running.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;
    public static string LogFolder => Path.Combine(Artifacts.RepositoryRoot, "artifacts", "nodes");

    /// <summary>Starts a node and waits until /health/ready answers 200 (migrations, seeding and its Hangfire server done).</summary>
    public static async Task<NodeProcess> StartAsync(string name, IReadOnlyDictionary<string, string?> settings, TimeSpan? within = null)
    {
        var node = new NodeProcess(name, MailDev.FreePort(), new Dictionary<string, string?>(settings) { ["Jobs:NodeName"] = name });
        await node.StartAgainAsync(within);
        return node;
    }

    /// <summary>Starts the process (again, after a kill or a stop) on the same port and waits until it is ready.</summary>
    public async Task StartAgainAsync(TimeSpan? within = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"Node {Name} is already running.");
        }

        var web = Path.Combine(Artifacts.RepositoryRoot, "src", "Workflow.Web");
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Debug"; // …/bin/Debug/net10.0/
        var dll = Path.Combine(web, "bin", configuration, "net10.0", "Workflow.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The web project's build output is missing: {dll} (dotnet build Workflow.sln builds it).");
        }

        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }

        Directory.CreateDirectory(LogFolder);
        _log = new StreamWriter(Path.Combine(LogFolder, Name + ".log"), append: true) { AutoFlush = true };
        await _log.WriteLineAsync($"==== start {DateTime.UtcNow:O} on {Address}");
        var log = _log;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Node {Name} did not start.");
        _process.OutputDataReceived += (_, e) => Write(log, e.Data);
        _process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var process = _process;
        var ready = await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited)
            {
                return true; // reported below
            }

            try
            {
                return (await http.GetAsync(new Uri(Address, "health/ready"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, within ?? TimeSpan.FromSeconds(120));
        if (!ready || process.HasExited)
        {
            var exit = process.HasExited ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "still running";
            Kill();
            throw new InvalidOperationException($"Node {Name} did not become ready (exit: {exit}); see {Path.Combine(LogFolder, Name + ".log")}.");
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // the node was disposed while it still wrote
            }
        }
    }

    /// <summary>SIGKILL: the process dies at once, holding whatever it held (a crash, a power cut).</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    /// <summary>SIGTERM: the host stops gracefully (running jobs finish or are handed back) and exits.</summary>
    public async Task StopAsync(TimeSpan? within = null)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new InvalidOperationException($"Node {Name} did not stop within the time after SIGTERM.");
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        _log?.Dispose();
        return ValueTask.CompletedTask;
    }
}
