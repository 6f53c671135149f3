using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflow.Web.Data;
using Workflow.Web.Ratings;

namespace Workflow.Web.Tests.Nodes;

/// <summary>
/// Real nodes of the product for the failure tests: processes started from the build output, on one database (and
/// one Redis, one SMTP server), demo data seeded by whichever node gets the start-up lock. Timeouts are shortened so a
/// dead node's work moves within seconds (the product's defaults say a minute and a half).
/// </summary>
public sealed class NodeCluster : IAsyncDisposable
{
    private readonly List<NodeProcess> _nodes = [];

    private NodeCluster(TestDatabase database, RedisServer? redis, MailDev? mail)
    {
        Database = database;
        Redis = redis;
        Mail = mail;
    }

    public TestDatabase Database { get; }
    public RedisServer? Redis { get; }
    public MailDev? Mail { get; }
    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    public static async Task<NodeCluster> CreateAsync(DatabaseKind kind, bool redis, bool mail = false)
    {
        var database = await TestDatabase.CreateAsync(kind);
        return new NodeCluster(database, redis ? await RedisServer.StartAsync() : null, mail ? await MailDev.StartAsync() : null);
    }

    public Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>(Database.Settings.ToDictionary(s => s.Key, s => s.Value))
        {
            ["Jobs:PollingIntervalSeconds"] = "1",
            ["Jobs:InvisibilityTimeoutSeconds"] = "12",
            ["Jobs:ServerTimeoutSeconds"] = "12",
            ["Jobs:LeaseSeconds"] = "8",
            ["Jobs:ShutdownTimeoutSeconds"] = "5",
            ["Engine:ServiceTasks:LockSeconds"] = "10",
            ["Demo:Seed"] = "true",
            ["Reminders:Enabled"] = "false",
            ["Meetings:Enabled"] = "false",
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
            ["Logging:LogLevel:Workflow"] = "Information",
            // Behind a proxy on this machine: X-Forwarded-* trusted from loopback only.
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        };
        if (Redis is not null)
        {
            settings["Redis:Configuration"] = Redis.Configuration;
        }

        settings["Mail:Host"] = Mail is null ? "" : "127.0.0.1";
        if (Mail is not null)
        {
            settings["Mail:Port"] = Mail.SmtpPort.ToString(CultureInfo.InvariantCulture);
            settings["Mail:Security"] = "None";
            settings["Mail:TimeoutSeconds"] = "5";
        }

        return settings;
    }

    /// <summary>Starts nodes together (they race for the start-up lock) and waits until every one is ready.</summary>
    public async Task<IReadOnlyList<NodeProcess>> StartAsync(params string[] names)
    {
        var started = await Task.WhenAll(names.Select(n => NodeProcess.StartAsync(n, Settings())));
        _nodes.AddRange(started);
        return started;
    }

    public static WebSession Session(NodeProcess node, CookieContainer? cookies = null) => new(node.Address, cookies ?? new CookieContainer());

    public static async Task<WebSession> SignedInAsync(NodeProcess node, string user)
    {
        var session = Session(node);
        var response = await session.LoginAsync(user, WebSession.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    /// <summary>A client of /engine-rest on <paramref name="node"/> signed in with Basic credentials, as Camunda's clients are.</summary>
    public static HttpClient BasicClient(NodeProcess node, string user)
    {
        var client = new HttpClient { BaseAddress = node.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{WebSession.DemoPassword}")));
        return client;
    }

    /// <summary>The product's own database context on the cluster's database, for a test to seed rows no page creates in bulk.</summary>
    public AppDbContext Context() => Database.Kind == DatabaseKind.Postgres
        ? new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(Database.PostgresConnectionString)
            .AddInterceptors(TextInterceptor.Instance).Options)
        : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={Database.SqliteFile};Pooling=False;Default Timeout=30")
            .AddInterceptors(SqlitePragmas.Instance, TextInterceptor.Instance).Options);

    public DbConnection Connection() => Database.Kind == DatabaseKind.Postgres
        ? new NpgsqlConnection(Database.PostgresConnectionString)
        : new SqliteConnection($"Data Source={Database.SqliteFile};Pooling=False;Default Timeout=30");

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt64(await QueryAsync(sql, parameters), CultureInfo.InvariantCulture);

    public async Task<string?> ScalarTextAsync(string sql, params (string Name, object Value)[] parameters) =>
        await QueryAsync(sql, parameters) is { } value and not DBNull ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    /// <summary>One value read straight from the database; a GUID parameter is written as the provider stores it.</summary>
    private async Task<object?> QueryAsync(string sql, (string Name, object Value)[] parameters)
    {
        await using var connection = Connection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = Database.Kind == DatabaseKind.Sqlite && value is Guid g ? g.ToByteArray(bigEndian: true) : value; // GuidBigEndianBytes
            command.Parameters.Add(p);
        }

        return await command.ExecuteScalarAsync();
    }

    /// <summary>Opens a round over HTTP (the opener's antiforgery token included) and returns its id.</summary>
    public async Task<Guid> OpenRoundAsync(WebSession opener, string unitCode, int year, params SubjectType[] types)
    {
        var unit = await IdAsync("""SELECT "Id" FROM "Units" WHERE "Code" = @code""", ("@code", unitCode));
        var ruleSet = await IdAsync($"""SELECT "Id" FROM "RuleSets" WHERE "FromYear" <= {year} AND ("ToYear" IS NULL OR "ToYear" >= {year}) ORDER BY "Code", "Version" DESC LIMIT 1""");
        var response = await opener.PostJsonAsync("/api/rounds", new
        {
            year, ruleSetId = ruleSet, decidingUnitId = unit, subjectTypes = types,
            selfAssessmentDue = new DateTime(year, 12, 10, 17, 0, 0), reviewDue = new DateTime(year, 12, 20, 17, 0, 0),
            decisionDue = new DateTime(year, 12, 28, 17, 0, 0), complaintDays = 15,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private async Task<Guid> IdAsync(string sql, params (string Name, object Value)[] parameters) =>
        await QueryAsync(sql, parameters) switch
        {
            null => throw new InvalidOperationException("Nothing found: " + sql),
            Guid guid => guid,
            byte[] bytes => new Guid(bytes, bigEndian: true), // SQLite: GuidBigEndianBytes
            var other => Guid.Parse(Convert.ToString(other, CultureInfo.InvariantCulture)!),
        };

    /// <summary>
    /// The node whose Hangfire server is running the job <paramref name="jobType"/> for <paramref name="argument"/>, once
    /// the work has made some progress (<paramref name="progress"/> at least 1).
    /// </summary>
    public async Task<NodeProcess> RunnerOfAsync(string jobType, Guid argument, Func<Task<long>> progress)
    {
        string? server = null;
        var found = await Eventually.TrueAsync(async () =>
        {
            await using var connection = Connection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT s.data::text FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
                WHERE j.statename = 'Processing' AND j.invocationdata::text LIKE @type AND j.arguments::text LIKE @argument
                """;
            foreach (var (name, value) in new[] { ("@type", $"%{jobType}%"), ("@argument", $"%{argument}%") })
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value;
                command.Parameters.Add(p);
            }

            var data = (string?)await command.ExecuteScalarAsync();
            if (data is null || await progress() < 1)
            {
                return false;
            }

            server = JsonDocument.Parse(data).RootElement.GetProperty("ServerId").GetString();
            return true;
        }, TimeSpan.FromSeconds(60));
        Assert.True(found, $"No node was seen running {jobType} for {argument}.");
        return _nodes.Single(n => server!.StartsWith(n.Name + ":", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A round's progress as its API shows it (status, opened, subjects).</summary>
    public static async Task<(string Status, int Opened, int Subjects)> RoundAsync(WebSession reader, Guid roundId)
    {
        var round = await reader.GetJsonAsync($"/api/rounds/{roundId}");
        return (round.GetProperty("status").GetString()!, round.GetProperty("openedCount").GetInt32(), round.GetProperty("subjectCount").GetInt32());
    }

    /// <summary>
    /// Exactly one file and one workflow instance per subject of the round, counted in the database: files, distinct
    /// subjects, distinct instances, and no instance of the rating workflow that no file holds.
    /// </summary>
    public async Task AssertOneFileAndInstancePerSubjectAsync(Guid roundId, int subjects)
    {
        var r = ("@r", (object)roundId);
        Assert.Equal(subjects, await ScalarAsync("""SELECT COUNT(*) FROM "Files" WHERE "RoundId" = @r""", r));
        Assert.Equal(subjects, await ScalarAsync("""SELECT COUNT(*) FROM (SELECT DISTINCT "SubjectType", "SubjectUnitId", "MemberId" FROM "Files" WHERE "RoundId" = @r) s""", r));
        Assert.Equal(subjects, await ScalarAsync("""SELECT COUNT(DISTINCT "InstanceId") FROM "Files" WHERE "RoundId" = @r""", r));
        Assert.Equal(subjects, await ScalarAsync("""SELECT COUNT(*) FROM "WfInstances" i WHERE EXISTS (SELECT 1 FROM "Files" f WHERE f."InstanceId" = i."Id" AND f."RoundId" = @r)""", r));
        Assert.Equal(0, await ScalarAsync($"""SELECT COUNT(*) FROM "WfInstances" i WHERE i."DefinitionKey" = '{RatingWorkflow.ProcessKey}' AND NOT EXISTS (SELECT 1 FROM "Files" f WHERE f."InstanceId" = i."Id")"""));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (Mail is not null)
        {
            await Mail.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
