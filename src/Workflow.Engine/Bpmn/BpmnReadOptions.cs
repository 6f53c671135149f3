namespace Workflow.Engine.Bpmn;

/// <summary>
/// Deploy-time limits the reader and validator apply to a file. A definition already stored is read back with
/// <see cref="Stored"/>, so tightening a limit later never makes a deployed version unreadable.
/// </summary>
public sealed record BpmnReadOptions
{
    public static BpmnReadOptions Default { get; } = new();

    /// <summary>For definitions read back from the store: no deploy-time limits.</summary>
    public static BpmnReadOptions Stored { get; } = new() { MinTimerCycle = TimeSpan.Zero };

    /// <summary>
    /// The shortest period a repeating timer (a cycle) may have. A cycle of one millisecond would write hundreds of
    /// journal rows a second; the default is one minute.
    /// </summary>
    public TimeSpan MinTimerCycle { get; init; } = TimeSpan.FromMinutes(1);
}
