namespace Workflow.Engine;

/// <summary>
/// Identifies the engine. The engine's model, runtime and ports arrive with the engine issue; this library exists now
/// so the dependency boundary (no ASP.NET Core, EF Core or Hangfire) is enforced by the compiler from the start.
/// </summary>
public static class EngineInfo
{
    /// <summary>The engine's name as shown in diagnostics.</summary>
    public const string Name = "Workflow.Engine";
}
