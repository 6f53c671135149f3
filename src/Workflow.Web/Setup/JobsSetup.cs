using Hangfire;
using Hangfire.PostgreSql;
using Workflow.Web.Data;
using Workflow.Web.Jobs;

namespace Workflow.Web.Setup;

public static class JobsSetup
{
    /// <summary>
    /// Hangfire on the same switch as the database: in-memory storage beside SQLite (there is no SQLite storage in our
    /// registry), PostgreSQL storage beside PostgreSQL. Because in-memory storage forgets on restart, the database is
    /// the source of truth for pending work and a start-up job re-derives the jobs (docs/adr/0001).
    /// </summary>
    public static void AddJobs(this WebApplicationBuilder builder)
    {
        var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new();
        var db = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        var postgres = db.PostgresConnectionString ?? builder.Configuration.GetConnectionString("Postgres");
        var polling = TimeSpan.FromSeconds(Math.Max(0.2, jobs.PollingIntervalSeconds));
        builder.Services.AddSingleton(jobs);

        builder.Services.AddSingleton<ProductMetrics>();
        JobMetricsFilter.Register();
        builder.Services.AddHangfire(cfg =>
        {
            cfg.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (db.IsPostgres)
            {
                cfg.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(postgres),
                    new PostgreSqlStorageOptions
                    {
                        QueuePollInterval = polling,
                        PrepareSchemaIfNecessary = true,
                        InvisibilityTimeout = TimeSpan.FromSeconds(Math.Max(10, jobs.InvisibilityTimeoutSeconds)),
                        UseSlidingInvisibilityTimeout = true,
                        StartupConnectionMaxRetries = 5,
                    });
            }
            else
            {
                cfg.UseInMemoryStorage();
            }
        });

        if (jobs.RunServer)
        {
            builder.Services.AddHangfireServer(o =>
            {
                o.SchedulePollingInterval = polling;
                o.WorkerCount = Math.Max(1, jobs.WorkerCount);
                o.ServerName = jobs.ServerName;
                o.HeartbeatInterval = TimeSpan.FromSeconds(Math.Clamp(jobs.ServerTimeoutSeconds / 4, 1, 30));
                o.ServerTimeout = TimeSpan.FromSeconds(Math.Max(5, jobs.ServerTimeoutSeconds));
                o.ServerCheckInterval = TimeSpan.FromSeconds(Math.Clamp(jobs.ServerTimeoutSeconds / 3, 1, 60));
                o.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(1, jobs.ShutdownTimeoutSeconds));
            });
        }

        builder.Services.AddTransient<PendingWorkRecovery>();
        // The host waits a little longer than Hangfire for running jobs to end when the node stops.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(1, jobs.ShutdownTimeoutSeconds) + 10));
    }

    /// <summary>The dashboard (Admin only) and the start-up recovery job.</summary>
    public static void MapJobs(this WebApplication app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdminDashboardFilter()],
            DashboardTitle = "Công việc nền",
            AppPath = "/",
        });

        app.Lifetime.ApplicationStarted.Register(() =>
            app.Services.GetRequiredService<IBackgroundJobClient>()
                .Enqueue<PendingWorkRecovery>(j => j.RunAsync(CancellationToken.None)));
    }
}
