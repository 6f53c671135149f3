
namespace Workflow.Web.Common;

/// <summary>
/// Base of every domain row: a time-ordered key (UUID v7) so inserts append to the index instead of scattering,
/// which keeps bulk inserts on SQLite several times faster than random keys.
/// </summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
}
