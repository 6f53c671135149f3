using System.Net;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Web.Data;

namespace Workflow.Testing;

/// <summary>
/// The real app (all of Program.cs) on a throwaway database, with Hangfire polling every second. One factory per
/// test collection: Hangfire keeps static state, so hosts are shared rather than created per test.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly Dictionary<string, string?> _settings = new();
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly bool _ownsDatabase;

    public AppFactory(TestDatabase database, bool seedDemo = true, bool ownsDatabase = true)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        foreach (var (key, value) in database.Settings)
        {
            _settings[key] = value;
        }

        _settings["Demo:Seed"] = seedDemo ? "true" : "false";
        _settings["Jobs:PollingIntervalSeconds"] = "1";
        _settings["Jobs:WorkerCount"] = "2";
        // No reminder scan of its own (a test that wants one asks, or sets "Reminders:Enabled"), no SMTP unless given,
        // and mail goes out when a job asks rather than every minute.
        _settings["Reminders:Enabled"] = "false";
        _settings["Meetings:Enabled"] = "false";
        _settings["Mail:Host"] = "";
        _settings["Mail:SendCron"] = "0 0 31 2 *";
    }

    public TestDatabase Database => _database;

    /// <summary>Base address of the Kestrel server when <see cref="StartKestrel"/> was called.</summary>
    public Uri? KestrelAddress { get; private set; }

    public AppFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public AppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>Serves over real HTTP on 127.0.0.1 (a free port) for a real browser.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        KestrelAddress = new Uri(addresses.First());
        return KestrelAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    /// <summary>Runs <paramref name="work"/> in a DI scope as the system (no request, so no data scope).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await work(scope.ServiceProvider, db);
    }

    public async Task InScopeAsync(Func<IServiceProvider, AppDbContext, Task> work) =>
        await InScopeAsync<bool>(async (sp, db) =>
        {
            await work(sp, db);
            return true;
        });

    /// <summary>
    /// Waits until Hangfire has settled: nothing queued, nothing processing, no scheduled job already due (three checks
    /// in a row, so a job between its queue and its worker is not missed). What a test asserts "happened only once" is
    /// then final: a duplicate, had there been one, has run.
    /// </summary>
    public async Task<bool> JobsSettledAsync(TimeSpan? timeout = null)
    {
        var monitor = Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var quiet = 0;
        return await Eventually.TrueAsync(() =>
        {
            var busy = monitor.Queues().Sum(q => q.Length) > 0 || monitor.ProcessingCount() > 0
                || monitor.ScheduledJobs(0, 1000).Any(j => j.Value.EnqueueAt <= DateTime.UtcNow);
            quiet = busy ? 0 : quiet + 1;
            return quiet >= 3;
        }, timeout);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
