namespace Workflow.Web.Ratings;

public sealed class EvidenceOptions
{
    /// <summary>Where evidence files are kept (outside wwwroot); relative paths are under the content root.</summary>
    public string Folder { get; set; } = "App_Data/evidence";
    /// <summary>
    /// Where new evidence goes: "Database" (every node serves it), "Folder" (the folder above: local, or a share every
    /// node mounts), or "Auto" (the default: the database on PostgreSQL, the folder on SQLite). Files stored before a
    /// change are still read from where they were put.
    /// </summary>
    public string Storage { get; set; } = "Auto";

    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
    public int MaxFilesPerFile { get; set; } = 20;
}
