using Microsoft.Extensions.DependencyInjection;
using Workflow.Web.Jobs;
using Workflow.Web.Processes;

namespace Workflow.Web.Tests;

/// <summary>
/// One running app per database kind, shared by the tests of a collection (ContosoUniversity's SliceFixture idea).
/// Tests create their own rows with unique names instead of resetting the database, so they stay independent.
/// </summary>
public abstract class AppHost(DatabaseKind kind) : IAsyncLifetime
{
    public AppFactory Factory { get; private set; } = null!;

    public DatabaseKind Kind => kind;

    /// <summary>The host's clock: real time, moved forward by a test that needs time to pass (never back).</summary>
    public ShiftedClock Clock { get; } = new();

    public async Task InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync(kind);
        Factory = await ConfigureAsync(new AppFactory(database));
        Factory = Factory
            .WithSetting("Engine:ServiceTasks:Retries", "2")
            .WithSetting("Engine:ServiceTasks:BackoffSeconds", "1")
            .WithSetting("Engine:MinTimerCycleSeconds", "1") // the timer tests run one-second cycles
            .WithServices(s =>
            {
                s.AddSingleton<TimeProvider>(Clock);
                s.AddScoped<IPendingWorkSource, ProbeWorkSource>();
                s.AddTopicHandler<Processes.EchoHandler>(Processes.EchoHandler.TopicName);
                s.AddTopicHandler<Processes.FailingHandler>(Processes.FailingHandler.TopicName);
                s.AddTopicHandler<Processes.RefusingHandler>(Processes.RefusingHandler.TopicName);
            });
        _ = Factory.Server; // start the host now: migrations and demo seeding run here, once
    }

    /// <summary>A host kind's own settings, before the host starts.</summary>
    protected virtual Task<AppFactory> ConfigureAsync(AppFactory factory) => Task.FromResult(factory);

    public virtual async Task DisposeAsync() => await Factory.DisposeAsync();

    public Task<WebSession> SignInAsync(string userName, string password = WebSession.DemoPassword) =>
        WebSession.SignedInAsync(Factory, userName, password);

    /// <summary>A client authenticating with HTTP Basic as Camunda's tools do: no cookies, no redirects followed.</summary>
    public HttpClient BasicClient(string user, string password = WebSession.DemoPassword)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }
}

public sealed class SqliteHost() : AppHost(DatabaseKind.Sqlite);

public sealed class PostgresHost() : AppHost(DatabaseKind.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteHost>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresHost>
{
    public const string Name = "postgres";
}

/// <summary>A pending-work source that records that start-up recovery ran (the mechanism later sources rely on).</summary>
public sealed class ProbeWorkSource : IPendingWorkSource
{
    private static int _runs;

    public static int Runs => Volatile.Read(ref _runs);

    public string Name => "probe";

    public Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        return Task.FromResult(0);
    }
}
