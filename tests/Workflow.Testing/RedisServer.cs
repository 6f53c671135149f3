using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Workflow.Testing;

/// <summary>
/// A throwaway Redis (Debian's redis-server, installed by tests/run-all.sh) on 127.0.0.1 and a free port, nothing
/// saved to disk; stopped when disposed.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string for the product (Redis:Configuration).</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: tests/run-all.sh installs it (apt-get install redis-server).");
        var port = MailDev.FreePort();
        var start = new ProcessStartInfo(binary, ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--daemonize", "no", "--protected-mode", "yes", "--dir", Path.GetTempPath()])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        var answered = await Eventually.TrueAsync(async () =>
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException) when (!process.HasExited)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(15));
        if (answered && !process.HasExited)
        {
            return server;
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"redis-server did not answer on 127.0.0.1:{port}");
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5_000);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
