namespace Workflow.Web.Processes;

/// <summary>The Hangfire job that wakes a timer, so the timer's end can delete it.</summary>
public sealed class WfTimerJob
{
    public required string TimerId { get; set; }
    public required string JobId { get; set; }
}
