using System.Collections.Concurrent;

namespace Workflow.Web.Awards;

/// <summary>Compiled layouts per version, for the application's lifetime (one database per host).</summary>
public sealed class CertificateLayoutCache
{
    public ConcurrentDictionary<int, CompiledLayout> Versions { get; } = new();
}
