namespace Workflow.Web.Ratings;

/// <summary>
/// The bytes of an evidence file kept in the database (Evidence:Storage = Database, the default on PostgreSQL), so every
/// node of a province serves it. A table of its own: listing a file's evidence never reads the bytes.
/// </summary>
public sealed class EvidenceContent
{
    /// <summary>The evidence's id.</summary>
    public Guid Id { get; set; }
    public required byte[] Bytes { get; set; }
}
