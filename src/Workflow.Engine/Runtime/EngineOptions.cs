namespace Workflow.Engine.Runtime;

public sealed record EngineOptions
{
    /// <summary>Zone for timer dates and due dates written without an offset. The product runs in Việt Nam.</summary>
    public TimeZoneInfo TimeZone { get; init; } = FindZone("Asia/Ho_Chi_Minh");

    public Expressions.ExpressionLimits ExpressionLimits { get; init; } = new();

    /// <summary>Default lock for fetched external tasks when the worker does not say.</summary>
    public TimeSpan DefaultLockDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The shortest period of a repeating timer, at deploy time and when a cycle expression is evaluated.</summary>
    public TimeSpan MinTimerCycle { get; init; } = TimeSpan.FromMinutes(1);

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(7), id, id);
        }
    }
}
