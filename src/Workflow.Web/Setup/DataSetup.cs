using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workflow.Web.Audit;
using Workflow.Web.Data;
using Workflow.Web.Demo;

namespace Workflow.Web.Setup;

public static class DataSetup
{
    /// <summary>
    /// One DbContext type for the whole app, with the provider chosen by configuration. Each provider has its own
    /// context subclass only so EF Core keeps separate migrations; services always ask for <see cref="AppDbContext"/>.
    /// </summary>
    public static void AddData(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        options.PostgresConnectionString ??= builder.Configuration.GetConnectionString("Postgres");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<RequestContext>();
        builder.Services.AddScoped<AuditInterceptor>();
        builder.Services.AddScoped<DomainEvents>();
        builder.Services.AddScoped<Notifications.Notifier>();
        builder.Services.AddScoped<Notifications.NoticeBoard>();
        builder.Services.AddScoped<DomainEventsInterceptor>();

        if (options.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider là Postgres nhưng chưa có chuỗi kết nối (Database:PostgresConnectionString hoặc ConnectionStrings:Postgres).");
            }

            builder.Services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => o
                .UseNpgsql(options.EffectivePostgresConnectionString())
                .ConfigureWarnings(IgnoreUserUnitFilterWarning)
                .AddInterceptors([TextInterceptor.Instance, sp.GetRequiredService<AuditInterceptor>(), .. sp.GetServices<IInterceptor>(),
                    sp.GetRequiredService<DomainEventsInterceptor>()]));
        }
        else
        {
            var path = SqlitePath(options, builder.Environment.ContentRootPath);
            builder.Services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o
                .UseSqlite($"Data Source={path};Pooling=True;Default Timeout=30")
                .ConfigureWarnings(IgnoreUserUnitFilterWarning)
                .AddInterceptors([SqlitePragmas.Instance, TextInterceptor.Instance, sp.GetRequiredService<AuditInterceptor>(), .. sp.GetServices<IInterceptor>(),
                    sp.GetRequiredService<DomainEventsInterceptor>()]));
        }

        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddScoped<Demo.DemoHistory>();
        builder.Services.AddScoped<Demo.DemoTargets>();
        builder.Services.AddScoped<Org.OrgTree>();
    }

    /// <summary>
    /// Users are deliberately not filtered by scope (sign-in must find them), while their unit is: EF Core warns about
    /// that pairing. Pages that list users join the scoped Units set instead of following the navigation.
    /// </summary>
    private static void IgnoreUserUnitFilterWarning(Microsoft.EntityFrameworkCore.Diagnostics.WarningsConfigurationBuilder w) =>
        w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning);

    public static string SqlitePath(DatabaseOptions options, string contentRoot) =>
        Path.GetFullPath(Path.IsPathRooted(options.SqlitePath)
            ? options.SqlitePath
            : Path.Combine(contentRoot, options.SqlitePath));

    /// <summary>Held while a node migrates, seeds and deploys (<see cref="StartupLock"/>).</summary>
    public static Task<StartupLock> StartupLockAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        var file = SqlitePath(options, app.Environment.ContentRootPath);
        if (!options.IsPostgres)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        }

        return StartupLock.AcquireAsync(options, file, app.Logger);
    }

    /// <summary>
    /// Brings the database to the current model with migrations (never EnsureCreated: on PostgreSQL it silently skips
    /// tables when Hangfire's exist), makes sure the roles and every feature's reference data (<see cref="IReferenceData"/>) exist, and seeds the demo province when enabled.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        if (!options.IsPostgres)
        {
            var file = SqlitePath(options, app.Environment.ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!options.IsPostgres)
        {
            // WAL lets readers (the inbox) proceed while a writer commits; it is a property of the file, set once.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.CloseConnectionAsync();
        }

        await db.Database.MigrateAsync();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        await seeder.EnsureRolesAsync();
        foreach (var data in scope.ServiceProvider.GetServices<IReferenceData>())
        {
            await data.EnsureAsync(CancellationToken.None);
        }

        if (app.Configuration.GetValue("Demo:Seed", true))
        {
            await seeder.SeedAsync();
            await scope.ServiceProvider.GetRequiredService<Demo.DemoHistory>().SeedAsync();
            await scope.ServiceProvider.GetRequiredService<Demo.DemoTargets>().SeedAsync();
            await seeder.PrintLoginsAsync(app.Logger);
        }
    }
}
