namespace Workflow.Web.Processes;

public sealed class WfJournal
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public Guid? ActivityInstanceId { get; set; }
    public string? ElementId { get; set; }
    public string? ElementKind { get; set; }
    public int Event { get; set; }
    public DateTime AtUtc { get; set; }
    public string? Actor { get; set; }
    public string? Detail { get; set; }
}
