namespace Workflow.Engine.Runtime;

/// <summary>
/// How a gateway's completion line in the journal names the sequence flows it took: "→ Flow_a, Flow_b". Readable as it
/// stands in the journal, and parsed back by the instance viewer to highlight the path actually taken.
/// </summary>
public static class TakenFlows
{
    public const string Prefix = "→ ";

    public static string Format(IEnumerable<string> flowIds) => Prefix + string.Join(", ", flowIds);

    /// <summary>The flow ids of a gateway's completion detail; empty when the detail is not such a line.</summary>
    public static IReadOnlyList<string> Parse(string? detail) =>
        detail is not null && detail.StartsWith(Prefix, StringComparison.Ordinal)
            ? detail[Prefix.Length..].Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
}
