namespace Workflow.Web.Imports;

/// <summary>
/// One uploaded sheet and what became of it: the file itself (so the import resumes after a restart, on any node), the
/// dry run's counts and row errors, and the progress of the import in batches (<see cref="Done"/> rows written and
/// committed). It is also the audit record of the import: who, when, which file, what changed.
/// </summary>
public sealed class ImportJob : Entity
{
    public ImportKind Kind { get; set; }
    /// <summary>The committee the rows must stay under (the importer's unit; the whole tree for an Admin's import at the root).</summary>
    public Guid ScopeUnitId { get; set; }
    public string ScopePath { get; set; } = "";
    public required string FileName { get; set; }
    public byte[] Content { get; set; } = [];
    public ImportStatus Status { get; set; }
    public int Total { get; set; }
    public int Done { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int ErrorCount { get; set; }
    /// <summary>The first row errors as JSON (see <see cref="ImportError"/>).</summary>
    public string Errors { get; set; } = "[]";
    public string? Failure { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    /// <summary>Until when the runner that claimed it holds it; renewed at every batch. A second runner stays away until it lapses.</summary>
    public DateTime? LeaseUntilUtc { get; set; }
    public int Version { get; set; }
}
