using Microsoft.EntityFrameworkCore;

namespace Workflow.Web.Data;

/// <summary>The PostgreSQL flavour (scale option). Owns the migrations under Data/Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, RequestContext? request = null)
    : AppDbContext(options, request);
