using Workflow.Engine;

namespace Workflow.Web.Common;

/// <summary>
/// Base of every domain row: a time-ordered key (UUID v7) so inserts append to the index instead of scattering,
/// which keeps bulk inserts on SQLite several times faster than random keys (<see cref="Uuid7"/>: randomness drawn in blocks).
/// </summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Uuid7.New();
}
