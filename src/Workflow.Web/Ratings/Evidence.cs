namespace Workflow.Web.Ratings;

/// <summary>An evidence file attached to a self-assessment: stored outside the web root under a random name.</summary>
public sealed class Evidence : Entity, IAudited
{
    public Guid FileId { get; set; }
    /// <summary>The name the user gave it, cleaned (shown and used for downloads).</summary>
    public required string FileName { get; set; }
    /// <summary>The type found in the content, never the one the browser claimed.</summary>
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>Relative to the evidence folder.</summary>
    public required string StoragePath { get; set; }
    public DateTime UploadedAtUtc { get; set; }
    public string? UploadedBy { get; set; }
    /// <summary>Removed by its uploader while the file was editable: hidden from the file, kept (and in the timeline).</summary>
    public DateTime? RemovedAtUtc { get; set; }
    public string? RemovedBy { get; set; }
}
