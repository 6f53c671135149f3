using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using StackExchange.Redis;
using Workflow.Web.Data;
using Workflow.Web.Jobs;

namespace Workflow.Web.Setup;

/// <summary>
/// What lets several nodes serve one province behind a reverse proxy: the data-protection key ring in the database (a
/// cookie or an antiforgery token from one node is read by every node), the SignalR backplane on Redis when configured
/// (live updates reach the users of every node), forwarded headers from the proxy, metrics for Prometheus and a
/// graceful stop. A single node (the SQLite default) runs the same code with Redis off.
/// </summary>
public static class NodesSetup
{
    public const string RedisSection = "Redis";

    public static void AddNodes(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;

        // One key ring for every node, in the product's database; one application name whatever folder a node runs from.
        var protection = builder.Services.AddDataProtection()
            .SetApplicationName("Workflow")
            .PersistKeysToDbContext<AppDbContext>();
        var certificate = config["DataProtection:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(certificate))
        {
            // The keys encrypted at rest with the province's certificate (every node holds the same .pfx).
            protection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificate, config["DataProtection:CertificatePassword"]));
        }

        var redis = config[$"{RedisSection}:Configuration"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false; // a node starts while Redis is down, and reconnects by itself
            var multiplexer = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => multiplexer.Value);
            builder.Services.AddSignalR().AddStackExchangeRedis(o =>
            {
                o.Configuration.ChannelPrefix = RedisChannel.Literal(config[$"{RedisSection}:ChannelPrefix"] ?? "workflow");
                o.ConnectionFactory = _ => Task.FromResult<IConnectionMultiplexer>(multiplexer.Value);
            });
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [WebUiSetup.ReadyTag]);
        }

        // Behind a reverse proxy: the client's address and scheme from X-Forwarded-*, trusted only from the proxies named.
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in config.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    o.KnownProxies.Add(address);
                }
            }

            foreach (var network in config.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    o.KnownIPNetworks.Add(parsed);
                }
            }

            var hosts = config.GetSection("ForwardedHeaders:AllowedHosts").Get<string[]>();
            if (hosts is { Length: > 0 })
            {
                o.AllowedHosts = hosts;
            }
        });

        // Request rates and latencies, the runtime, the engine's commands, the jobs and the queues, for Prometheus.
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("workflow", serviceInstanceId: builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>()?.ServerName))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(ProductMetrics.MeterName, Workflow.Engine.Runtime.EngineMetrics.MeterName)
                .AddPrometheusExporter());
    }

    /// <summary>
    /// Forwarded headers first of all, when a proxy is configured (ForwardedHeaders:Enabled); /metrics in Prometheus'
    /// text format, answered to the addresses in Metrics:AllowedNetworks and loopback, and 404 to anyone else (so the
    /// reverse proxy never exposes it).
    /// </summary>
    public static void UseNodes(this WebApplication app)
    {
        if (app.Configuration.GetValue("ForwardedHeaders:Enabled", false))
        {
            app.UseForwardedHeaders();
        }

        app.Services.GetRequiredService<ProductMetrics>(); // its gauges exist once it does
        var allowed = (app.Configuration.GetSection("Metrics:AllowedNetworks").Get<string[]>() ?? [])
            .Select(n => System.Net.IPNetwork.TryParse(n, out var parsed) ? parsed : (System.Net.IPNetwork?)null)
            .OfType<System.Net.IPNetwork>().ToList();
        app.Use((http, next) =>
        {
            if (http.Request.Path == "/metrics" && !MayScrape(http.Connection.RemoteIpAddress, allowed))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(http);
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(http => http.Request.Path == "/metrics");
    }

    private static bool MayScrape(IPAddress? remote, List<System.Net.IPNetwork> allowed) =>
        remote is null || IPAddress.IsLoopback(remote) || allowed.Any(n => n.Contains(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote));
}
