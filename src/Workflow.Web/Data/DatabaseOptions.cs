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

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);
}
