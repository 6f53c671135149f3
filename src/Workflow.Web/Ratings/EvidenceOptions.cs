namespace Workflow.Web.Ratings;

public sealed class EvidenceOptions
{
    /// <summary>Where evidence files are kept (outside wwwroot); relative paths are under the content root.</summary>
    public string Folder { get; set; } = "App_Data/evidence";
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
    public int MaxFilesPerFile { get; set; } = 20;
}
