using Microsoft.EntityFrameworkCore;

namespace Workflow.Web.Data;

/// <summary>The SQLite flavour (default, embedded). Owns the migrations under Data/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, RequestContext? request = null)
    : AppDbContext(options, request)
{
    /// <summary>
    /// GUIDs as 16-byte BLOBs in big-endian order (not EF's default 36-character text): rows and indexes are much
    /// smaller, and the byte order keeps version-7 keys sorted by time, so inserts append to the index.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<Guid>().HaveConversion<GuidBigEndianBytes>().HaveColumnType("BLOB");
    }
}
