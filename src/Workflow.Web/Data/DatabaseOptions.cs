namespace Workflow.Web.Data;

/// <summary>The "Database" section of appsettings.json.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (default) or "Postgres".</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>SQLite file, relative to the content root unless absolute. Its folder is created at start.</summary>
    public string SqlitePath { get; set; } = "App_Data/workflow.db";

    /// <summary>PostgreSQL connection string (ConnectionStrings:Postgres also works, and the environment overrides).</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// PostgreSQL: the planner's cost of a random page read for the product's own sessions (sent as a session option).
    /// The server's default, 4, is meant for spinning disks and makes the planner scan whole task tables rather than
    /// look up the few tasks a reviewer may see; 1.1 suits SSDs and a cached working set. Empty: the server's setting.
    /// </summary>
    public string? PostgresRandomPageCost { get; set; } = "1.1";

    /// <summary>The connection string the product uses: the configured one, with the session options above added.</summary>
    public string? EffectivePostgresConnectionString()
    {
        if (string.IsNullOrWhiteSpace(PostgresConnectionString))
        {
            return PostgresConnectionString;
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString);
        if (double.TryParse(PostgresRandomPageCost, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var cost)
            && cost > 0 && builder.Options?.Contains("random_page_cost", StringComparison.Ordinal) != true)
        {
            builder.Options = $"{builder.Options} -c random_page_cost={cost.ToString(System.Globalization.CultureInfo.InvariantCulture)}".Trim();
        }

        return builder.ConnectionString;
    }

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);
}
