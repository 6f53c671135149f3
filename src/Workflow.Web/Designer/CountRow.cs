namespace Workflow.Web.Designer;

public sealed class CountRow
{
    public string ElementId { get; set; } = "";
    public long Count { get; set; }
}
